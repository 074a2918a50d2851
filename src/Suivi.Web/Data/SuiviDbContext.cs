using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
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

    /// <summary>Read by the restriction filter: the person acting; <see cref="Guid.Empty"/> is named on no file.</summary>
    internal Guid CurrentUserId => organisation.UserId ?? Guid.Empty;

    public const string RestrictionFilter = "Restriction";

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
    public DbSet<ListItem> ListItems => Set<ListItem>();
    public DbSet<TypologyScheme> TypologySchemes => Set<TypologyScheme>();
    public DbSet<TypologyCategory> TypologyCategories => Set<TypologyCategory>();
    public DbSet<Episode> Episodes => Set<Episode>();
    public DbSet<Qualification> Qualifications => Set<Qualification>();
    public DbSet<QualificationSecondary> QualificationSecondaries => Set<QualificationSecondary>();
    public DbSet<CaseFileFlag> CaseFileFlags => Set<CaseFileFlag>();
    public DbSet<CaseFileAccess> CaseFileAccess => Set<CaseFileAccess>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<CaseNote> CaseNotes => Set<CaseNote>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<IntakeRequest> Requests => Set<IntakeRequest>();
    public DbSet<RequestPerson> RequestPersons => Set<RequestPerson>();
    public DbSet<RequestDecision> RequestDecisions => Set<RequestDecision>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<PartnerService> PartnerServices => Set<PartnerService>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ServiceDelivery> Deliveries => Set<ServiceDelivery>();
    public DbSet<DeliveryWorker> DeliveryWorkers => Set<DeliveryWorker>();

    /// <summary>Kept by the database from the deliveries (decision 012): read, never written, by the application.</summary>
    public DbSet<DeliveryTotal> DeliveryTotals => Set<DeliveryTotal>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<AlarmSubscription> AlarmSubscriptions => Set<AlarmSubscription>();
    public DbSet<Alarm> Alarms => Set<Alarm>();
    public DbSet<DayCentreVisit> DayCentreVisits => Set<DayCentreVisit>();
    public DbSet<HousingStay> HousingStays => Set<HousingStay>();
    public DbSet<GroupActivity> GroupActivities => Set<GroupActivity>();
    public DbSet<GroupActivityParticipant> GroupActivityParticipants => Set<GroupActivityParticipant>();
    public DbSet<CareInsurancePeriod> CareInsurancePeriods => Set<CareInsurancePeriod>();

    // Kept by the database from the contacts, visits and deliveries (decision 013): read, never written, by the application.
    public DbSet<ContactTotal> ContactTotals => Set<ContactTotal>();
    public DbSet<DayCentreVisitTotal> DayCentreVisitTotals => Set<DayCentreVisitTotal>();
    public DbSet<CountedPerson> CountedPeople => Set<CountedPerson>();
    public DbSet<PeopleTotal> PeopleTotals => Set<PeopleTotal>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ReportDefinitionVersion> ReportDefinitions => Set<ReportDefinitionVersion>();
    public DbSet<PublishedReport> PublishedReports => Set<PublishedReport>();

    /// <summary>The keys that protect sign-in and antiforgery cookies, shared by every instance of the app.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<string>().HaveMaxLength(400);
        // Times are stored in UTC; SQLite hands them back unspecified, so the kind is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Conventions.Replace<ForeignKeyIndexConvention>(services =>
            new SelectiveForeignKeyIndexConvention(services.GetRequiredService<ProviderConventionSetBuilderDependencies>()));
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SuiviDbContext).Assembly);

        // Key ring XML is a few kilobytes: exempt from the 400-character default for text.
        builder.Entity<DataProtectionKey>().Property(k => k.Xml).Metadata.SetMaxLength(null);

        // Audit entries are read per organisation; entries without one (failed sign-ins) stay out of every organisation's view.
        builder.Entity<AuditEntry>().HasQueryFilter(TenancyFilter, a => a.OrganisationId == CurrentOrganisationId);
        AddRestrictionFilters(builder);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (typeof(IOrganisationOwned).IsAssignableFrom(entity.ClrType))
            {
                builder.Entity(entity.ClrType).HasQueryFilter(TenancyFilter, OwnedByCurrentOrganisation(entity.ClrType));
                // Reads are per organisation: an index led by OrganisationId serves them, unless the
                // configuration or the primary key already gives one (every composite foreign key does).
                if (!entity.GetIndexes().Any(i => i.Properties[0].Name == nameof(IOrganisationOwned.OrganisationId))
                    && entity.FindPrimaryKey()?.Properties[0].Name != nameof(IOrganisationOwned.OrganisationId))
                {
                    builder.Entity(entity.ClrType).HasIndex(nameof(IOrganisationOwned.OrganisationId));
                }
                // Every UPDATE and DELETE also matches the owner in the database, so a tracked entity that
                // claims the current organisation cannot reach a row of another one.
                // Part of the alternate key references use, but never generated: only the save interceptor stamps it.
                builder.Entity(entity.ClrType).Property(nameof(IOrganisationOwned.OrganisationId)).IsConcurrencyToken().ValueGeneratedNever();
            }
            // Domain entities make their own ids (Guid v7) in their constructors: a record EF Core finds
            // through a navigation with its id already set is new, not an existing row to update.
            if (entity.ClrType.Namespace == typeof(Beneficiary).Namespace && entity.FindPrimaryKey()?.Properties is [{ Name: "Id" } id] && id.ClrType == typeof(Guid))
            {
                builder.Entity(entity.ClrType).Property(id.Name).ValueGeneratedNever();
            }
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
            {
                builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }
        }
    }

    /// <summary>
    /// A restricted case file is seen only by the people named on it — coordinators and administrators
    /// included — and so is everything of it: members, workers, episodes, qualifications, flags,
    /// assessments, notes, referrals, notifications, deliveries, appointments and audit entries. Each of those is visible only
    /// when its case file is, so lists, searches, counts and exports cannot show a trace of it.
    /// </summary>
    private void AddRestrictionFilters(ModelBuilder builder)
    {
        builder.Entity<CaseFile>().HasQueryFilter(RestrictionFilter,
            c => !c.IsRestricted || c.Access.Any(a => a.UserId == CurrentUserId));
        builder.Entity<CaseFileMember>().HasQueryFilter(RestrictionFilter, x => CaseFiles.Any(c => c.Id == x.CaseFileId));
        builder.Entity<CaseFileWorker>().HasQueryFilter(RestrictionFilter, x => CaseFiles.Any(c => c.Id == x.CaseFileId));
        builder.Entity<Episode>().HasQueryFilter(RestrictionFilter, x => CaseFiles.Any(c => c.Id == x.CaseFileId));
        builder.Entity<Qualification>().HasQueryFilter(RestrictionFilter, x => CaseFiles.Any(c => c.Id == x.CaseFileId));
        builder.Entity<QualificationSecondary>().HasQueryFilter(RestrictionFilter, x => Qualifications.Any(q => q.Id == x.QualificationId));
        builder.Entity<CaseFileFlag>().HasQueryFilter(RestrictionFilter, x => CaseFiles.Any(c => c.Id == x.CaseFileId));
        builder.Entity<Assessment>().HasQueryFilter(RestrictionFilter, x => CaseFiles.Any(c => c.Id == x.CaseFileId));
        builder.Entity<CaseNote>().HasQueryFilter(RestrictionFilter, x => CaseFiles.Any(c => c.Id == x.CaseFileId));
        builder.Entity<Referral>().HasQueryFilter(RestrictionFilter, x => CaseFiles.Any(c => c.Id == x.CaseFileId));
        builder.Entity<Notification>().HasQueryFilter(RestrictionFilter, x => x.CaseFileId == null || CaseFiles.Any(c => c.Id == x.CaseFileId));
        builder.Entity<AuditEntry>().HasQueryFilter(RestrictionFilter, x => x.CaseFileId == null || CaseFiles.Any(c => c.Id == x.CaseFileId));
        builder.Entity<ServiceDelivery>().HasQueryFilter(RestrictionFilter, x => x.CaseFileId == null || CaseFiles.Any(c => c.Id == x.CaseFileId));
        builder.Entity<DeliveryWorker>().HasQueryFilter(RestrictionFilter, x => Deliveries.Any(d => d.Id == x.DeliveryId));
        builder.Entity<Appointment>().HasQueryFilter(RestrictionFilter, x => x.CaseFileId == null || CaseFiles.Any(c => c.Id == x.CaseFileId));
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
