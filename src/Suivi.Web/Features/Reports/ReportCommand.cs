using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Reports;

/// <summary>
/// <c>report --org &lt;slug&gt; --report &lt;key&gt; --year &lt;yyyy&gt; [--format json|xlsx|pdf] [--lang fr|de|en] [--as &lt;email&gt;] [--out &lt;file&gt;] [--exact]</c>:
/// the report computed as the page computes it, for scripts: as published, or with <c>--exact</c> the exact figures
/// with those the definition's disclosure control hides marked. With <c>--as</c> it counts what that member may see (their
/// restricted files, and for a network report every member organisation they belong to); without, what no one is named
/// on: the organisation's own records, restricted files left out.
/// </summary>
public static class ReportCommand
{
    private const int Misused = 2;

    private const string Usage = """
        usage: report --org <slug> --report <key> --year <yyyy> [--format json|xlsx|pdf] [--lang fr|de|en] [--as <email>] [--out <file>] [--exact]
          --format  json (default, to the terminal unless --out), xlsx or pdf (both need --out; pdf prints with Chromium)
          --as      the member whose view is computed (restricted files they are named on; their other organisations for a network report)
          --exact   the exact figures, those disclosure control hides marked (for internal use); published figures otherwise
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        var options = Options(args);
        var format = options?.GetValueOrDefault("--format", "json");
        var language = Localization.Supported(options?.GetValueOrDefault("--lang", Localization.DefaultLanguage));
        if (options is null || !int.TryParse(options.GetValueOrDefault("--year"), out var year) || !ReportYears.IsValid(year)
            || format is not ("json" or "xlsx" or "pdf") || language is null || format != "json" && !options.ContainsKey("--out"))
        {
            await errors.WriteLineAsync(Usage);
            return Misused;
        }
        await services.PrepareSchemaAsync(explicitRequest: false);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
        var slug = options.GetValueOrDefault("--org");
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug);
        if (organisation is null)
        {
            await errors.WriteLineAsync($"No organisation has the address /o/{slug}.");
            return Misused;
        }
        Guid? userId = null;
        OrganisationRole? role = null;
        if (options.GetValueOrDefault("--as") is { } email)
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(email);
            var membership = user is null ? null : await db.Memberships.AsNoTracking()
                .SingleOrDefaultAsync(m => m.UserId == user.Id && m.OrganisationId == organisation.Id);
            if (membership is null)
            {
                await errors.WriteLineAsync($"{email} is not a member of {organisation.Name}.");
                return Misused;
            }
            (userId, role) = (user!.Id, membership.Role);
        }
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(organisation.Id, organisation.Slug, organisation.Name, role, userId);
        var reports = scope.ServiceProvider.GetRequiredService<ReportRunner>();
        var key = options.GetValueOrDefault("--report") ?? "";
        if (await reports.OpenAsync(key, year, CancellationToken.None) is not { } report)
        {
            await errors.WriteLineAsync($"{organisation.Name} has no report '{key}'.");
            return 1;
        }
        var document = ReportRunner.Document(report, language, options.ContainsKey("--exact"));
        byte[] bytes;
        try
        {
            bytes = format switch
            {
                "xlsx" => ReportWorkbook.Write(document, scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>()),
                "pdf" => await scope.ServiceProvider.GetRequiredService<ReportPrinter>().PdfAsync(document, CancellationToken.None),
                _ => JsonSerializer.SerializeToUtf8Bytes(document, Json),
            };
        }
        catch (PrintingUnavailableException unavailable)
        {
            await errors.WriteLineAsync(unavailable.Message);
            return 1;
        }
        if (options.GetValueOrDefault("--out") is { } path)
        {
            await File.WriteAllBytesAsync(path, bytes);
            await output.WriteLineAsync($"{document.Title} {year} written to {path}.");
        }
        else
        {
            await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(bytes));
        }
        return 0;
    }

    private static Dictionary<string, string>? Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--exact")
            {
                options[args[i]] = "true";
                continue;
            }
            if (args[i] is not ("--org" or "--report" or "--year" or "--format" or "--lang" or "--as" or "--out") || i + 1 >= args.Length)
            {
                return null;
            }
            options[args[i]] = args[++i];
        }
        return options.ContainsKey("--org") && options.ContainsKey("--report") ? options : null;
    }
}
