using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Suivi.Domain;

namespace Suivi.Data;

// Activities: deliveries, appointments, contacts, alarms and attendance. As elsewhere every reference
// includes OrganisationId. These tables grow to millions of rows and are loaded in bulk, so each carries
// only the indexes its pages and reports read by (see docs/decisions/005-activities.md): the foreign keys
// to lists, services, sites and staff — rows that are retired, never deleted — keep their constraint but
// no index of their own.

internal static class ActivityIndexes
{
    /// <summary>An index only over rows where the column is set: anonymous work costs no index entry.</summary>
    public static IndexBuilder<T> WhereSet<T>(this IndexBuilder<T> index, string column) => index.HasFilter($"\"{column}\" IS NOT NULL");

    /// <summary>
    /// Declares foreign keys (with OrganisationId) that get no index of their own; call before configuring them.
    /// See <see cref="SelectiveForeignKeyIndexConvention"/>.
    /// </summary>
    public static void UnindexedForeignKeys<T>(this EntityTypeBuilder<T> builder, params string[] foreignKeys)
        where T : class
    {
        var declared = builder.Metadata.FindAnnotation(SelectiveForeignKeyIndexConvention.Annotation)?.Value as string;
        builder.HasAnnotation(SelectiveForeignKeyIndexConvention.Annotation, string.Join(',', foreignKeys.Prepend(declared).OfType<string>()));
    }

    /// <summary>Re-importing a file finds its rows again by the external id they had in the previous system.</summary>
    public static void HasExternalId<T>(this EntityTypeBuilder<T> builder)
        where T : class, IImported, IOrganisationOwned
    {
        // Records are not looked up by the run that imported them.
        builder.UnindexedForeignKeys(nameof(IImported.ImportRunId));
        builder.Property(x => x.ExternalId).HasMaxLength(100);
        builder.HasIndex(x => new { x.OrganisationId, x.ExternalId }).IsUnique().WhereSet(nameof(IImported.ExternalId));
        builder.HasOne<ImportRun>().WithMany()
            .HasForeignKey(nameof(IOrganisationOwned.OrganisationId), nameof(IImported.ImportRunId))
            .HasPrincipalKey(nameof(IOrganisationOwned.OrganisationId), nameof(ImportRun.Id))
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceDeliveryConfiguration : IEntityTypeConfiguration<ServiceDelivery>
{
    public void Configure(EntityTypeBuilder<ServiceDelivery> builder)
    {
        builder.UnindexedForeignKeys(nameof(ServiceDelivery.ServiceId), nameof(ServiceDelivery.TypeId), nameof(ServiceDelivery.ActCategoryId), nameof(ServiceDelivery.WorkerId), nameof(ServiceDelivery.SiteId));
        builder.ToTable("Deliveries");
        builder.Property(d => d.Note).HasMaxLength(2000);
        builder.HasOne<Service>().WithMany().WithinOrganisation(nameof(ServiceDelivery.ServiceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(ServiceDelivery.TypeId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(ServiceDelivery.ActCategoryId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().WithinOrganisation(nameof(ServiceDelivery.WorkerId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().WithinOrganisation(nameof(ServiceDelivery.SiteId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaseFile>().WithMany().WithinOrganisation(nameof(ServiceDelivery.CaseFileId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Beneficiary>().WithMany().WithinOrganisation(nameof(ServiceDelivery.BeneficiaryId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.OtherWorkers).WithOne().WithinOrganisation(nameof(DeliveryWorker.DeliveryId)).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.OtherWorkers).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasExternalId();

        // Reports, the week grid and lists read by date; a case file's and a person's pages by them.
        builder.HasIndex(d => new { d.OrganisationId, d.OnDate });
        builder.HasIndex(d => new { d.OrganisationId, d.CaseFileId }).WhereSet(nameof(ServiceDelivery.CaseFileId));
        builder.HasIndex(d => new { d.OrganisationId, d.BeneficiaryId }).WhereSet(nameof(ServiceDelivery.BeneficiaryId));
    }
}

internal sealed class DeliveryWorkerConfiguration : IEntityTypeConfiguration<DeliveryWorker>
{
    public void Configure(EntityTypeBuilder<DeliveryWorker> builder)
    {
        builder.HasKey(w => new { w.DeliveryId, w.StaffMemberId });
        builder.HasOne<StaffMember>().WithMany().WithinOrganisation(nameof(DeliveryWorker.StaffMemberId)).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.Property(a => a.Note).HasMaxLength(2000);
        builder.Property(a => a.ChangeReason).HasMaxLength(1000);
        builder.HasOne<Service>().WithMany().WithinOrganisation(nameof(Appointment.ServiceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().WithinOrganisation(nameof(Appointment.SiteId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(Appointment.TypeId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Beneficiary>().WithMany().WithinOrganisation(nameof(Appointment.BeneficiaryId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaseFile>().WithMany().WithinOrganisation(nameof(Appointment.CaseFileId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().WithinOrganisation(nameof(Appointment.StaffMemberId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().WithinOrganisation(nameof(Appointment.PostponedToId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasExternalId();
        builder.HasIndex(a => new { a.OrganisationId, a.ServiceId, a.OnDate });
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.UnindexedForeignKeys(nameof(Contact.ChannelId), nameof(Contact.OutcomeId), nameof(Contact.StaffMemberId));
        builder.Property(c => c.Subject).HasMaxLength(2000);
        builder.HasOne<Service>().WithMany().WithinOrganisation(nameof(Contact.ServiceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(Contact.ChannelId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(Contact.OutcomeId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Beneficiary>().WithMany().WithinOrganisation(nameof(Contact.BeneficiaryId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().WithinOrganisation(nameof(Contact.StaffMemberId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<IntakeRequest>().WithMany().WithinOrganisation(nameof(Contact.RequestId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasExternalId();
        builder.HasIndex(c => new { c.OrganisationId, c.ServiceId, c.OnDate });
    }
}

internal sealed class AlarmSubscriptionConfiguration : IEntityTypeConfiguration<AlarmSubscription>
{
    public void Configure(EntityTypeBuilder<AlarmSubscription> builder)
    {
        builder.HasOne<Service>().WithMany().WithinOrganisation(nameof(AlarmSubscription.ServiceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Beneficiary>().WithMany().WithinOrganisation(nameof(AlarmSubscription.BeneficiaryId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(AlarmSubscription.DeviceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasExternalId();
    }
}

internal sealed class AlarmConfiguration : IEntityTypeConfiguration<Alarm>
{
    public void Configure(EntityTypeBuilder<Alarm> builder)
    {
        builder.UnindexedForeignKeys(nameof(Alarm.OutcomeId));
        builder.Property(a => a.Note).HasMaxLength(2000);
        builder.HasOne<Service>().WithMany().WithinOrganisation(nameof(Alarm.ServiceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AlarmSubscription>().WithMany().WithinOrganisation(nameof(Alarm.SubscriptionId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(Alarm.OutcomeId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasExternalId();
        builder.HasIndex(a => new { a.OrganisationId, a.ServiceId, a.OnDate });
    }
}

internal sealed class DayCentreVisitConfiguration : IEntityTypeConfiguration<DayCentreVisit>
{
    public void Configure(EntityTypeBuilder<DayCentreVisit> builder)
    {
        builder.HasOne<Service>().WithMany().WithinOrganisation(nameof(DayCentreVisit.ServiceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Beneficiary>().WithMany().WithinOrganisation(nameof(DayCentreVisit.BeneficiaryId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasExternalId();
        // A person comes to a centre once a day; the register of a day reads by centre and date.
        builder.HasIndex(v => new { v.OrganisationId, v.ServiceId, v.OnDate, v.BeneficiaryId }).IsUnique();
    }
}

internal sealed class HousingStayConfiguration : IEntityTypeConfiguration<HousingStay>
{
    public void Configure(EntityTypeBuilder<HousingStay> builder)
    {
        builder.HasOne<Service>().WithMany().WithinOrganisation(nameof(HousingStay.ServiceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Beneficiary>().WithMany().WithinOrganisation(nameof(HousingStay.BeneficiaryId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasExternalId();
    }
}

internal sealed class GroupActivityConfiguration : IEntityTypeConfiguration<GroupActivity>
{
    public void Configure(EntityTypeBuilder<GroupActivity> builder)
    {
        builder.HasOne<Service>().WithMany().WithinOrganisation(nameof(GroupActivity.ServiceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(GroupActivity.KindId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().WithinOrganisation(nameof(GroupActivity.SiteId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Participants).WithOne().WithinOrganisation(nameof(GroupActivityParticipant.ActivityId)).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Participants).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasExternalId();
        builder.HasIndex(a => new { a.OrganisationId, a.ServiceId, a.OnDate });
    }
}

internal sealed class GroupActivityParticipantConfiguration : IEntityTypeConfiguration<GroupActivityParticipant>
{
    public void Configure(EntityTypeBuilder<GroupActivityParticipant> builder)
    {
        builder.HasKey(p => new { p.ActivityId, p.BeneficiaryId });
        builder.HasOne<Beneficiary>().WithMany().WithinOrganisation(nameof(GroupActivityParticipant.BeneficiaryId)).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CareInsurancePeriodConfiguration : IEntityTypeConfiguration<CareInsurancePeriod>
{
    public void Configure(EntityTypeBuilder<CareInsurancePeriod> builder)
    {
        builder.HasOne<Beneficiary>().WithMany().WithinOrganisation(nameof(CareInsurancePeriod.BeneficiaryId)).OnDelete(DeleteBehavior.Cascade);
        builder.HasExternalId();
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> builder)
    {
        builder.Property(r => r.FileName).HasMaxLength(260);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.Property(r => r.Errors).Metadata.SetMaxLength(null);
        builder.HasIndex(r => new { r.OrganisationId, r.StartedAt });
    }
}
