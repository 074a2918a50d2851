namespace Suivi.Domain;

/// <summary>
/// A record that belongs to exactly one organisation. The data layer scopes every read of such a
/// record to the organisation the request acts in, stamps new records with it, and refuses to
/// write a record of another organisation. Entities never set <see cref="OrganisationId"/> themselves.
/// </summary>
public interface IOrganisationOwned
{
    Guid OrganisationId { get; }
}

/// <summary>A record edited through forms: the version is checked on save so a concurrent edit is refused, never overwritten.</summary>
public interface IVersioned
{
    long Version { get; }
}
