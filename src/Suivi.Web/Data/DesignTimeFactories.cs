using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Suivi.Security;

namespace Suivi.Data;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteSuiviDbContext</c> build the SQLite model without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSuiviDbContext>
{
    public SqliteSuiviDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSuiviDbContext>().UseSqlite("Data Source=design-time.db").Options, new CurrentOrganisation());
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgresSuiviDbContext</c> build the PostgreSQL model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSuiviDbContext>
{
    public PostgresSuiviDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSuiviDbContext>().UseNpgsql("Host=localhost;Database=suivi_design").Options, new CurrentOrganisation());
}
