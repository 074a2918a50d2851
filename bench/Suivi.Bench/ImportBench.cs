using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure.Imports;
using Suivi.Security;

namespace Suivi.Bench;

/// <summary>
/// Delivery import at the scale of a large home-care network (issue 4): a generated export of --rows
/// deliveries is imported through the application's import engine (parse, validate, write) into a fresh
/// database — once as the engine's first import in the process, while the runtime compiles its code, then into another
/// fresh copy, as a running server imports — then imported again (every row skipped); the same rows, held in memory, go through the bulk
/// writer alone and through the engine's plainest insert path (the reference), each into a fresh copy of the
/// same schema. SQLite always; PostgreSQL when --postgres names a server.
/// </summary>
internal static class ImportBench
{
    internal sealed record Result(string Engine, string What, long Rows, TimeSpan Elapsed, MemorySampler Measured)
    {
        public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = long.Parse(Option(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var postgres = Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("SUIVI_BENCH_POSTGRES");
        var only = Option(args, "--only");
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        Console.WriteLine($"delivery import, {rows:N0} rows, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var folder = Directory.CreateTempSubdirectory("suivi-bench-import-");
        var results = new List<Result>();
        try
        {
            var watch = Stopwatch.StartNew();
            await using var sqlite = await SqliteBenchDatabase.SqliteTemplate.CreateAsync(folder.FullName, BenchOrganisation.Default);
            var file = Path.Combine(folder.FullName, "deliveries.csv");
            DeliveryPlans.WriteCsv(file, DeliveryPlans.Generate(rows, BenchOrganisation.Default, today), sqlite.Organisation);
            Console.WriteLine($"generated {new FileInfo(file).Length / 1e6:F0} MB of CSV and the organisation in {watch.Elapsed.TotalSeconds:F1} s");
            await using var pg = postgres is null ? null : await PostgresBenchDatabase.PostgresTemplate.CreateAsync(postgres, BenchOrganisation.Default);
            var templates = new List<BenchDatabase.Template> { sqlite };
            if (pg is not null)
            {
                templates.Add(pg);
            }
            else
            {
                Console.WriteLine("PostgreSQL: skipped (pass --postgres \"<connection string to a server>\")");
            }

            // The engine's runs come first, before anything holds the rows in memory, so their peaks are their own.
            if (only is null or "import")
            {
                foreach (var template in templates)
                {
                    // The engine's first import in the process, while the runtime compiles its code (the command line, or a
                    // server's first import after a start); then the same file into a fresh copy, as a running server imports it.
                    await using (var first = await template.CopyAsync("import-first"))
                    {
                        results.Add(await EngineImport.RunAsync(first, template.Organisation, file, rows, EngineImport.Pass.First));
                    }
                    await using var database = await template.CopyAsync("import");
                    results.Add(await EngineImport.RunAsync(database, template.Organisation, file, rows, EngineImport.Pass.Full));
                    results.Add(await EngineImport.RunAsync(database, template.Organisation, file, rows, EngineImport.Pass.Again));
                }
            }
            if (only is null or "writer" or "raw")
            {
                var plans = RawReference.Rows.For(DeliveryPlans.Generate(rows, BenchOrganisation.Default, today));
                foreach (var template in templates)
                {
                    if (only is null or "writer")
                    {
                        await using var database = await template.CopyAsync("writer");
                        results.Add(await WriterAloneAsync(database, template.Organisation, plans));
                    }
                    if (only is null or "raw")
                    {
                        await using var database = await template.CopyAsync("raw");
                        results.Add(await RawAsync(database, template.Organisation, plans));
                    }
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
        Report(results);
        return 0;
    }

    private static void Report(List<Result> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"database",-10} {"measurement",-40} {"rows",10} {"s",7} {"rows/s",9} {"of raw",7} {"CPU s",6} {"peak WS MB",11} {"peak heap MB",13}");
        foreach (var result in results)
        {
            var reference = results.FirstOrDefault(r => r.Engine == result.Engine && r.What.StartsWith("raw", StringComparison.Ordinal));
            var fraction = reference is null || result.Rows == 0 ? "" : (result.RowsPerSecond / reference.RowsPerSecond).ToString("P0", CultureInfo.InvariantCulture);
            Console.WriteLine($"{result.Engine,-10} {result.What,-40} {result.Rows,10:N0} {result.Elapsed.TotalSeconds,7:F2} {result.RowsPerSecond,9:N0} {fraction,7} " +
                $"{result.Measured.ProcessorTime.TotalSeconds,6:F1} {result.Measured.PeakWorkingSet / 1e6,11:F0} {result.Measured.PeakManagedHeap / 1e6,13:F0}");
        }
    }

    /// <summary>The bulk writer alone, with the rows already parsed and validated: what the engine's writing costs.</summary>
    private static async Task<Result> WriterAloneAsync(BenchDatabase database, BenchOrganisation organisation, RawReference.Rows rows)
    {
        var deliveries = rows.Plans.Select((p, i) => Delivery(organisation, p, rows.Ids[i])).ToArray();
        var current = Acting(organisation);
        await using var db = database.Context(current);
        var run = await AddRunAsync(db);
        await using var memory = new MemorySampler();
        var watch = Stopwatch.StartNew();
        var (added, completed) = (TimeSpan.Zero, TimeSpan.Zero);
        // As the import engine runs it: the writer checks the rows' references once, SQLite not row by row.
        await using (await SqliteReferenceChecks.SuspendAsync(db, CancellationToken.None))
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await using (var writer = await DeliveryBulkWriters.OpenAsync(db, organisation.OrganisationId, run, CancellationToken.None))
            {
                foreach (var row in deliveries)
                {
                    await writer.AddAsync(row, CancellationToken.None);
                }
                added = watch.Elapsed;
                var result = await writer.CompleteAsync(CancellationToken.None);
                completed = watch.Elapsed - added;
                if (result.Written != deliveries.Length || result.OverloadedWorkerDays.Count > 0 || result.DuplicatesInFile.Count > 0)
                {
                    throw new InvalidOperationException($"The writer wrote {result.Written} of {deliveries.Length} rows, {result.OverloadedWorkerDays.Count} overloaded days, {result.DuplicatesInFile.Count} duplicates.");
                }
            }
            await transaction.CommitAsync();
        }
        var elapsed = watch.Elapsed;
        await memory.DisposeAsync();
        Console.WriteLine($"{database.Engine} bulk writer: rows added in {added.TotalSeconds:F1} s, completed (checks after writing) in {completed.TotalSeconds:F1} s, " +
            $"committed in {(elapsed - added - completed).TotalSeconds:F1} s");
        await CheckCountAsync(database, organisation, deliveries.Length);
        return new Result(database.Engine, "bulk writer alone (rows in memory)", deliveries.Length, elapsed, memory);
    }

    private static async Task<Result> RawAsync(BenchDatabase database, BenchOrganisation organisation, RawReference.Rows rows)
    {
        Guid run;
        await using (var db = database.Context(Acting(organisation)))
        {
            run = await AddRunAsync(db);
        }
        await using var memory = new MemorySampler();
        var elapsed = database switch
        {
            SqliteBenchDatabase sqlite => await RawReference.SqliteAsync(sqlite, organisation, rows, run, SqliteImportCacheKiB),
            PostgresBenchDatabase postgres => await RawReference.PostgresAsync(postgres, organisation, rows, run),
            _ => throw new NotSupportedException(),
        };
        await memory.DisposeAsync();
        await CheckCountAsync(database, organisation, rows.Plans.Length);
        return new Result(database.Engine, "raw engine reference (rows in memory)", rows.Plans.Length, elapsed, memory);
    }

    /// <summary>The page cache the SQLite bulk writer sets for itself; the reference gets the same.</summary>
    private const int SqliteImportCacheKiB = 256 * 1024;

    internal static CurrentOrganisation Acting(BenchOrganisation organisation)
    {
        var current = new CurrentOrganisation();
        current.Enter(organisation.OrganisationId, organisation.Slug, organisation.Name, OrganisationRole.OrganisationAdministrator, organisation.AdministratorId);
        return current;
    }

    private static async Task<Guid> AddRunAsync(SuiviDbContext db)
    {
        var run = new ImportRun(ImportKind.Deliveries, "deliveries.csv", dryRun: false, null, TimeProvider.System.GetUtcNow().UtcDateTime);
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    internal static async Task CheckCountAsync(BenchDatabase database, BenchOrganisation organisation, long expected)
    {
        await using var db = database.Context(Acting(organisation));
        var count = await db.Deliveries.LongCountAsync();
        if (count != expected)
        {
            throw new InvalidOperationException($"{database.Engine}: {count:N0} deliveries in the database, {expected:N0} expected.");
        }
    }

    private static DeliveryRow Delivery(BenchOrganisation o, DeliveryPlan p, Guid id) => new(
        id, o.ServiceId, p.Day, p.StartMinutes >= 0 ? new TimeOnly(p.StartMinutes / 60, p.StartMinutes % 60) : null, p.Seconds,
        o.TypeIds[p.Type], p.ActCategory >= 0 ? o.ActCategoryIds[p.ActCategory] : null, o.StaffIds[p.Worker],
        p.OtherWorker >= 0 ? [o.StaffIds[p.OtherWorker]] : null,
        p.Reference == ClientReference.CaseFileAndPerson ? o.CaseFileIds[p.Client] : null,
        p.Reference != ClientReference.None ? o.PersonIds[p.Client] : null,
        p.Site >= 0 ? o.SiteIds[p.Site] : null, p.Metres >= 0 ? p.Metres : null, p.Note, p.ExternalId, p.Line);

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
