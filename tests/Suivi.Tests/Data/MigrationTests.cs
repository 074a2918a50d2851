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
}
