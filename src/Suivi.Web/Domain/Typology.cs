namespace Suivi.Domain;

/// <summary>
/// A classification scheme (the 24-category maltreatment typology, a psychological service's main
/// motives, …). Its edition goes up whenever its categories change; categories are retired, never
/// deleted, so a file qualified with an old code still reads it.
/// </summary>
public sealed class TypologyScheme : IOrganisationOwned, IVersioned
{
    private readonly List<TypologyCategory> _categories = [];

    private TypologyScheme() { Code = ""; Name = null!; }

    public TypologyScheme(string code, Label name)
    {
        Id = Guid.CreateVersion7();
        Code = Require.Code(code);
        Name = name;
        Edition = 1;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Code { get; private set; }
    public Label Name { get; private set; }
    public int Edition { get; private set; }
    public DateOnly? RetiredOn { get; private set; }
    public long Version { get; private set; }
    public IReadOnlyList<TypologyCategory> Categories => _categories;

    /// <summary>Adds a category. Changing a scheme already in use (<paramref name="newEdition"/>) starts a new edition.</summary>
    public TypologyCategory AddCategory(string code, Label label, string? group, bool newEdition = false)
    {
        if (_categories.Any(c => string.Equals(c.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainRuleException("This code is already used in the scheme.", "Code");
        }
        // Built first: an invalid code must leave the scheme (and its edition) as it was.
        var category = new TypologyCategory(OrganisationId, Id, code!, label, group, _categories.Count + 1, newEdition ? Edition + 1 : Edition);
        if (newEdition)
        {
            Edition++;
        }
        _categories.Add(category);
        return category;
    }

    public void RetireCategory(Guid categoryId, DateOnly on)
    {
        var category = _categories.SingleOrDefault(c => c.Id == categoryId)
            ?? throw new DomainRuleException("This category is not in the scheme.", "CategoryId");
        if (category.RetiredOn is null)
        {
            category.Retire(on, Edition + 1);
            Edition++;
        }
    }
}

public sealed class TypologyCategory : IOrganisationOwned
{
    private TypologyCategory() { Code = ""; Label = null!; }

    internal TypologyCategory(Guid organisationId, Guid schemeId, string code, Label label, string? group, int position, int sinceEdition)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        SchemeId = schemeId;
        Code = Require.Code(code);
        Label = label;
        Group = Require.OptionalText(group, nameof(Group), 60);
        Position = position;
        SinceEdition = sinceEdition;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid SchemeId { get; private set; }
    public string Code { get; private set; }
    public Label Label { get; private set; }
    public string? Group { get; private set; }
    public int Position { get; private set; }
    public int SinceEdition { get; private set; }
    public int? RetiredInEdition { get; private set; }
    public DateOnly? RetiredOn { get; private set; }

    internal void Retire(DateOnly on, int edition)
    {
        RetiredOn = on;
        RetiredInEdition = edition;
    }
}
