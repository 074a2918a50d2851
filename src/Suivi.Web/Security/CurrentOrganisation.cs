namespace Suivi.Security;

/// <summary>
/// The organisation the current request (or background scope) acts in, and the caller's role there.
/// Set once per scope by <see cref="OrganisationResolution"/> from the /o/{org} part of the URL, after
/// the caller's membership was checked. The data layer reads it to scope and stamp every
/// organisation-owned row: when it is not set, organisation-owned queries return nothing and writes fail.
/// </summary>
public sealed class CurrentOrganisation
{
    public Guid Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string Name { get; private set; } = "";
    public OrganisationRole? Role { get; private set; }

    /// <summary>The person acting, whose name must be on a restricted case file for them to see it.</summary>
    public Guid? UserId { get; private set; }

    public bool IsSet => Id != Guid.Empty;

    public bool Has(params OrganisationRole[] roles) => Role is { } role && roles.Contains(role);

    /// <summary>Whether the caller may see who the records are about (everyone except statisticians).</summary>
    public bool MaySeeNames => Role is not null and not OrganisationRole.Statistician;

    public void Enter(Guid id, string slug, string name, OrganisationRole? role, Guid? userId = null)
    {
        if (IsSet && id != Id)
        {
            throw new InvalidOperationException("A scope acts in one organisation only.");
        }
        Id = id;
        Slug = slug;
        Name = name;
        Role = role;
        UserId = userId;
    }
}
