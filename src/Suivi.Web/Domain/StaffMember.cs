namespace Suivi.Domain;

public enum Profession
{
    Nurse,
    CareAssistant,
    HouseholdHelper,
    FamilySocialHelper,
    Administrative,
    CareAide,
    Physiotherapist,
    Educator,
    OccupationalTherapist,
    SocialWorker,
    Psychologist,
    Paediatrician,
    Coordinator,
    Other,
}

/// <summary>
/// A person working for an organisation. Full-time equivalents are stored in millionths so that
/// sums over hundreds of staff reproduce published totals exactly (1 129,02 from unrounded parts).
/// </summary>
public sealed class StaffMember : IOrganisationOwned, IVersioned
{
    public const long FteScale = 1_000_000;

    private StaffMember() { FirstName = LastName = ""; }

    public StaffMember(string firstName, string lastName, Profession profession, decimal fte, Guid? serviceId)
    {
        Id = Guid.CreateVersion7();
        FirstName = Require.Text(firstName, nameof(FirstName), 100);
        LastName = Require.Text(lastName, nameof(LastName), 100);
        Profession = profession;
        ServiceId = serviceId;
        SetFte(fte);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string FirstName { get; private set; }
    public string LastName { get; private set; }
    public Profession Profession { get; private set; }
    public Guid? ServiceId { get; private set; }

    /// <summary>Full-time equivalent in millionths (1.0 FTE = 1 000 000).</summary>
    public long FteMillionths { get; private set; }

    public decimal Fte => (decimal)FteMillionths / FteScale;

    /// <summary>The sign-in account of this staff member, if they use Suivi.</summary>
    public Guid? UserId { get; private set; }

    public long Version { get; private set; }

    public string FullName => $"{FirstName} {LastName}";

    public void SetFte(decimal fte)
    {
        if (fte is < 0 or > 1.5m)
        {
            throw new DomainRuleException("A full-time equivalent lies between 0 and 1.5.", nameof(Fte));
        }
        var scaled = fte * FteScale;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new DomainRuleException("A full-time equivalent has at most six decimals.", nameof(Fte));
        }
        FteMillionths = (long)scaled;
    }

    public void LinkAccount(Guid userId) => UserId = userId;
}
