using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Suivi.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Chooses the database: PostgreSQL when <c>ConnectionStrings:Postgres</c> is configured, otherwise the
/// embedded SQLite file (<c>ConnectionStrings:Sqlite</c>, by default <c>data/suivi.db</c> under the
/// application folder) in WAL mode.
/// </summary>
public static class DatabaseSetup
{
    public static DatabaseProvider Provider(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres")) ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;

    public static IServiceCollection AddSuiviDatabase(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<TenancyAndAuditInterceptor>();
        services.AddScoped<AuditLog>();
        if (Provider(configuration) == DatabaseProvider.PostgreSql)
        {
            var connectionString = PostgresConnectionString(configuration);
            services.AddDbContext<SuiviDbContext, PostgresSuiviDbContext>((sp, options) => options
                .UseNpgsql(connectionString)
                .AddInterceptors(sp.GetRequiredService<TenancyAndAuditInterceptor>()));
        }
        else
        {
            var connectionString = SqliteConnectionString(configuration, environment);
            services.AddDbContext<SuiviDbContext, SqliteSuiviDbContext>((sp, options) => options
                .UseSqlite(connectionString)
                .AddInterceptors(sp.GetRequiredService<TenancyAndAuditInterceptor>()));
        }
        services.AddHealthChecks().AddDbContextCheck<SuiviDbContext>("database");
        // Sign-in and antiforgery cookies stay valid across restarts and instances: the keys live with the data.
        services.AddDataProtection().SetApplicationName("Suivi").PersistKeysToDbContext<SuiviDbContext>();
        return services;
    }

    /// <summary>
    /// The configured PostgreSQL connection with the planner's JIT compilation off (decision 011): it cost the report
    /// queries 0.6–1.8 s each and saves nothing on this application's queries. Options the configuration sets come
    /// after, so an operator's own <c>-c jit=on</c> still wins.
    /// </summary>
    private static string PostgresConnectionString(IConfiguration configuration)
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres"));
        builder.Options = $"-c jit=off {builder.Options}".TrimEnd();
        return builder.ConnectionString;
    }

    private static string SqliteConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(
            configuration.GetConnectionString("Sqlite") is { Length: > 0 } configured
                ? configured
                : $"Data Source={Path.Combine(environment.ContentRootPath, "data", "suivi.db")}")
        {
            DefaultTimeout = 30,
            Pooling = true,
        };
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        return builder.ToString();
    }

    /// <summary>
    /// Brings the schema up to date: always for the embedded database, for PostgreSQL only when asked
    /// (the <c>migrate</c> command or <c>Suivi:MigrateOnStart</c>); otherwise a PostgreSQL schema that
    /// lags behind stops the start with instructions instead of running on a wrong schema.
    /// </summary>
    public static async Task PrepareSchemaAsync(this IServiceProvider services, bool explicitRequest)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer saves; the mode is stored in the database file.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
            await db.Database.MigrateAsync();
            return;
        }
        if (explicitRequest || configuration.GetValue<bool>("Suivi:MigrateOnStart"))
        {
            await db.Database.MigrateAsync();
            return;
        }
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema lacks {pending.Count} migration(s) ({string.Join(", ", pending)}). " +
                "Apply them with: dotnet run --project src/Suivi.Web -- migrate");
        }
    }
}
