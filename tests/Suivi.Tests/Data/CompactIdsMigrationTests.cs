using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;

namespace Suivi.Tests.Data;

/// <summary>
/// An existing SQLite file keeps every record when its ids move from 36 characters of text to 16 bytes (decision 010):
/// the demo network, taken back to text ids by the migration's Down and forward again by its Up, holds the same rows
/// value for value at every step, its foreign keys hold, and its audit log is still append-only. SQLite whatever the
/// run's database: the migration is SQLite's own.
/// </summary>
public sealed class CompactIdsMigrationTests
{
    private const string BeforeCompactIds = "20261123193207_PublishedReports";

    private static readonly string[] KeptTables = ["DeliveryTotals", "ContactTotals", "DayCentreVisitTotals", "CountedPeople", "PeopleTotals"];

    [Fact]
    public async Task TheDemoNetwork_GoesToTextIdsAndBack_WithEveryRowAsItWas()
    {
        var folder = Directory.CreateTempSubdirectory("suivi-compact-ids-");
        var connectionString = $"Data Source={Path.Combine(folder.FullName, "suivi.db")};Pooling=False";
        try
        {
            await using (var factory = DemoApp(connectionString))
            {
                _ = factory.Services;
            }
            var withBytes = await RowsAsync(connectionString);
            Assert.Contains(withBytes["Organisations"], row => row.Contains("mosaique", StringComparison.Ordinal));
            Assert.Contains("blob", await IdStorageAsync(connectionString));

            await MigrateAsync(connectionString, BeforeCompactIds);
            // The kept totals and counts came after (decisions 012, 013): going back past them drops them; coming forward
            // counts the records again, to the totals and counts the triggers kept while the demo network was recorded.
            Assert.Equal(Canonical(withBytes), await RowsAsync(connectionString), new TablesExcept(KeptTables));
            Assert.Equal(["text"], await IdStorageAsync(connectionString));
            await AssertAuditAppendOnlyAsync(connectionString);

            await MigrateAsync(connectionString, null);
            Assert.All(KeptTables, table => Assert.NotEmpty(withBytes[table]));
            Assert.Equal(withBytes, await RowsAsync(connectionString));
            Assert.Equal(["blob"], await IdStorageAsync(connectionString));

            Assert.Empty(await QueryAsync(connectionString, "SELECT * FROM pragma_foreign_key_check"));
            await AssertAuditAppendOnlyAsync(connectionString);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task AssertAuditAppendOnlyAsync(string connectionString)
    {
        Assert.Equal(["AuditEntries_no_delete", "AuditEntries_no_update"],
            await QueryAsync(connectionString, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEntries' ORDER BY name"));
        var refused = await Record.ExceptionAsync(() => QueryAsync(connectionString, "UPDATE \"AuditEntries\" SET \"UserName\" = 'x'"));
        Assert.Contains("audit entries are append-only", refused?.Message, StringComparison.Ordinal);
    }

    private static WebApplicationFactory<Program> DemoApp(string connectionString) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Sqlite", connectionString);
            web.UseSetting("ConnectionStrings:Postgres", "");
            web.UseSetting("Suivi:DemoData", "true");
        });

    private static async Task MigrateAsync(string connectionString, string? target)
    {
        var options = new DbContextOptionsBuilder<SqliteSuiviDbContext>().UseSqlite(connectionString).Options;
        await using var db = new SqliteSuiviDbContext(options, new Suivi.Security.CurrentOrganisation());
        await db.GetService<IMigrator>().MigrateAsync(target);
    }

    /// <summary>How the id columns of the audit log, organisations and deliveries hold their values.</summary>
    private static async Task<List<string>> IdStorageAsync(string connectionString) =>
        [.. (await QueryAsync(connectionString, """
            SELECT DISTINCT typeof("OrganisationId") FROM "AuditEntries" WHERE "OrganisationId" IS NOT NULL
            UNION SELECT DISTINCT typeof("Id") FROM "Organisations"
            UNION SELECT DISTINCT typeof("CaseFileId") FROM "Deliveries" WHERE "CaseFileId" IS NOT NULL
            """)).Order()];

    /// <summary>Every row of every table, as text, sorted: a 16-byte value is written as the Guid it holds.</summary>
    private static async Task<SortedDictionary<string, List<string>>> RowsAsync(string connectionString)
    {
        var rows = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in await QueryAsync(connectionString,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%'"))
        {
            rows[table] = await QueryAsync(connectionString, $"SELECT * FROM \"{table}\"", raw: true);
        }
        return rows;
    }

    /// <summary>Two sets of tables compared without some of them.</summary>
    private sealed class TablesExcept(params string[] left) : IEqualityComparer<SortedDictionary<string, List<string>>>
    {
        public bool Equals(SortedDictionary<string, List<string>>? x, SortedDictionary<string, List<string>>? y) =>
            Kept(x!).SequenceEqual(Kept(y!), new TableComparer());

        public int GetHashCode(SortedDictionary<string, List<string>> obj) => 0;

        private IEnumerable<KeyValuePair<string, List<string>>> Kept(SortedDictionary<string, List<string>> tables) =>
            tables.Where(t => !left.Contains(t.Key));

        private sealed class TableComparer : IEqualityComparer<KeyValuePair<string, List<string>>>
        {
            public bool Equals(KeyValuePair<string, List<string>> x, KeyValuePair<string, List<string>> y) =>
                x.Key == y.Key && x.Value.SequenceEqual(y.Value, StringComparer.Ordinal);

            public int GetHashCode(KeyValuePair<string, List<string>> obj) => obj.Key.GetHashCode(StringComparison.Ordinal);
        }
    }

    private static SortedDictionary<string, List<string>> Canonical(SortedDictionary<string, List<string>> rows) =>
        new(rows.ToDictionary(t => t.Key, t => t.Value.Select(r => r.Replace("\u0001", "", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()),
            StringComparer.Ordinal);

    private static async Task<List<string>> QueryAsync(string connectionString, string sql, bool raw = false)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader.GetValue(i), raw))));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>A 16-byte value as the upper-case text of its Guid, marked so the two storages can be told apart.</summary>
    private static string Text(object value, bool raw) => value switch
    {
        byte[] { Length: 16 } bytes => (raw ? "\u0001" : "") + GuidBytesConverter.FromBytes(bytes).ToString("D").ToUpperInvariant(),
        byte[] bytes => Convert.ToHexString(bytes),
        DBNull => "∅",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };
}
