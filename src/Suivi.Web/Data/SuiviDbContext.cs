using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Data;

/// <summary>
/// The application's unit of work. Every organisation-owned entity gets the <see cref="TenancyFilter"/>
/// query filter, so reads are scoped to <see cref="CurrentOrganisation"/> without any page having to
/// remember it. Each database has its own subclass carrying its own migration set.
/// </summary>
public abstract class SuiviDbContext(DbContextOptions options, CurrentOrganisation organisation)
    : IdentityDbContext<UserAccount, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string TenancyFilter = "Tenancy";

    /// <summary>Read by the query filters on every query; <see cref="Guid.Empty"/> matches nothing.</summary>
    internal Guid CurrentOrganisationId => organisation.Id;

    public DbSet<Network> Networks => Set<Network>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<Beneficiary> Beneficiaries => Set<Beneficiary>();
    public DbSet<FamilyLink> FamilyLinks => Set<FamilyLink>();
    public DbSet<CaseFile> CaseFiles => Set<CaseFile>();
    public DbSet<CaseFileMember> CaseFileMembers => Set<CaseFileMember>();
    public DbSet<CaseFileWorker> CaseFileWorkers => Set<CaseFileWorker>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The keys that protect sign-in and antiforgery cookies, shared by every instance of the app.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<string>().HaveMaxLength(400);
        // Times are stored in UTC; SQLite hands them back unspecified, so the kind is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SuiviDbContext).Assembly);

        // Key ring XML is a few kilobytes: exempt from the 400-character default for text.
        builder.Entity<DataProtectionKey>().Property(k => k.Xml).Metadata.SetMaxLength(null);

        // Audit entries are read per organisation; entries without one (failed sign-ins) stay out of every organisation's view.
        builder.Entity<AuditEntry>().HasQueryFilter(TenancyFilter, a => a.OrganisationId == CurrentOrganisationId);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (typeof(IOrganisationOwned).IsAssignableFrom(entity.ClrType))
            {
                builder.Entity(entity.ClrType).HasQueryFilter(TenancyFilter, OwnedByCurrentOrganisation(entity.ClrType));
                builder.Entity(entity.ClrType).HasIndex(nameof(IOrganisationOwned.OrganisationId));
                // Every UPDATE and DELETE also matches the owner in the database, so a tracked entity that
                // claims the current organisation cannot reach a row of another one.
                // Part of the alternate key references use, but never generated: only the save interceptor stamps it.
                builder.Entity(entity.ClrType).Property(nameof(IOrganisationOwned.OrganisationId)).IsConcurrencyToken().ValueGeneratedNever();
            }
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
            {
                builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }
        }
    }

    private LambdaExpression OwnedByCurrentOrganisation(Type type)
    {
        // e => e.OrganisationId == this.CurrentOrganisationId, evaluated per query by EF Core.
        var entity = Expression.Parameter(type, "e");
        var owner = Expression.Property(entity, nameof(IOrganisationOwned.OrganisationId));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentOrganisationId));
        return Expression.Lambda(Expression.Equal(owner, current), entity);
    }
}
