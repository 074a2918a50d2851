using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// <c>import --org &lt;slug&gt; --kind &lt;kind&gt; [--dry-run] [--as &lt;admin-email&gt;] &lt;file&gt;</c>: the same import as the
/// web page, for administrators and scripts. A progress bar on standard error (a line every few seconds
/// when it is not a terminal), the summary and the errors on standard output. Exit code 0 when the file
/// had no error, 1 on any error (nothing is then written), 2 when the command itself is wrong.
/// </summary>
internal static class ImportCommand
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Misused = 2;

    private const int ErrorsShown = 1000;

    private static readonly string Usage = $"""
        usage: import --org <slug> --kind <kind> [--dry-run] [--as <admin-email>] <file.csv|file.xlsx>
          kind: {string.Join(", ", Enum.GetValues<ImportKind>().Select(ImportKinds.Name))} (those this version can import are listed on an error)
          --dry-run  check every row and report every error; write nothing
          --as       the organisation administrator the audit log names (otherwise: system)
          exit code: 0 when the file had no error, 1 on any error (nothing written), 2 on a wrong command
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        if (!TryParse(args, out var slug, out var kindName, out var dryRun, out var actingEmail, out var path)
            || !ImportKinds.TryParse(kindName, out var kind))
        {
            await errors.WriteLineAsync(Usage);
            return Misused;
        }
        if (!File.Exists(path))
        {
            await errors.WriteLineAsync($"No file at {path}.");
            return Misused;
        }
        await services.PrepareSchemaAsync(explicitRequest: false);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug);
        if (organisation is null)
        {
            await errors.WriteLineAsync($"No organisation has the address /o/{slug}.");
            return Misused;
        }
        Guid? userId = null;
        var userName = "system";
        if (actingEmail is not null)
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(actingEmail);
            var administers = user is not null && await db.Memberships.AnyAsync(m =>
                m.UserId == user.Id && m.OrganisationId == organisation.Id && m.Role == OrganisationRole.OrganisationAdministrator);
            if (!administers)
            {
                await errors.WriteLineAsync($"{actingEmail} is not an administrator of {organisation.Name}: imports are theirs to run.");
                return Misused;
            }
            (userId, userName) = (user!.Id, user.UserName ?? actingEmail);
        }
        ImportJobs.ActAs(scope.ServiceProvider, organisation.Id, organisation.Slug, organisation.Name, userId, userName);
        var engine = scope.ServiceProvider.GetRequiredService<ImportEngine>();
        if (engine.Kinds.All(k => k.Kind != kind))
        {
            await errors.WriteLineAsync($"This version cannot import {ImportKinds.Name(kind)} yet; it imports {string.Join(", ", engine.Kinds.Select(k => ImportKinds.Name(k.Kind)))}.");
            return Misused;
        }

        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            // Ctrl+C rolls the import back and records the run as interrupted, rather than killing the process mid-write.
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += stop;
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var progress = new TerminalProgress(errors, interactive: ReferenceEquals(errors, Console.Error) && !Console.IsErrorRedirected);
            var outcome = await engine.ImportAsync(kind, Path.GetFileName(path), file, dryRun, progress, interrupt.Token);
            progress.Finish();
            await ReportAsync(output, outcome, Path.GetFileName(path), kind, dryRun, organisation.Slug,
                scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>());
            return outcome.ErrorCount == 0 ? Succeeded : Failed;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }

    private static bool TryParse(string[] args, out string slug, out string kind, out bool dryRun, out string? actingEmail, out string path)
    {
        (slug, kind, dryRun, actingEmail, path) = ("", "", false, null, "");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--org" when i + 1 < args.Length:
                    slug = args[++i];
                    break;
                case "--kind" when i + 1 < args.Length:
                    kind = args[++i];
                    break;
                case "--as" when i + 1 < args.Length:
                    actingEmail = args[++i];
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && path.Length == 0:
                    path = value;
                    break;
                default:
                    return false;
            }
        }
        return slug.Length > 0 && kind.Length > 0 && path.Length > 0;
    }

    private static async Task ReportAsync(TextWriter output, ImportOutcome outcome, string fileName, ImportKind kind, bool dryRun, string slug,
        IStringLocalizer localizer)
    {
        var what = $"{fileName} ({ImportKinds.Name(kind)})";
        if (outcome.ErrorCount == 0)
        {
            await output.WriteLineAsync(dryRun
                ? Invariant($"Dry run of {what}: {outcome.RowsRead:N0} rows read, no error; {outcome.RowsRead - outcome.RowsSkipped:N0} would be written, {outcome.RowsSkipped:N0} were imported before (skipped).")
                : Invariant($"Imported {what}: {outcome.RowsRead:N0} rows read, {outcome.RowsWritten:N0} written, {outcome.RowsSkipped:N0} were imported before (skipped)."));
        }
        else
        {
            await output.WriteLineAsync(Invariant($"{what}: {outcome.ErrorCount:N0} error(s) in {outcome.RowsRead:N0} rows read; nothing was written."));
            foreach (var error in outcome.Errors.Take(ErrorsShown))
            {
                var where = error.Line > 0 ? Invariant($"line {error.Line}") : "file";
                await output.WriteLineAsync($"  {where}{(error.Column is null ? "" : ", " + error.Column)}: {error.Describe(localizer)}");
            }
            if (outcome.ErrorCount > outcome.Errors.Count)
            {
                await output.WriteLineAsync(Invariant($"  … and {outcome.ErrorCount - outcome.Errors.Count:N0} more."));
            }
        }
        await output.WriteLineAsync($"Import run {outcome.RunId}: /o/{slug}/imports/{outcome.RunId}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A bar redrawn in place on a terminal; otherwise a line every few seconds, for logs.</summary>
    private sealed class TerminalProgress(TextWriter errors, bool interactive) : IProgress<ImportProgress>
    {
        private const int Width = 30;
        private readonly Stopwatch _started = Stopwatch.StartNew();
        private readonly Lock _lock = new();
        private TimeSpan? _shown;
        private bool _drawn;

        public void Report(ImportProgress value)
        {
            lock (_lock)
            {
                var now = _started.Elapsed;
                if (now - _shown < (interactive ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5)) && value.BytesRead < value.TotalBytes)
                {
                    return;
                }
                _shown = now;
                var percent = value.TotalBytes > 0 ? (int)Math.Min(100, value.BytesRead * 100 / value.TotalBytes) : 0;
                var rate = now.TotalSeconds > 0 ? value.Rows / now.TotalSeconds : 0;
                if (interactive)
                {
                    var filled = percent * Width / 100;
                    errors.Write(Invariant($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {percent,3}%  {value.Rows,12:N0} rows  {rate,9:N0} rows/s"));
                    _drawn = true;
                }
                else
                {
                    errors.WriteLine(Invariant($"{percent}% {value.Rows} rows {rate:F0} rows/s"));
                }
            }
        }

        public void Finish()
        {
            lock (_lock)
            {
                if (_drawn)
                {
                    errors.WriteLine();
                }
            }
        }
    }
}
