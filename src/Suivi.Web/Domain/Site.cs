namespace Suivi.Domain;

/// <summary>The regions reports break figures down by.</summary>
public enum Region
{
    Centre,
    Sud,
    Nord,
    Est,
    Ouest,
}

/// <summary>A place where a service works, in a region.</summary>
public sealed class Site : IOrganisationOwned, IVersioned
{
    private Site() { Name = ""; }

    public Site(Guid serviceId, string name, Region region, string? address)
    {
        Id = Guid.CreateVersion7();
        ServiceId = serviceId;
        Name = Require.Text(name, nameof(Name));
        Region = region;
        Address = Require.OptionalText(address, nameof(Address), 300);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid ServiceId { get; private set; }
    public string Name { get; private set; }
    public Region Region { get; private set; }
    public string? Address { get; private set; }
    public long Version { get; private set; }
}
