using Npgsql;

namespace Suivi.Tests.Infrastructure;

/// <summary>
/// A fresh, real database for one test fixture: a SQLite file, or a PostgreSQL database created on the
/// server named by SUIVI_TEST_POSTGRES. SUIVI_TEST_DB chooses (sqlite by default); ./test.sh runs the
/// whole suite once with each.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqlitePath;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(string? sqlitePath, string? postgresAdmin, string? postgresName, string connectionString)
    {
        _sqlitePath = sqlitePath;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
        ConnectionString = connectionString;
    }

    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable("SUIVI_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    public string ConnectionString { get; }

    /// <summary>The configuration key the app reads for this database.</summary>
    public static string ConnectionStringKey => IsPostgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite";

    public static async Task<TestDatabase> CreateAsync()
    {
        if (!IsPostgres)
        {
            var path = Path.Combine(Path.GetTempPath(), $"suivi-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(path, null, null, $"Data Source={path}");
        }
        var admin = Environment.GetEnvironmentVariable("SUIVI_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException("SUIVI_TEST_DB=postgres needs SUIVI_TEST_POSTGRES (a connection string); ./test.sh sets both.");
        }
        var name = $"suivi_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(null, admin, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqlitePath + suffix);
            }
        }
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
