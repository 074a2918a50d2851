using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Suivi.Data;
using Suivi.Security;

namespace Suivi.Bench.National;

/// <summary>
/// One of the two databases the national dataset lives in, kept between runs (under /tmp/suivi-national for SQLite,
/// a database of its own on the PostgreSQL server): migrated as the application migrates, then filled by
/// <see cref="NationalLoader"/>. A dataset is complete once the loader has renamed its network, the last thing it does.
/// </summary>
internal abstract class NationalDatabase
{
    public abstract string Engine { get; }

    /// <summary>The configuration key and value the application reads to use this database.</summary>
    public abstract (string Key, string Value) Setting { get; }

    public abstract SuiviDbContext Context(CurrentOrganisation organisation);

    public abstract DbConnection Connection();

    /// <summary>Drops whatever was there and migrates an empty schema, as the application's start-up does.</summary>
    public abstract Task RecreateAsync();

    public abstract string Size();

    public static string CompleteName(NationalDataset dataset) => $"Réseau national (bench, scale {dataset.Label}, seed {NationalDataset.Seed})";

    /// <summary>
    /// Whether the database already holds the complete dataset of this scale. A complete dataset built before a later
    /// migration is migrated in place, as the application's start-up would migrate it (the delivery totals of decision
    /// 012 are added up there from the rows already loaded), and the time that took is printed.
    /// </summary>
    public async Task<bool> HoldsAsync(NationalDataset dataset)
    {
        try
        {
            await using var db = Context(new CurrentOrganisation());
            var name = CompleteName(dataset);
            if (!await db.Networks.AnyAsync(n => n.Name == name))
            {
                return false;
            }
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                var started = Stopwatch.StartNew();
                db.Database.SetCommandTimeout(TimeSpan.FromHours(6));
                await db.Database.MigrateAsync();
                Console.WriteLine($"{Engine}: migrated the national dataset in place ({string.Join(", ", pending)}) in {started.Elapsed.TotalSeconds:F1} s");
            }
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    protected static TenancyAndAuditInterceptor Interceptor(CurrentOrganisation organisation) =>
        new(organisation, new CurrentUser(new HttpContextAccessor()), TimeProvider.System);
}

internal sealed class SqliteNationalDatabase(string path) : NationalDatabase
{
    public string Path { get; } = path;

    public override string Engine => "SQLite";

    /// <summary>As the application opens its embedded database (see DatabaseSetup).</summary>
    public string ConnectionString { get; } = new SqliteConnectionStringBuilder($"Data Source={path}") { DefaultTimeout = 30, Pooling = true }.ToString();

    public override (string Key, string Value) Setting => ("ConnectionStrings:Sqlite", ConnectionString);

    public override SuiviDbContext Context(CurrentOrganisation organisation) => new SqliteSuiviDbContext(
        new DbContextOptionsBuilder<SqliteSuiviDbContext>().UseSqlite(ConnectionString).AddInterceptors(Interceptor(organisation)).Options, organisation);

    public override DbConnection Connection() => new SqliteConnection(ConnectionString);

    public override async Task RecreateAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
        await using var db = Context(new CurrentOrganisation());
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.CloseConnectionAsync();
        await db.Database.MigrateAsync();
    }

    public override string Size() => $"{new FileInfo(Path).Length / 1e9:F1} GB file";
}

internal sealed class PostgresNationalDatabase(string server, string name) : NationalDatabase
{
    public override string Engine => "PostgreSQL";

    public string Server { get; } = server;

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 0 }.ConnectionString;

    public override (string Key, string Value) Setting => ("ConnectionStrings:Postgres", ConnectionString);

    public override SuiviDbContext Context(CurrentOrganisation organisation) => new PostgresSuiviDbContext(
        new DbContextOptionsBuilder<PostgresSuiviDbContext>().UseNpgsql(ConnectionString).AddInterceptors(Interceptor(organisation)).Options, organisation);

    public override DbConnection Connection() => new NpgsqlConnection(ConnectionString);

    public override async Task RecreateAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\"" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        await using var db = Context(new CurrentOrganisation());
        await db.Database.MigrateAsync();
    }

    public override string Size()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT pg_size_pretty(pg_database_size(current_database()))", connection);
        return $"{command.ExecuteScalar()} database";
    }
}
