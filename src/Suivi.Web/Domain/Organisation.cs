namespace Suivi.Domain;

public enum OrganisationKind
{
    HomeCare,
    AbusePrevention,
    ChildProtection,
    CaregiverSupport,
    HomelessAid,
}

/// <summary>A legal entity of the network; it owns its data. Its slug appears in every URL that acts in it (/o/{slug}/…).</summary>
public sealed class Organisation
{
    private Organisation() { Name = Slug = ""; }

    public Organisation(Guid networkId, string name, string slug, OrganisationKind kind)
    {
        Id = Guid.CreateVersion7();
        NetworkId = networkId;
        Name = Require.Text(name, nameof(Name));
        Slug = Require.Slug(slug);
        Kind = kind;
    }

    public Guid Id { get; private set; }
    public Guid NetworkId { get; private set; }
    public string Name { get; private set; }
    public string Slug { get; private set; }
    public OrganisationKind Kind { get; private set; }
}
