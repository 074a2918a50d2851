namespace Suivi.Domain;

/// <summary>The group of organisations sharing one installation.</summary>
public sealed class Network
{
    private Network() { Name = ""; }

    public Network(string name)
    {
        Id = Guid.CreateVersion7();
        Name = Require.Text(name, nameof(Name));
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
}
