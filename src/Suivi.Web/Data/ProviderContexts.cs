using Microsoft.EntityFrameworkCore;
using Suivi.Security;

namespace Suivi.Data;

/// <summary>The SQLite flavour of the model; its migrations live in Data/Migrations/Sqlite. Ids are stored in 16 bytes.</summary>
public sealed class SqliteSuiviDbContext(DbContextOptions<SqliteSuiviDbContext> options, CurrentOrganisation organisation)
    : SuiviDbContext(options, organisation)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<Guid>().HaveConversion<GuidBytesConverter>();
    }
}

/// <summary>The PostgreSQL flavour of the model; its migrations live in Data/Migrations/PostgreSql.</summary>
public sealed class PostgresSuiviDbContext(DbContextOptions<PostgresSuiviDbContext> options, CurrentOrganisation organisation)
    : SuiviDbContext(options, organisation);
