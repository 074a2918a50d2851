using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Reports;

/// <summary>
/// Report definitions and their reports. Members read reports (figures only, never names); administrators upload
/// definitions. A refused definition answers 400 with every problem and its line, and changes nothing.
/// </summary>
public static class ReportsApi
{
    public sealed record DefinitionSummary(string Key, string Title, string Scope, int Version, DateTime UploadedAt);

    public sealed record DefinitionDocument(string Key, int Version, DateTime UploadedAt, string Text);

    public sealed record DefinitionWrite(string? Text);

    public sealed record NewDefinition(string? Key, string? Text);

    public sealed record Uploaded(string Key, int Version);

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").RequireAuthorization(Policies.Member);
        reports.MapGet("/", List);
        reports.MapGet("/{key}/definition", Definition);
        reports.MapPost("/", Create).RequireAuthorization(Policies.AdministerOrganisation);
        reports.MapPut("/{key}/definition", Upload).RequireAuthorization(Policies.AdministerOrganisation);
        reports.MapGet("/{key}/{year:int}", Report);
        reports.MapGet("/{key}/{year:int}/xlsx", Workbook);
        reports.MapGet("/{key}/{year:int}/pdf", Pdf);
        reports.MapPost("/{key}/{year:int}/publication", Publish).RequireAuthorization(Policies.AdministerOrganisation);
        return api;
    }

    private static async Task<Ok<List<DefinitionSummary>>> List(ReportRunner reports, CancellationToken cancellationToken)
    {
        var language = Settings.Choices.Language;
        var definitions = await reports.ListAsync(cancellationToken);
        return TypedResults.Ok(definitions.Select(d => new DefinitionSummary(d.Key, d.Definition.Title.In(language),
            d.Definition.Scope.ToString().ToLowerInvariant(), d.Version, d.UploadedAt)).ToList());
    }

    private static async Task<Results<Ok<DefinitionDocument>, ProblemHttpResult>> Definition(string key, ReportRunner reports,
        CancellationToken cancellationToken) =>
        await reports.CurrentAsync(key, cancellationToken) is { } stored
            ? TypedResults.Ok(new DefinitionDocument(stored.Key, stored.Version, stored.UploadedAt, stored.Text))
            : NotFound();

    /// <summary>A new report: its key and first definition. A key in use answers 409: upload a new version to it instead.</summary>
    private static async Task<Results<Created<Uploaded>, ProblemHttpResult>> Create(NewDefinition body, ReportRunner reports,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (!ReportKeys.IsValid(body.Key))
        {
            return Refused(localizer, [new DefinitionProblem(new SourcePosition(0, 0), ReportKeys.Rule)]);
        }
        if (await reports.CurrentAsync(body.Key!, cancellationToken) is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: localizer["A report with this key exists: upload a new version of its definition."]);
        }
        return (await SaveAsync(body.Key!, body.Text, reports, localizer, cancellationToken)).Result switch
        {
            Ok<Uploaded> ok => TypedResults.Created($"reports/{body.Key}/definition", ok.Value),
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>A new version of an existing report's definition.</summary>
    private static async Task<Results<Ok<Uploaded>, ProblemHttpResult>> Upload(string key, DefinitionWrite body, ReportRunner reports,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (await reports.CurrentAsync(key, cancellationToken) is null)
        {
            return NotFound();
        }
        return await SaveAsync(key, body.Text, reports, localizer, cancellationToken);
    }

    private static async Task<Results<Ok<Uploaded>, ProblemHttpResult>> SaveAsync(string key, string? text, ReportRunner reports,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > ReportDefinitionVersion.MaxTextLength)
        {
            return Refused(localizer, [new DefinitionProblem(new SourcePosition(0, 0),
                $"Send the definition as 'text', at most {ReportDefinitionVersion.MaxTextLength} characters.")]);
        }
        var outcome = await reports.UploadAsync(key, text, cancellationToken);
        return outcome.Version is { } version ? TypedResults.Ok(new Uploaded(key, version)) : Refused(localizer, outcome.Problems);
    }

    private static async Task<Results<Ok<ReportDocument>, ProblemHttpResult>> Report(string key, int year, string? lang, bool? exact, ReportRunner reports,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        await DocumentAsync(key, year, lang, exact, reports, localizer, cancellationToken) switch
        {
            (ProblemHttpResult problem, _) => problem,
            (_, var document) => TypedResults.Ok(document!),
        };

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Workbook(string key, int year, string? lang, bool? exact, ReportRunner reports,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        await DocumentAsync(key, year, lang, exact, reports, localizer, cancellationToken) switch
        {
            (ProblemHttpResult problem, _) => problem,
            (_, var document) => TypedResults.File(ReportWorkbook.Write(document!, localizer), ReportWorkbook.ContentType, $"{key}-{year}.xlsx"),
        };

    /// <summary>The report printed to PDF; 503 with the reason when the server has no Chromium to print with.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Pdf(string key, int year, string? lang, bool? exact, ReportRunner reports,
        ReportPrinter printer, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var (problem, document) = await DocumentAsync(key, year, lang, exact, reports, localizer, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        try
        {
            return TypedResults.File(await printer.PdfAsync(document!, cancellationToken), ReportPrinter.ContentType, $"{key}-{year}.pdf");
        }
        catch (PrintingUnavailableException unavailable)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: localizer["PDF printing is not available on this server."], detail: unavailable.Message);
        }
    }

    /// <summary>
    /// Publishes a year's report: its figures are frozen as they are now. 201 with the report as published; 409 when the
    /// year was already published or is not over.
    /// </summary>
    private static async Task<Results<Created<ReportDocument>, ProblemHttpResult>> Publish(string key, int year, string? lang, ReportRunner reports,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (!ReportYears.IsValid(year))
        {
            return InvalidYear(localizer);
        }
        switch (await reports.PublishAsync(key, year, cancellationToken))
        {
            case PublishOutcome.NoSuchReport:
                return NotFound();
            case PublishOutcome.AlreadyPublished:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: localizer["The report for {0} was already published.", year]);
            case PublishOutcome.YearNotOver:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: localizer["A year is published once it is over."]);
        }
        var (_, document) = await DocumentAsync(key, year, lang, exact: false, reports, localizer, cancellationToken);
        return TypedResults.Created($"{year}", document!);
    }

    /// <summary>
    /// The report in the language asked for (the reader's otherwise), as published unless <c>exact=true</c> asks for the
    /// exact figures (hidden ones marked), or why there is none.
    /// </summary>
    private static async Task<(ProblemHttpResult? Problem, ReportDocument? Document)> DocumentAsync(string key, int year, string? lang, bool? exact,
        ReportRunner reports, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (!ReportYears.IsValid(year))
        {
            return (InvalidYear(localizer), null);
        }
        if (await reports.OpenAsync(key, year, cancellationToken) is not { } report)
        {
            return (NotFound(), null);
        }
        return (null, ReportRunner.Document(report, Localization.Supported(lang) ?? Settings.Choices.Language, exact is true));
    }

    private static ProblemHttpResult Refused(IStringLocalizer<SharedResource> localizer, IReadOnlyList<DefinitionProblem> problems) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
            title: localizer["The definition was not saved: the version in force is unchanged."],
            detail: string.Join(Environment.NewLine, problems),
            extensions: new Dictionary<string, object?>
            {
                ["problems"] = problems.Select(p => new { line = p.Position.Line, column = p.Position.Column, message = p.Message }).ToList(),
            });

    private static ProblemHttpResult InvalidYear(IStringLocalizer<SharedResource> localizer) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: localizer["Choose a year between {0} and {1}.", ReportYears.First, ReportYears.Last]);

    private static ProblemHttpResult NotFound() => People.PeopleApi.NotFound();
}

/// <summary>The years a report can be computed for.</summary>
public static class ReportYears
{
    public const int First = 1900;
    public const int Last = 2200;

    public static bool IsValid(int year) => year is >= First and <= Last;
}

/// <summary>A report's key is its address: <c>/o/{org}/reports/{key}</c>; <c>records</c> is the address of the records behind figures.</summary>
public static class ReportKeys
{
    public const string Rule = "A report's key is 1 to 40 lower-case letters, digits and dashes, e.g. 'panorama'.";

    public static bool IsValid(string? key) =>
        key is { Length: >= 1 and <= 40 } && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && key[0] != '-'
        && key != "records";
}
