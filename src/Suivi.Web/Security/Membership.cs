namespace Suivi.Security;

/// <summary>The roles a person can hold in an organisation.</summary>
public enum OrganisationRole
{
    /// <summary>Manages the organisation, its members and lists; reads the audit log.</summary>
    OrganisationAdministrator,

    /// <summary>Coordinates a service: all case work plus its organisation.</summary>
    Coordinator,

    /// <summary>Records the daily work: people, case files, deliveries.</summary>
    Worker,

    /// <summary>Sees figures only, never names or any other identifying detail.</summary>
    Statistician,
}

/// <summary>A user's role in one organisation. A user may belong to several organisations and acts in one at a time, chosen by the URL.</summary>
public sealed class Membership
{
    private Membership() { }

    public Membership(Guid userId, Guid organisationId, OrganisationRole role)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        OrganisationId = organisationId;
        Role = role;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public OrganisationRole Role { get; private set; }
}
