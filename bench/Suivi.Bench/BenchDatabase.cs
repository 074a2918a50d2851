using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Suivi.Data;
using Suivi.Security;

namespace Suivi.Bench;

/// <summary>
/// A database for one measurement: a copy of a template that holds the migrated schema and the bench
/// organisation, so every measurement starts from the same empty "Deliveries" table.
/// </summary>
internal abstract class BenchDatabase : IAsyncDisposable
{
    public abstract string Engine { get; }

    /// <summary>The configuration key and value the application reads to use this database.</summary>
    public abstract (string Key, string Value) Setting { get; }

    public abstract SuiviDbContext Context(CurrentOrganisation organisation);

    public abstract ValueTask DisposeAsync();

    protected static TenancyAndAuditInterceptor Interceptor(CurrentOrganisation organisation) =>
        new(organisation, new CurrentUser(new HttpContextAccessor()), TimeProvider.System);

    /// <summary>The template every copy starts from: migrated as the application migrates, and the organisation seeded.</summary>
    public abstract class Template : IAsyncDisposable
    {
        public BenchOrganisation Organisation { get; protected set; } = null!;

        public abstract Task<BenchDatabase> CopyAsync(string label);

        public abstract ValueTask DisposeAsync();
    }
}

internal sealed class SqliteBenchDatabase(string path) : BenchDatabase
{
    public override string Engine => "SQLite";

    /// <summary>As the application opens its embedded database (see DatabaseSetup).</summary>
    public string ConnectionString { get; } = new SqliteConnectionStringBuilder($"Data Source={path}") { DefaultTimeout = 30, Pooling = true }.ToString();

    public override (string Key, string Value) Setting => ("ConnectionStrings:Sqlite", ConnectionString);

    public override SuiviDbContext Context(CurrentOrganisation organisation) => new SqliteSuiviDbContext(
        new DbContextOptionsBuilder<SqliteSuiviDbContext>().UseSqlite(ConnectionString).AddInterceptors(Interceptor(organisation)).Options, organisation);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
        return ValueTask.CompletedTask;
    }

    public sealed class SqliteTemplate : Template
    {
        private readonly string _path;

        private SqliteTemplate(string path) => _path = path;

        public static async Task<SqliteTemplate> CreateAsync(string folder, BenchOrganisation.Shape shape)
        {
            var template = new SqliteTemplate(Path.Combine(folder, "template.db"));
            var database = new SqliteBenchDatabase(template._path);
            await using (var db = database.Context(new CurrentOrganisation()))
            {
                // The application's own start-up: WAL (kept in the file), then the migrations.
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                await db.Database.CloseConnectionAsync();
                await db.Database.MigrateAsync();
            }
            template.Organisation = await BenchOrganisation.CreateAsync(database.Context, shape);
            await using (var db = database.Context(new CurrentOrganisation()))
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            }
            SqliteConnection.ClearAllPools();
            return template;
        }

        public override Task<BenchDatabase> CopyAsync(string label)
        {
            var copy = Path.Combine(Path.GetDirectoryName(_path)!, $"{label}.db");
            File.Copy(_path, copy, overwrite: true);
            return Task.FromResult<BenchDatabase>(new SqliteBenchDatabase(copy));
        }

        public override ValueTask DisposeAsync() => new SqliteBenchDatabase(_path).DisposeAsync();
    }
}

internal sealed class PostgresBenchDatabase(string server, string name) : BenchDatabase
{
    public override string Engine => "PostgreSQL";

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    public override (string Key, string Value) Setting => ("ConnectionStrings:Postgres", ConnectionString);

    public override SuiviDbContext Context(CurrentOrganisation organisation) => new PostgresSuiviDbContext(
        new DbContextOptionsBuilder<PostgresSuiviDbContext>().UseNpgsql(ConnectionString).AddInterceptors(Interceptor(organisation)).Options, organisation);

    public override async ValueTask DisposeAsync() => await DropAsync(server, name);

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task DropAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public sealed class PostgresTemplate : Template
    {
        private const string Name = "suivi_bench_template";
        private readonly string _server;

        private PostgresTemplate(string server) => _server = server;

        public static async Task<PostgresTemplate> CreateAsync(string server, BenchOrganisation.Shape shape)
        {
            var template = new PostgresTemplate(server);
            await DropAsync(server, Name);
            await ExecuteAsync(server, $"CREATE DATABASE \"{Name}\"");
            var database = new PostgresBenchDatabase(server, Name);
            await using (var db = database.Context(new CurrentOrganisation()))
            {
                await db.Database.MigrateAsync();
            }
            template.Organisation = await BenchOrganisation.CreateAsync(database.Context, shape);
            NpgsqlConnection.ClearAllPools();
            return template;
        }

        public override async Task<BenchDatabase> CopyAsync(string label)
        {
            var name = $"suivi_bench_{label}";
            await DropAsync(_server, name);
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{Name}\"");
            return new PostgresBenchDatabase(_server, name);
        }

        public override ValueTask DisposeAsync() => new(DropAsync(_server, Name));
    }
}
