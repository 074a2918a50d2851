namespace Suivi.Domain;

public enum FamilyRelation
{
    /// <summary>The first person is a parent of the second.</summary>
    ParentOf,

    /// <summary>The first person is a caregiver of the second.</summary>
    CaregiverOf,

    /// <summary>The two persons are partners (symmetric).</summary>
    PartnerOf,
}

/// <summary>A family or household tie between two beneficiaries of the same organisation.</summary>
public sealed class FamilyLink : IOrganisationOwned
{
    private FamilyLink() { }

    public FamilyLink(Guid fromBeneficiaryId, Guid toBeneficiaryId, FamilyRelation relation)
    {
        if (fromBeneficiaryId == toBeneficiaryId)
        {
            throw new DomainRuleException("A person cannot be linked to themselves.", "ToBeneficiaryId");
        }
        Id = Guid.CreateVersion7();
        FromBeneficiaryId = fromBeneficiaryId;
        ToBeneficiaryId = toBeneficiaryId;
        Relation = relation;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid FromBeneficiaryId { get; private set; }
    public Guid ToBeneficiaryId { get; private set; }
    public FamilyRelation Relation { get; private set; }
}
