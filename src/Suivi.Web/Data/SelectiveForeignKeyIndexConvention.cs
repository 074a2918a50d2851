using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace Suivi.Data;

/// <summary>
/// EF Core indexes every foreign key. Activity tables hold millions of rows loaded in bulk, and a foreign
/// key to a list entry, a service or a staff member — rows that are retired, never deleted — is never
/// read by: such keys keep their constraint (no reference crosses organisations) but get no index.
/// </summary>
internal sealed class SelectiveForeignKeyIndexConvention(ProviderConventionSetBuilderDependencies dependencies)
    : ForeignKeyIndexConvention(dependencies)
{
    public const string Annotation = "Suivi:UnindexedForeignKeys";

    protected override IConventionIndex? CreateIndex(IReadOnlyList<IConventionProperty> properties, bool unique, IConventionEntityTypeBuilder entityTypeBuilder)
    {
        if (!unique && entityTypeBuilder.Metadata.FindAnnotation(Annotation)?.Value is string unindexed
            && properties.Count == 2 && unindexed.Split(',').Contains(properties[1].Name))
        {
            return null;
        }
        return base.CreateIndex(properties, unique, entityTypeBuilder);
    }
}
