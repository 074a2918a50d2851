using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Data;

// Case work: lists, typologies, requests, the case-file lifecycle, partners and referrals. As in
// Configurations.cs, every reference between organisation-owned records includes OrganisationId.

internal static class OwnedKeys
{
    /// <summary>A reference that the database refuses to point into another organisation.</summary>
    public static ReferenceCollectionBuilder<TPrincipal, TDependent> WithinOrganisation<TPrincipal, TDependent>(
        this ReferenceCollectionBuilder<TPrincipal, TDependent> reference, string foreignKey)
        where TPrincipal : class
        where TDependent : class =>
        reference.HasForeignKey(nameof(IOrganisationOwned.OrganisationId), foreignKey)
            .HasPrincipalKey(nameof(IOrganisationOwned.OrganisationId), "Id");
}

internal sealed class ListItemConfiguration : IEntityTypeConfiguration<ListItem>
{
    public void Configure(EntityTypeBuilder<ListItem> builder)
    {
        builder.ComplexProperty(l => l.Label);
        builder.HasIndex(l => new { l.OrganisationId, l.List, l.ServiceId, l.Code }).IsUnique();
        builder.HasOne<Service>().WithMany().WithinOrganisation(nameof(ListItem.ServiceId)).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TypologySchemeConfiguration : IEntityTypeConfiguration<TypologyScheme>
{
    public void Configure(EntityTypeBuilder<TypologyScheme> builder)
    {
        builder.ComplexProperty(s => s.Name);
        builder.HasIndex(s => new { s.OrganisationId, s.Code }).IsUnique();
        builder.HasMany(s => s.Categories).WithOne().WithinOrganisation(nameof(TypologyCategory.SchemeId)).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Categories).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TypologyCategoryConfiguration : IEntityTypeConfiguration<TypologyCategory>
{
    public void Configure(EntityTypeBuilder<TypologyCategory> builder)
    {
        builder.ComplexProperty(c => c.Label);
        builder.HasIndex(c => new { c.SchemeId, c.Code }).IsUnique();
    }
}

internal sealed class EpisodeConfiguration : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> builder)
    {
        builder.HasIndex(e => new { e.CaseFileId, e.Number }).IsUnique();
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(Episode.ClosureReasonId)).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QualificationConfiguration : IEntityTypeConfiguration<Qualification>
{
    public void Configure(EntityTypeBuilder<Qualification> builder)
    {
        builder.Property(q => q.Why).HasMaxLength(1000);
        builder.HasOne<TypologyScheme>().WithMany().WithinOrganisation(nameof(Qualification.SchemeId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TypologyCategory>().WithMany().WithinOrganisation(nameof(Qualification.PrimaryCategoryId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(q => q.Secondary).WithOne().WithinOrganisation(nameof(QualificationSecondary.QualificationId)).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(q => q.Secondary).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class QualificationSecondaryConfiguration : IEntityTypeConfiguration<QualificationSecondary>
{
    public void Configure(EntityTypeBuilder<QualificationSecondary> builder)
    {
        builder.HasKey(s => new { s.QualificationId, s.CategoryId });
        builder.HasOne<TypologyCategory>().WithMany().WithinOrganisation(nameof(QualificationSecondary.CategoryId)).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseFileFlagConfiguration : IEntityTypeConfiguration<CaseFileFlag>
{
    public void Configure(EntityTypeBuilder<CaseFileFlag> builder)
    {
        builder.HasKey(f => new { f.CaseFileId, f.FlagId });
        builder.Property(f => f.Number).HasPrecision(9, 2);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(CaseFileFlag.FlagId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(CaseFileFlag.AuthorityId)).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseFileAccessConfiguration : IEntityTypeConfiguration<CaseFileAccess>
{
    public void Configure(EntityTypeBuilder<CaseFileAccess> builder)
    {
        builder.HasKey(a => new { a.CaseFileId, a.UserId });
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder) => builder.Property(a => a.Rationale).HasMaxLength(2000);
}

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> builder)
    {
        builder.Property(n => n.Text).HasMaxLength(8000);
        builder.HasOne<CaseFile>().WithMany().WithinOrganisation(nameof(CaseNote.CaseFileId)).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasIndex(n => new { n.OrganisationId, n.UserId, n.ReadAt });
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CaseFile>().WithMany().WithinOrganisation(nameof(Notification.CaseFileId)).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IntakeRequestConfiguration : IEntityTypeConfiguration<IntakeRequest>
{
    public void Configure(EntityTypeBuilder<IntakeRequest> builder)
    {
        builder.ToTable("Requests");
        builder.Property(r => r.Summary).HasMaxLength(4000);
        builder.HasIndex(r => new { r.OrganisationId, r.ServiceId, r.Decision });
        builder.HasOne<Service>().WithMany().WithinOrganisation(nameof(IntakeRequest.ServiceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(IntakeRequest.SourceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(IntakeRequest.ChannelId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Persons).WithOne().WithinOrganisation(nameof(RequestPerson.RequestId)).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Decisions).WithOne().WithinOrganisation(nameof(RequestDecision.RequestId)).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(r => r.Persons).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.Decisions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RequestPersonConfiguration : IEntityTypeConfiguration<RequestPerson>
{
    public void Configure(EntityTypeBuilder<RequestPerson> builder)
    {
        builder.HasKey(p => new { p.RequestId, p.Position });
        builder.HasOne<Beneficiary>().WithMany().WithinOrganisation(nameof(RequestPerson.BeneficiaryId)).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RequestDecisionConfiguration : IEntityTypeConfiguration<RequestDecision>
{
    public void Configure(EntityTypeBuilder<RequestDecision> builder)
    {
        builder.HasIndex(d => new { d.RequestId, d.Number }).IsUnique();
        builder.Property(d => d.Note).HasMaxLength(2000);
        builder.Property(d => d.CorrectionWhy).HasMaxLength(1000);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(RequestDecision.ReasonId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PartnerService>().WithMany().WithinOrganisation(nameof(RequestDecision.PartnerServiceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaseFile>().WithMany().WithinOrganisation(nameof(RequestDecision.CaseFileId)).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder) => builder.HasIndex(p => new { p.OrganisationId, p.Name });
}

internal sealed class PartnerServiceConfiguration : IEntityTypeConfiguration<PartnerService>
{
    public void Configure(EntityTypeBuilder<PartnerService> builder)
    {
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.HasOne<Partner>().WithMany().WithinOrganisation(nameof(PartnerService.PartnerId)).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.HasOne<CaseFile>().WithMany().WithinOrganisation(nameof(Referral.CaseFileId)).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PartnerService>().WithMany().WithinOrganisation(nameof(Referral.PartnerServiceId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ListItem>().WithMany().WithinOrganisation(nameof(Referral.SpecialityId)).OnDelete(DeleteBehavior.Restrict);
    }
}
