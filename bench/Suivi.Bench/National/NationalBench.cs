using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features;
using Suivi.Features.Reports;
using Suivi.Infrastructure;
using Suivi.Infrastructure.Imports;
using Suivi.Security;

namespace Suivi.Bench.National;

/// <summary>
/// Issue 5's national scale: the national dataset (<see cref="NationalDataset"/>) in SQLite and PostgreSQL, then, on each,
/// (a) the full annual report of the largest organisation for 2024 and (b) a network-wide ten-year table, each opened
/// through the application's <see cref="ReportRunner"/> exactly as the report page opens it (median of several runs
/// after a warm-up); (c) a delivery recorded, then corrected, through the application's entities, each followed by the
/// report that shows it; (d) every figure checked against plain SQL over the raw rows. In the same run DuckDB computes
/// the same figures over the same rows: the reference our times are a ratio of.
/// </summary>
internal static class NationalBench
{
    private const int Year = 2024;
    private const double ReportTargetMs = 200;
    private const double NetworkTargetMs = 1_000;
    private const double FreshTargetMs = 1_000;

    private static bool _plainSql = true;
    private static bool _networkOnly;

    private sealed record Line(string Engine, string What, double SuiviMs, int Runs, double? SqlMs, double? DuckMs, double? TargetMs, string Checked);

    public static async Task<int> RunAsync(string[] args)
    {
        var dataset = new NationalDataset(double.Parse(Option(args, "--scale") ?? "1", CultureInfo.InvariantCulture));
        var folder = Option(args, "--folder") ?? "/tmp/suivi-national";
        var reuse = args.Contains("--reuse");
        var runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var postgres = Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("SUIVI_BENCH_POSTGRES");
        // A full-scale run that must fit in a short window: slow work measured once, and (c) left out.
        _slowRuns = args.Contains("--slow-once") ? 1 : 2;
        var freshness = !args.Contains("--no-freshness");
        // Plain SQL over the raw rows takes minutes at full scale on SQLite (7 minutes for the network table): without it,
        // the figures are checked against DuckDB's alone.
        _plainSql = !args.Contains("--no-plain-sql");
        // (b) and its freshness alone, for a change that touches only what a network report does.
        _networkOnly = args.Contains("--network-only");
        Directory.CreateDirectory(folder);
        Console.WriteLine($"national reports, scale {dataset.Label}: {NationalDataset.Organisations} organisations, {dataset.TotalPeople:N0} people, " +
            $"{dataset.Deliveries.Sum():N0} deliveries ({dataset.Deliveries[0]:N0} in the largest organisation), {dataset.Contacts.Sum():N0} contacts, " +
            $"{dataset.Visits.Sum():N0} day-centre visits, {NationalDataset.FirstYear}–{NationalDataset.LastYear}; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        // --build-only, --no-sqlite and --no-duckdb let the databases be built by processes running side by side, then measured in one run with --reuse.
        var databases = new List<NationalDatabase>();
        if (!args.Contains("--no-sqlite"))
        {
            databases.Add(new SqliteNationalDatabase(Option(args, "--sqlite") ?? Path.Combine(folder, $"national-{dataset.Label}.db")));
        }
        if (postgres is not null)
        {
            databases.Add(new PostgresNationalDatabase(postgres, "suivi_national_" + dataset.Label.Replace('.', '_')));
        }
        else
        {
            Console.WriteLine("PostgreSQL: skipped (pass --postgres \"<connection string to a server>\")");
        }
        foreach (var database in databases)
        {
            if (reuse && await database.HoldsAsync(dataset))
            {
                Console.WriteLine($"{database.Engine}: reusing the national dataset ({database.Size()})");
                continue;
            }
            await NationalLoader.LoadAsync(database, dataset);
        }
        var duckPath = Option(args, "--duckdb") ?? Path.Combine(folder, $"national-{dataset.Label}.duckdb");
        if (args.Contains("--no-duckdb"))
        {
            Console.WriteLine("DuckDB: skipped");
        }
        else if (reuse && await DuckReference.HoldsAsync(duckPath, dataset))
        {
            Console.WriteLine("DuckDB: reusing the same rows");
        }
        else
        {
            await DuckReference.LoadAsync(duckPath, dataset);
        }
        if (args.Contains("--build-only") || args.Contains("--no-duckdb"))
        {
            return 0;
        }

        var lines = new List<Line>();
        Console.WriteLine($"measuring; load average {Load()} (other work on the machine makes every time longer)");
        var duck = await DuckAsync(duckPath, runs);
        foreach (var database in databases)
        {
            lines.AddRange(await MeasureAsync(database, dataset, duck, runs, freshness));
        }
        Report(lines);
        Console.WriteLine($"load average at the end: {Load()}");
        return lines.All(l => l.Checked is "yes" or "") ? 0 : 1;
    }

    private sealed record DuckTimes(double AnnualMs, Dictionary<string, decimal> Annual, double NetworkMs, Dictionary<string, decimal> Network);

    /// <summary>DuckDB's time to compute each report's figures, and the figures.</summary>
    private static async Task<DuckTimes> DuckAsync(string path, int runs)
    {
        await using var connection = DuckReference.Open(path);
        await connection.OpenAsync();
        var (annualMs, annual) = await TimeAsync(runs, () => Facts.FromDuckDbAsync(connection, [0], BenchDefinition.Annual.FirstYears(Year), Year));
        var (networkMs, network) = await TimeAsync(runs, () => Facts.FromDuckDbAsync(connection, [.. Enumerable.Range(0, NationalDataset.Organisations)],
            BenchDefinition.Network.FirstYears(Year), Year));
        Console.WriteLine($"DuckDB: annual report figures {annualMs:F1} ms, network figures {networkMs:F1} ms (median of {runs})");
        return new DuckTimes(annualMs, BenchDefinition.Annual.Expected(annual, Year), networkMs, BenchDefinition.Network.Expected(network, Year));
    }

    private static async Task<List<Line>> MeasureAsync(NationalDatabase database, NationalDataset dataset, DuckTimes duck, int runs, bool freshness)
    {
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
            .AddSuiviImports()
            .AddSuiviReports();
        await using var app = builder.Build();

        Guid viewer;
        List<(Guid Id, string Slug, string Name)> organisations;
        await using (var db = database.Context(new CurrentOrganisation()))
        {
            viewer = await db.Users.Where(u => u.Email == NationalLoader.ViewerEmail).Select(u => u.Id).SingleAsync();
            organisations = [.. (await db.Organisations.Select(o => new { o.Id, o.Slug, o.Name }).ToListAsync())
                .Select(o => (o.Id, o.Slug, o.Name)).OrderBy(o => o.Slug, StringComparer.Ordinal)];
        }
        var largest = organisations[0];

        // Each report is opened in a scope of its own, as a request to the report page is.
        async Task<T> AsViewerAsync<T>(Func<IServiceProvider, Task<T>> work)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(largest.Id, largest.Slug, largest.Name, OrganisationRole.OrganisationAdministrator, viewer);
            return await work(scope.ServiceProvider);
        }
        async Task<ReportResult> OpenAsync(BenchDefinition definition) =>
            await AsViewerAsync(async services => (await services.GetRequiredService<ReportRunner>().OpenAsync(definition.Key, Year, CancellationToken.None))!.Result);

        foreach (var definition in new[] { BenchDefinition.Annual, BenchDefinition.Network })
        {
            var text = definition.Yaml();
            await AsViewerAsync(async services =>
            {
                var runner = services.GetRequiredService<ReportRunner>();
                if ((await runner.CurrentAsync(definition.Key, CancellationToken.None))?.Text != text)
                {
                    var outcome = await runner.UploadAsync(definition.Key, text, CancellationToken.None);
                    if (outcome.Version is null)
                    {
                        throw new InvalidOperationException($"The bench definition {definition.Key} was refused:\n" +
                            string.Join("\n", outcome.Problems.Select(p => $"  {p}")) + "\n" + text);
                    }
                }
                return 0;
            });
        }

        var lines = new List<Line>();
        await using var connection = database.Connection();
        await connection.OpenAsync();
        var sqlite = database is SqliteNationalDatabase;
        foreach (var (definition, what, target, duckMs, duckFigures, scope) in new[]
        {
            (BenchDefinition.Annual, $"(a) annual report {Year}, largest organisation", ReportTargetMs, duck.AnnualMs, duck.Annual, (IReadOnlyList<Guid>)[largest.Id]),
            (BenchDefinition.Network, $"(b) network, 10-year table + {NationalDataset.Organisations} organisations", NetworkTargetMs, duck.NetworkMs, duck.Network,
                [.. organisations.Select(o => o.Id)]),
        }.Where(m => !_networkOnly || m.Item1 == BenchDefinition.Network))
        {
            var commands = 0L;
            var (suiviMs, report, suiviRuns) = await TimeReportAsync(runs, async () =>
            {
                var before = SqlCommandCount.Sent;
                var opened = await OpenAsync(definition);
                commands = SqlCommandCount.Sent - before;
                return opened;
            });
            double? sqlMs = null;
            var expected = duckFigures;
            if (_plainSql)
            {
                var (ms, facts) = await TimeAsync(runs, () => Facts.FromApplicationAsync(connection, sqlite, scope, viewer, definition.FirstYears(Year), Year));
                (sqlMs, expected) = (ms, definition.Expected(facts, Year));
            }
            var figures = BenchDefinition.FiguresOf(report);
            var wrong = BenchDefinition.Differences(expected, figures);
            var duckWrong = BenchDefinition.Differences(expected, duckFigures);
            foreach (var difference in wrong.Take(10).Select(d => $"  report vs plain SQL: {d}").Concat(duckWrong.Take(10).Select(d => $"  DuckDB vs plain SQL: {d}")))
            {
                Console.WriteLine(difference);
            }
            var verdict = wrong.Count == 0 && duckWrong.Count == 0 ? "yes" : $"NO ({wrong.Count} + {duckWrong.Count} differ)";
            Console.WriteLine($"{database.Engine}: {what}: Suivi {suiviMs:F0} ms (median of {suiviRuns}), plain SQL {(sqlMs is { } sql ? $"{sql:F0} ms" : "not run")}, " +
                $"DuckDB {duckMs:F0} ms; {expected.Count} figures equal to {(_plainSql ? "plain SQL and DuckDB" : "DuckDB")}: {verdict}; {commands} SQL commands per opening");
            lines.Add(new Line(database.Engine, what, suiviMs, suiviRuns, sqlMs, duckMs, target, verdict));
        }
        if (freshness)
        {
            if (!_networkOnly)
            {
                lines.AddRange(await FreshnessAsync(database, runs, AsViewerAsync, "the annual report (a)", "T2|Actes essentiels de la vie|2024",
                    () => OpenAsync(BenchDefinition.Annual)));
            }
            lines.AddRange(await FreshnessAsync(database, runs, AsViewerAsync, "the network table (b)", "N1|Actes essentiels de la vie|2024",
                () => OpenAsync(BenchDefinition.Network)));
        }
        return lines;
    }

    /// <summary>
    /// (c) A delivery recorded as the form records it (the domain entity through the application's DbContext, tenancy and
    /// audit interceptor included), then the report opened again; then the same delivery corrected, and the report again.
    /// The delivery is deleted afterwards so the dataset stays as generated. Measured for the annual report and for the
    /// network table: the figure that must move is the 2024 hours of essential acts of life in each.
    /// </summary>
    private static async Task<List<Line>> FreshnessAsync(NationalDatabase database, int runs,
        Func<Func<IServiceProvider, Task<int>>, Task<int>> asViewer, string report, string figure, Func<Task<ReportResult>> open)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var (record, correct, writes) = (new List<double>(), new List<double>(), new List<double>());
        var checks = new List<string>();
        var watch0 = Stopwatch.StartNew();
        var before = BenchDefinition.FiguresOf(await open())[figure];
        var cycles = watch0.Elapsed > Slow ? 1 : Math.Max(2, Math.Min(runs, 3));
        for (var run = 0; run < cycles; run++)
        {
            Guid delivery = default;
            DeliveryDetails Details(IServiceProvider services, TimeSpan duration)
            {
                var db = services.GetRequiredService<SuiviDbContext>();
                var type = db.ListItems.Where(i => i.List == ListKind.DeliveryType && i.Code == "CARE" && i.ServiceId == null).Select(i => i.Id).Single();
                var act = db.ListItems.Where(i => i.List == ListKind.ActCategory && i.Code == "AEV" && i.ServiceId == null).Select(i => i.Id).Single();
                var worker = db.Staff.OrderBy(s => s.Id).Select(s => s.Id).First();
                var person = db.Beneficiaries.OrderBy(b => b.Id).Select(b => b.Id).First();
                return new DeliveryDetails(new DateOnly(Year, 12, 20), new TimeOnly(10, 0), duration, type, act, worker, [], null, person, null, null, "bench");
            }
            var watch = Stopwatch.StartNew();
            await asViewer(async services =>
            {
                var db = services.GetRequiredService<SuiviDbContext>();
                var service = await db.Services.Where(s => s.Code == "SAD").Select(s => s.Id).SingleAsync();
                var added = new ServiceDelivery(service, Details(services, TimeSpan.FromHours(2.5)), today);
                db.Deliveries.Add(added);
                await db.SaveChangesAsync();
                delivery = added.Id;
                return 0;
            });
            writes.Add(watch.Elapsed.TotalMilliseconds);
            var recorded = BenchDefinition.FiguresOf(await open())[figure];
            record.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await asViewer(async services =>
            {
                var db = services.GetRequiredService<SuiviDbContext>();
                var entity = await db.Deliveries.SingleAsync(d => d.Id == delivery);
                entity.Correct(Details(services, TimeSpan.FromHours(3.75)), today);
                await db.SaveChangesAsync();
                return 0;
            });
            writes.Add(watch.Elapsed.TotalMilliseconds);
            var corrected = BenchDefinition.FiguresOf(await open())[figure];
            correct.Add(watch.Elapsed.TotalMilliseconds);
            await asViewer(async services =>
            {
                var db = services.GetRequiredService<SuiviDbContext>();
                db.Deliveries.Remove(await db.Deliveries.SingleAsync(d => d.Id == delivery));
                await db.SaveChangesAsync();
                return 0;
            });
            if (recorded - before != 2.5m || corrected - before != 3.75m)
            {
                checks.Add($"run {run + 1}: {before} → {recorded} → {corrected}");
            }
        }
        var after = BenchDefinition.FiguresOf(await open())[figure];
        var verdict = checks.Count == 0 && after == before ? "yes" : $"NO ({string.Join("; ", checks)}; after {after})";
        Console.WriteLine($"{database.Engine}: (c) {report}: record + report {Median(record):F0} ms, correct + report {Median(correct):F0} ms " +
            $"(the writes alone {Median(writes):F0} ms); {figure} followed each change: {verdict}");
        return
        [
            new Line(database.Engine, $"(c) record a delivery + reopen {report}", Median(record), record.Count, null, null, FreshTargetMs, verdict),
            new Line(database.Engine, $"(c) correct it + reopen {report}", Median(correct), correct.Count, null, null, FreshTargetMs, verdict),
        ];
    }

    private static async Task<(double Ms, ReportResult Report, int Runs)> TimeReportAsync(int runs, Func<Task<ReportResult>> open)
    {
        var (ms, report, count) = await TimeRunsAsync(runs, open);
        return (ms, report, count);
    }

    private static async Task<(double Ms, T Result)> TimeAsync<T>(int runs, Func<Task<T>> work)
    {
        var (ms, result, _) = await TimeRunsAsync(runs, work);
        return (ms, result);
    }

    /// <summary>
    /// The median of <paramref name="runs"/> runs after a warm-up. Work that takes longer than <see cref="Slow"/> is run
    /// twice (once with <c>--slow-once</c>) and every run counts: a warm-up changes little next to tens of seconds, and the
    /// full-scale run must fit in the time a session has.
    /// </summary>
    private static async Task<(double Ms, T Result, int Runs)> TimeRunsAsync<T>(int runs, Func<Task<T>> work)
    {
        var watch = Stopwatch.StartNew();
        var result = await work();
        var samples = new List<double>();
        if (watch.Elapsed > Slow)
        {
            samples.Add(watch.Elapsed.TotalMilliseconds);
            runs = _slowRuns - 1;
        }
        for (var i = 0; i < runs; i++)
        {
            watch.Restart();
            result = await work();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        return (Median(samples), result, samples.Count);
    }

    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(20);

    private static int _slowRuns = 2;

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static double Median(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Report(List<Line> lines)
    {
        Console.WriteLine();
        Console.WriteLine($"{"database",-10} {"measurement",-52} {"Suivi ms",10} {"runs",4} {"plain SQL ms",12} {"DuckDB ms",9} {"Suivi/DuckDB",12} {"target ms",9} {"met",4} {"figures equal",13}");
        foreach (var l in lines)
        {
            var ratio = l.DuckMs is { } d && d > 0 ? (l.SuiviMs / d).ToString(l.SuiviMs < 10 * d ? "F1" : "F0", CultureInfo.InvariantCulture) + "×" : "";
            var met = l.TargetMs is { } t ? (l.SuiviMs <= t ? "yes" : "no") : "";
            Console.WriteLine($"{l.Engine,-10} {l.What,-52} {l.SuiviMs,10:F0} {l.Runs,4} {(l.SqlMs is { } s ? s.ToString("F0", CultureInfo.InvariantCulture) : ""),12} " +
                $"{(l.DuckMs is { } k ? k.ToString("F1", CultureInfo.InvariantCulture) : ""),9} {ratio,12} {l.TargetMs,9} {met,4} {l.Checked,13}");
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
