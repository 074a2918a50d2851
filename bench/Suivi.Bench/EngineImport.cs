using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features;
using Suivi.Infrastructure;
using Suivi.Infrastructure.Imports;
using Suivi.Security;

namespace Suivi.Bench;

/// <summary>
/// A file imported as an administrator imports it: the application's own services (registered as
/// Program.cs registers them) and its <see cref="ImportEngine"/>, reading the file from disk, dry run off.
/// </summary>
internal static class EngineImport
{
    /// <summary>Which import of the file: the engine's first in the process, a full import in a warm process, or the file again.</summary>
    public enum Pass
    {
        First,
        Full,
        Again,
    }

    public static async Task<ImportBench.Result> RunAsync(BenchDatabase database, BenchOrganisation organisation, string file, long rows, Pass pass)
    {
        var again = pass == Pass.Again;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration[database.Setting.Key] = database.Setting.Value;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddSuiviDatabase(builder.Configuration, builder.Environment)
            .AddSuiviAccounts()
            .AddSuiviAuthorization()
            .AddSuiviLocalization()
            .AddSuiviErrors()
            .AddSuiviPages()
            .AddSuiviImports();
        await using var app = builder.Build();

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(organisation.OrganisationId, organisation.Slug, organisation.Name,
            OrganisationRole.OrganisationAdministrator, organisation.AdministratorId);
        var engine = scope.ServiceProvider.GetRequiredService<ImportEngine>();
        var what = pass switch
        {
            Pass.First => "first import in the process (compiling)",
            Pass.Full => "full import (parse + validate + write)",
            _ => "re-import (every row skipped)",
        };
        var progress = new ProgressLine($"{database.Engine} {what}");

        await using var memory = new MemorySampler();
        var watch = Stopwatch.StartNew();
        ImportOutcome outcome;
        await using (var stream = File.OpenRead(file))
        {
            outcome = await engine.ImportAsync(ImportKind.Deliveries, Path.GetFileName(file), stream, dryRun: false, progress);
        }
        var elapsed = watch.Elapsed;
        await memory.DisposeAsync();
        progress.Done(elapsed);

        var (written, skipped) = again ? (0L, rows) : (rows, 0L);
        if (outcome.Status != ImportStatus.Succeeded || outcome.RowsRead != rows || outcome.RowsWritten != written || outcome.RowsSkipped != skipped)
        {
            var errors = string.Join("\n", outcome.Errors.Take(10).Select(e => $"  line {e.Line} {e.Column}: {string.Format(System.Globalization.CultureInfo.InvariantCulture, e.Reason, [.. e.Arguments])}"));
            throw new InvalidOperationException($"{database.Engine}: the import ended {outcome.Status}: read {outcome.RowsRead:N0}, written {outcome.RowsWritten:N0}, " +
                $"skipped {outcome.RowsSkipped:N0}, {outcome.ErrorCount:N0} errors\n{errors}");
        }
        await ImportBench.CheckCountAsync(database, organisation, rows);
        return new ImportBench.Result(database.Engine, what, rows, elapsed, memory);
    }

    /// <summary>The terminal's progress line, as the command line shows it: the share of the file read.</summary>
    private sealed class ProgressLine(string label) : IProgress<ImportProgress>
    {
        private int _shown = -1;

        public void Report(ImportProgress value)
        {
            var percent = value.TotalBytes == 0 ? 100 : (int)(100 * value.BytesRead / value.TotalBytes);
            if (percent / 10 != _shown / 10)
            {
                _shown = percent;
                Console.Write($"\r{label}: {percent,3} % ({value.Rows:N0} rows)   ");
            }
        }

        public void Done(TimeSpan elapsed) => Console.WriteLine($"\r{label}: done in {elapsed.TotalSeconds:F1} s                 ");
    }
}
