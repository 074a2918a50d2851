using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Bench;

/// <summary>
/// The people list's search (count + first page of an accent-insensitive name search) at the scale of
/// a large organisation, through the application's own query (EF Core, tenancy filter), against the
/// same search written by hand in SQL over the same rows — the reference, measured in the same run.
/// </summary>
internal static class PeopleSearchBench
{
    private static readonly string[] Queries = ["goncalves", "muller ana", "zz-no-match", ""];

    public static async Task<int> RunAsync(string[] args)
    {
        var people = int.Parse(Option(args, "--people") ?? "200000", System.Globalization.CultureInfo.InvariantCulture);
        var postgres = Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("SUIVI_BENCH_POSTGRES");
        Console.WriteLine($"people search, {people:N0} people in the organisation searched + as many in another, {Environment.ProcessorCount} cores");
        var folder = Directory.CreateTempSubdirectory("suivi-bench-");
        try
        {
            await MeasureAsync("SQLite", people, () => Sqlite(Path.Combine(folder.FullName, "bench.db")));
            if (postgres is not null)
            {
                await MeasureAsync("PostgreSQL", people, () => Postgres(postgres));
            }
            else
            {
                Console.WriteLine("PostgreSQL: skipped (pass --postgres \"<connection string to an empty database>\")");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
        return 0;
    }

    private sealed record Database(Func<CurrentOrganisation, SuiviDbContext> Context, Func<DbConnection> Connection, string ParameterPrefix);

    private static Database Sqlite(string path) => new(
        organisation => new SqliteSuiviDbContext(new DbContextOptionsBuilder<SqliteSuiviDbContext>()
            .UseSqlite($"Data Source={path}").AddInterceptors(Interceptor(organisation)).Options, organisation),
        () => new SqliteConnection($"Data Source={path}"), "$");

    private static Database Postgres(string connectionString) => new(
        organisation => new PostgresSuiviDbContext(new DbContextOptionsBuilder<PostgresSuiviDbContext>()
            .UseNpgsql(connectionString).AddInterceptors(Interceptor(organisation)).Options, organisation),
        () => new NpgsqlConnection(connectionString), "@");

    private static TenancyAndAuditInterceptor Interceptor(CurrentOrganisation organisation) =>
        new(organisation, new CurrentUser(new HttpContextAccessor()), TimeProvider.System);

    private static async Task MeasureAsync(string name, int people, Func<Database> open)
    {
        var database = open();
        var (searched, other) = (new CurrentOrganisation(), new CurrentOrganisation());
        await using (var setup = database.Context(new CurrentOrganisation()))
        {
            await setup.Database.EnsureDeletedAsync();
            await setup.Database.MigrateAsync();
            var network = new Network("Bench");
            var organisations = new[] { new Organisation(network.Id, "Searched", "searched", OrganisationKind.HomeCare), new Organisation(network.Id, "Other", "other", OrganisationKind.HomeCare) };
            setup.Add(network);
            setup.AddRange(organisations);
            await setup.SaveChangesAsync();
            searched.Enter(organisations[0].Id, "searched", "Searched", OrganisationRole.Coordinator);
            other.Enter(organisations[1].Id, "other", "Other", OrganisationRole.Coordinator);
        }
        var load = Stopwatch.StartNew();
        await InsertPeopleAsync(database, searched, people, seed: 1);
        await InsertPeopleAsync(database, other, people, seed: 2);
        Console.WriteLine($"{name}: loaded {2 * people:N0} people in {load.Elapsed.TotalSeconds:F1} s");

        Console.WriteLine($"{name,-10} {"query",-12} {"matches",9} {"Suivi (EF) ms",14} {"hand SQL ms",12} {"ratio",6}");
        foreach (var query in Queries)
        {
            var (suiviMs, suiviCount) = await TimeAsync(() => SuiviSearchAsync(database, searched, query));
            var (sqlMs, sqlCount) = await TimeAsync(() => HandWrittenSearchAsync(database, searched.Id, query));
            if (suiviCount != sqlCount)
            {
                throw new InvalidOperationException($"The two searches disagree for '{query}': {suiviCount} vs {sqlCount}");
            }
            Console.WriteLine($"{name,-10} {"'" + query + "'",-12} {suiviCount,9:N0} {suiviMs,14:F2} {sqlMs,12:F2} {suiviMs / sqlMs,6:F2}");
        }
    }

    private static async Task<int> SuiviSearchAsync(Database database, CurrentOrganisation organisation, string query)
    {
        await using var db = database.Context(organisation);
        var matching = db.Beneficiaries.Matching(query);
        var total = await matching.CountAsync();
        var page = await matching.InListOrder().Take(25).Select(b => new { b.Id, b.FirstName, b.LastName, b.BirthDate }).ToListAsync();
        return total + 0 * page.Count;
    }

    private static async Task<int> HandWrittenSearchAsync(Database database, Guid organisationId, string query)
    {
        await using var connection = database.Connection();
        await connection.OpenAsync();
        var p = database.ParameterPrefix;
        var folded = SearchText.Fold(query);
        var filter = folded.Length == 0 ? $"\"OrganisationId\" = {p}org" : $"\"OrganisationId\" = {p}org AND \"SearchKey\" LIKE {p}pattern";
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM \"Beneficiaries\" WHERE {filter}";
        AddParameters(count, p, organisationId, folded);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await using var page = connection.CreateCommand();
        page.CommandText = $"SELECT \"Id\", \"FirstName\", \"LastName\", \"BirthDate\" FROM \"Beneficiaries\" WHERE {filter} " +
                           "ORDER BY \"LastName\", \"FirstName\", \"Id\" LIMIT 25";
        AddParameters(page, p, organisationId, folded);
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
        return total;
    }

    private static void AddParameters(DbCommand command, string prefix, Guid organisationId, string folded)
    {
        var org = command.CreateParameter();
        org.ParameterName = prefix + "org";
        // SQLite stores Guids in 16 bytes (decision 010), PostgreSQL as uuid.
        org.Value = prefix == "$" ? Suivi.Data.GuidBytesConverter.ToBytes(organisationId) : organisationId;
        command.Parameters.Add(org);
        var pattern = command.CreateParameter();
        pattern.ParameterName = prefix + "pattern";
        pattern.Value = $"%{folded}%";
        command.Parameters.Add(pattern);
    }

    private static async Task<(double Milliseconds, int Result)> TimeAsync(Func<Task<int>> run)
    {
        var result = await run();
        for (var i = 0; i < 3; i++)
        {
            await run();
        }
        var samples = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        return (samples[samples.Count / 2], result);
    }

    private static async Task InsertPeopleAsync(Database database, CurrentOrganisation organisation, int count, int seed)
    {
        string[] first = ["Ana", "Marie", "Luca", "João", "Inês", "Paul", "Léa", "Tom", "Sara", "René"];
        string[] last = ["Gonçalves", "Müller", "Weber", "Schmit", "Ferreira", "Da Silva", "Hoffmann", "Lefèvre", "Kieffer", "Thill", "Łukasik", "Öztürk"];
        var random = new Random(seed);
        for (var done = 0; done < count; done += 5_000)
        {
            await using var db = database.Context(organisation);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + 5_000); i++)
            {
                db.Beneficiaries.Add(new Beneficiary(new BeneficiaryDetails(first[random.Next(first.Length)], $"{last[random.Next(last.Length)]}{(i % 7 == 0 ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture))}",
                    new DateOnly(1940, 1, 1).AddDays(random.Next(30_000)), Sex.Unknown, Region.Centre, "fr", null, null, null, null)));
            }
            await db.SaveChangesAsync();
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
