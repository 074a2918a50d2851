using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Data;

// References between organisation-owned records are composite foreign keys (OrganisationId, …Id) onto
// the principal's alternate key (OrganisationId, Id): the database itself refuses a case-file member,
// family link or site that points at another organisation's record.

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.HasIndex(o => o.Slug).IsUnique();
        builder.Property(o => o.Slug).HasMaxLength(60);
        builder.HasOne<Network>().WithMany().HasForeignKey(o => o.NetworkId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.HasIndex(m => new { m.UserId, m.OrganisationId }).IsUnique();
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.HasIndex(s => new { s.OrganisationId, s.Code }).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.HasOne<Service>().WithMany().HasForeignKey(s => new { s.OrganisationId, s.ServiceId })
            .HasPrincipalKey(s => new { s.OrganisationId, s.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Service>().WithMany().HasForeignKey(s => new { s.OrganisationId, s.ServiceId })
            .HasPrincipalKey(s => new { s.OrganisationId, s.Id }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class BeneficiaryConfiguration : IEntityTypeConfiguration<Beneficiary>
{
    public void Configure(EntityTypeBuilder<Beneficiary> builder)
    {
        builder.HasOne<Organisation>().WithMany().HasForeignKey(b => b.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(b => b.Notes).HasMaxLength(4000);
        builder.HasIndex(b => new { b.OrganisationId, b.LastName, b.FirstName });
        builder.HasExternalId();
    }
}

internal sealed class FamilyLinkConfiguration : IEntityTypeConfiguration<FamilyLink>
{
    public void Configure(EntityTypeBuilder<FamilyLink> builder)
    {
        builder.HasOne<Beneficiary>().WithMany().HasForeignKey(l => new { l.OrganisationId, l.FromBeneficiaryId })
            .HasPrincipalKey(b => new { b.OrganisationId, b.Id }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Beneficiary>().WithMany().HasForeignKey(l => new { l.OrganisationId, l.ToBeneficiaryId })
            .HasPrincipalKey(b => new { b.OrganisationId, b.Id }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.FromBeneficiaryId, l.ToBeneficiaryId, l.Relation }).IsUnique();
    }
}

internal sealed class CaseFileConfiguration : IEntityTypeConfiguration<CaseFile>
{
    public void Configure(EntityTypeBuilder<CaseFile> builder)
    {
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasExternalId();
        builder.HasOne<Service>().WithMany().HasForeignKey(c => new { c.OrganisationId, c.ServiceId })
            .HasPrincipalKey(s => new { s.OrganisationId, s.Id }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.OrganisationId, c.Reference }).IsUnique();
        // The few restricted files of an organisation: a report adds their deliveries to the kept totals (decision 012).
        builder.HasIndex(c => new { c.OrganisationId, c.Id }, "IX_CaseFiles_Restricted").HasFilter("\"IsRestricted\"");
        builder.HasMany(c => c.Members).WithOne().HasForeignKey(m => new { m.OrganisationId, m.CaseFileId })
            .HasPrincipalKey(c => new { c.OrganisationId, c.Id }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Workers).WithOne().HasForeignKey(w => new { w.OrganisationId, w.CaseFileId })
            .HasPrincipalKey(c => new { c.OrganisationId, c.Id }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Episodes).WithOne().HasForeignKey(e => new { e.OrganisationId, e.CaseFileId })
            .HasPrincipalKey(c => new { c.OrganisationId, c.Id }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Qualifications).WithOne().HasForeignKey(q => new { q.OrganisationId, q.CaseFileId })
            .HasPrincipalKey(c => new { c.OrganisationId, c.Id }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Flags).WithOne().HasForeignKey(f => new { f.OrganisationId, f.CaseFileId })
            .HasPrincipalKey(c => new { c.OrganisationId, c.Id }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Access).WithOne().HasForeignKey(a => new { a.OrganisationId, a.CaseFileId })
            .HasPrincipalKey(c => new { c.OrganisationId, c.Id }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Assessments).WithOne().HasForeignKey(a => new { a.OrganisationId, a.CaseFileId })
            .HasPrincipalKey(c => new { c.OrganisationId, c.Id }).OnDelete(DeleteBehavior.Cascade);
        foreach (var navigation in new[] { nameof(CaseFile.Members), nameof(CaseFile.Workers), nameof(CaseFile.Episodes),
                     nameof(CaseFile.Qualifications), nameof(CaseFile.Flags), nameof(CaseFile.Access), nameof(CaseFile.Assessments) })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
        builder.HasIndex(c => new { c.OrganisationId, c.Status });
    }
}

internal sealed class CaseFileMemberConfiguration : IEntityTypeConfiguration<CaseFileMember>
{
    public void Configure(EntityTypeBuilder<CaseFileMember> builder)
    {
        builder.HasKey(m => new { m.CaseFileId, m.BeneficiaryId });
        builder.HasOne<Beneficiary>().WithMany().HasForeignKey(m => new { m.OrganisationId, m.BeneficiaryId })
            .HasPrincipalKey(b => new { b.OrganisationId, b.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseFileWorkerConfiguration : IEntityTypeConfiguration<CaseFileWorker>
{
    public void Configure(EntityTypeBuilder<CaseFileWorker> builder)
    {
        builder.HasKey(w => new { w.CaseFileId, w.StaffMemberId });
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(w => new { w.OrganisationId, w.StaffMemberId })
            .HasPrincipalKey(s => new { s.OrganisationId, s.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasIndex(a => new { a.OrganisationId, a.OccurredAt });
        builder.Property(a => a.Details).HasMaxLength(2000);
    }
}
