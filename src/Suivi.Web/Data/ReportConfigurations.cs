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
