using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Infrastructure.Imports;
using Suivi.Security;

namespace Suivi.Features.Imports;

/// <summary>
/// Imports for administrators: upload a file (the raw body, or multipart/form-data with one file) to start
/// an import in the background, then follow it. Errors are RFC 9457 problem details.
/// </summary>
public static class ImportsApi
{
    public sealed record RunSummary(Guid Id, string Kind, string FileName, bool DryRun, ImportStatus Status, DateTime StartedAt,
        DateTime? FinishedAt, long RowsRead, long RowsWritten, long RowsSkipped, long ErrorCount);

    public sealed record RunDocument(Guid Id, string Kind, string FileName, bool DryRun, ImportStatus Status, DateTime StartedAt,
        DateTime? FinishedAt, long RowsRead, long RowsWritten, long RowsSkipped, long ErrorCount, IReadOnlyList<ErrorDocument> Errors,
        ProgressDocument? Progress);

    /// <summary>An error: line (0: the file as a whole), column, and the reason in the reader's language.</summary>
    public sealed record ErrorDocument(long Line, string? Column, string Reason);

    public sealed record ProgressDocument(long BytesRead, long TotalBytes, long Rows, int Percent, double RowsPerSecond, double ElapsedSeconds);

    public sealed record Started(Guid Id, string Location, string Page);

    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").RequireAuthorization(Policies.AdministerOrganisation);
        imports.MapGet("/", List);
        imports.MapPost("/", Upload).RequireAuthorization(Policies.EditRecords);
        imports.MapGet("/{id:guid}", Get);
        imports.MapGet("/{id:guid}/errors", ErrorsCsv);
        return api;
    }

    private static async Task<Ok<List<RunSummary>>> List(SuiviDbContext db, CancellationToken cancellationToken)
    {
        var runs = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok(runs.Select(r => new RunSummary(r.Id, ImportKinds.Name(r.Kind), r.FileName, r.DryRun, r.Status, r.StartedAt,
            r.FinishedAt, r.RowsRead, r.RowsWritten, r.RowsSkipped, r.ErrorCount)).ToList());
    }

    private static async Task<Results<Ok<RunDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, ImportJobs jobs,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var run = await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return NotFound();
        }
        var live = jobs.ProgressOf(id);
        return TypedResults.Ok(new RunDocument(run.Id, ImportKinds.Name(run.Kind), run.FileName, run.DryRun, run.Status, run.StartedAt,
            run.FinishedAt, run.RowsRead, run.RowsWritten, run.RowsSkipped, run.ErrorCount,
            [.. ImportErrorList.FromJson(run.Errors).Select(e => new ErrorDocument(e.Line, e.Column, e.Describe(localizer)))],
            run.Status == ImportStatus.Running && live is not null
                ? new ProgressDocument(live.Progress.BytesRead, live.Progress.TotalBytes, live.Progress.Rows, live.Percent,
                    Math.Round(live.RowsPerSecond), Math.Round(live.Elapsed.TotalSeconds, 1))
                : null));
    }

    /// <summary>The errors of a run as a CSV file (line, column, reason), to work through in a spreadsheet.</summary>
    private static async Task<IResult> ErrorsCsv(Guid id, SuiviDbContext db, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var run = await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return NotFound();
        }
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteField("line");
            csv.WriteField("column");
            csv.WriteField("reason");
            await csv.NextRecordAsync();
            foreach (var error in ImportErrorList.FromJson(run.Errors))
            {
                csv.WriteField(error.Line);
                csv.WriteField(error.Column ?? "");
                csv.WriteField(error.Describe(localizer));
                await csv.NextRecordAsync();
            }
        }
        // With a byte-order mark, so that spreadsheets open accented text as UTF-8.
        return TypedResults.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(text.ToString())).ToArray(),
            "text/csv; charset=utf-8", $"import-errors-{Path.GetFileNameWithoutExtension(run.FileName)}.csv");
    }

    /// <summary>
    /// Starts an import: <c>?kind=deliveries&amp;dryRun=true&amp;fileName=…</c>, the file as the body (or as the one
    /// file of a multipart form). Answers 202 with the run's address, to follow with GET. The browser sends its
    /// antiforgery token in the RequestVerificationToken header.
    /// </summary>
    private static async Task<IResult> Upload(HttpContext http, string? kind, bool? dryRun, string? fileName, ImportUploads uploads,
        IAntiforgery antiforgery, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (!http.Request.Headers.ContainsKey(AntiforgeryHeader) || !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: localizer["The page has expired: load it again and repeat."]);
        }
        if (!ImportKinds.TryParse(kind, out var importKind) || uploads.Kinds.All(k => k.Kind != importKind))
        {
            return Invalid("kind", localizer["Choose what the file holds: {0}.", string.Join(", ", uploads.Kinds.Select(k => ImportKinds.Name(k.Kind)))]);
        }
        if (http.Request.ContentLength > ImportUploads.MaxBytes)
        {
            return TooLarge(localizer);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ImportUploads.MaxBytes;
        }
        try
        {
            var (name, copy) = await BodyAsync(http, fileName, cancellationToken);
            if (copy is null)
            {
                return Invalid("file", localizer["Choose a file to import."]);
            }
            var outcome = await uploads.AcceptAsync(importKind, dryRun ?? false, name, copy, cancellationToken);
            return outcome.Refusal switch
            {
                ImportUploads.Refusal.None => Accepted(http, outcome.RunId!.Value),
                ImportUploads.Refusal.Empty => Invalid("file", localizer["The file is empty."]),
                ImportUploads.Refusal.Busy => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                    title: localizer["An import of this organisation is already running: wait until it ends."]),
                _ => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: localizer["Too many imports are waiting: try again in a few minutes."]),
            };
        }
        catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(localizer);
        }
    }

    /// <summary>The file's name and a way to copy its bytes: the raw body, or the first file of a multipart form; no copy when there is no file.</summary>
    private static async Task<(string Name, Func<Stream, CancellationToken, Task>? Copy)> BodyAsync(HttpContext http, string? fileName,
        CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                return ("", null);
            }
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.FileName.HasValue)
                {
                    var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    // The section's bytes are read by the copy, straight from the request: nothing else reads the body meanwhile.
                    return (fileName ?? name, (target, ct) => section.Body.CopyToAsync(target, ct));
                }
            }
            return ("", null);
        }
        if (request.ContentLength == 0)
        {
            return ("", null);
        }
        return (fileName ?? "upload", (target, ct) => request.Body.CopyToAsync(target, ct));
    }

    private const string AntiforgeryHeader = "RequestVerificationToken";

    private static Accepted<Started> Accepted(HttpContext http, Guid id)
    {
        var org = http.GetRouteValue(OrganisationResolution.RouteKey);
        var location = $"/api/o/{org}/imports/{id}";
        return TypedResults.Accepted(location, new Started(id, location, $"/o/{org}/imports/{id}"));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult TooLarge(IStringLocalizer localizer) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
            title: localizer["The file is too large: at most {0} GB.", ImportUploads.MaxBytes / (1024 * 1024 * 1024)]);

    private static ProblemHttpResult NotFound() => People.PeopleApi.NotFound();
}
