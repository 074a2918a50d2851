using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Suivi.Domain;

namespace Suivi.Data;

internal sealed class ReportDefinitionVersionConfiguration : IEntityTypeConfiguration<ReportDefinitionVersion>
{
    public void Configure(EntityTypeBuilder<ReportDefinitionVersion> builder)
    {
        builder.Property(v => v.Key).HasMaxLength(40);
        builder.Property(v => v.Text).Metadata.SetMaxLength(null);
        // Two uploads at once cannot both become version n: the second fails and is retried by the person.
        builder.HasIndex(v => new { v.OrganisationId, v.Key, v.Number }).IsUnique();
    }
}

internal sealed class PublishedReportConfiguration : IEntityTypeConfiguration<PublishedReport>
{
    public void Configure(EntityTypeBuilder<PublishedReport> builder)
    {
        builder.ToTable("PublishedReports");
        builder.Property(p => p.Key).HasMaxLength(40);
        builder.Property(p => p.Figures).Metadata.SetMaxLength(null);
        // A year is published once: two administrators publishing at once cannot both freeze it.
        builder.HasIndex(p => new { p.OrganisationId, p.Key, p.Year }).IsUnique();
    }
}

internal sealed class DeliveryTotalConfiguration : IEntityTypeConfiguration<DeliveryTotal>
{
    public void Configure(EntityTypeBuilder<DeliveryTotal> builder)
    {
        // Written only by the database's own triggers (decision 012); a report reads an organisation's years by the key's first two parts.
        builder.ToTable("DeliveryTotals");
        // The restricted file second: everyone's totals are one range of the key, each restricted file's another.
        builder.HasKey(t => new { t.OrganisationId, t.RestrictedFileId, t.Year, t.ServiceId, t.TypeId, t.ActCategoryId, t.SiteId });
    }
}

internal sealed class ContactTotalConfiguration : IEntityTypeConfiguration<ContactTotal>
{
    public void Configure(EntityTypeBuilder<ContactTotal> builder)
    {
        // Written only by the database's own triggers (decision 013), as the delivery totals.
        builder.ToTable("ContactTotals");
        builder.HasKey(t => new { t.OrganisationId, t.Year, t.ServiceId, t.Kind, t.Direction, t.OutcomeId });
    }
}

internal sealed class DayCentreVisitTotalConfiguration : IEntityTypeConfiguration<DayCentreVisitTotal>
{
    public void Configure(EntityTypeBuilder<DayCentreVisitTotal> builder)
    {
        builder.ToTable("DayCentreVisitTotals");
        builder.HasKey(t => new { t.OrganisationId, t.Year, t.ServiceId });
    }
}

internal sealed class CountedPersonConfiguration : IEntityTypeConfiguration<CountedPerson>
{
    public void Configure(EntityTypeBuilder<CountedPerson> builder)
    {
        builder.ToTable("CountedPeople");
        builder.HasKey(p => new { p.OrganisationId, p.Source, p.RestrictedFileId, p.Year, p.BeneficiaryId });
        // A person's entitlement periods changed: their rows of every source and year are found by this index.
        builder.HasIndex(p => new { p.OrganisationId, p.BeneficiaryId });
    }
}

internal sealed class PeopleTotalConfiguration : IEntityTypeConfiguration<PeopleTotal>
{
    public void Configure(EntityTypeBuilder<PeopleTotal> builder)
    {
        builder.ToTable("PeopleTotals");
        builder.HasKey(t => new { t.OrganisationId, t.Source, t.Year, t.Insured });
    }
}
