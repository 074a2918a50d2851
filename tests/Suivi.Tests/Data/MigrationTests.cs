using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Data;

public sealed class MigrationTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public void SqliteModel_HasNoChangeWithoutAMigration()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQLite migration: dotnet ef migrations add <Name> --context SqliteSuiviDbContext --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void PostgresModel_HasNoChangeWithoutAMigration()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: dotnet ef migrations add <Name> --context PostgresSuiviDbContext --output-dir Data/Migrations/PostgreSql");
    }

    [Fact]
    public async Task AfterStart_TheTestDatabaseRunsOnTheChosenProviderWithEveryMigrationApplied()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();

        Assert.Equal(TestDatabase.IsPostgres, db.Database.IsNpgsql());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>
    /// The kept-count triggers plan their statements with sorting off, which lifts every cost past JIT's thresholds: on a
    /// connection with JIT on, each statement was compiled (0.3–0.4 s). Every trigger function of the application turns
    /// it off for itself.
    /// </summary>
    [Fact]
    public async Task OnPostgreSql_EveryTriggerFunction_RunsWithoutJit()
    {
        if (!TestDatabase.IsPostgres)
        {
            return;
        }
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
        var functions = await db.Database.SqlQueryRaw<FunctionSettings>("""
            SELECT p.proname AS "Name", coalesce(array_to_string(p.proconfig, ','), '') AS "Settings" FROM pg_proc AS p
            WHERE p.pronamespace = current_schema()::regnamespace AND p.prorettype = 'trigger'::regtype AND p.proname LIKE 'suivi\_%'
            """).ToListAsync();

        Assert.True(functions.Count >= 20, $"Only {functions.Count} trigger functions found.");
        Assert.Empty(functions.Where(f => !f.Settings.Split(',').Contains("jit=off")).Select(f => f.Name));
    }

    private sealed record FunctionSettings(string Name, string Settings);
}
