namespace Suivi.Domain;

public enum QualificationStage
{
    Opening,
    Requalification,
    Closing,
}

/// <summary>
/// A choice of categories in one scheme, checked against it: a primary category and optional secondary
/// ones, all of this scheme and none retired.
/// </summary>
public sealed class QualificationChoice
{
    public QualificationChoice(TypologyScheme scheme, Guid primaryCategoryId, IReadOnlyCollection<Guid>? secondaryCategoryIds)
    {
        Scheme = scheme;
        var primary = scheme.Categories.SingleOrDefault(c => c.Id == primaryCategoryId)
            ?? throw new DomainRuleException("This category is not in the chosen scheme.", "PrimaryCategoryId");
        if (primary.RetiredOn is not null)
        {
            throw new DomainRuleException("This category is retired.", "PrimaryCategoryId");
        }
        var secondary = (secondaryCategoryIds ?? []).Where(id => id != primaryCategoryId).Distinct().ToList();
        foreach (var id in secondary)
        {
            var category = scheme.Categories.SingleOrDefault(c => c.Id == id)
                ?? throw new DomainRuleException("This category is not in the chosen scheme.", "SecondaryCategoryIds");
            if (category.RetiredOn is not null)
            {
                throw new DomainRuleException("This category is retired.", "SecondaryCategoryIds");
            }
        }
        PrimaryCategoryId = primaryCategoryId;
        SecondaryCategoryIds = secondary;
    }

    public TypologyScheme Scheme { get; }
    public Guid PrimaryCategoryId { get; }
    public IReadOnlyList<Guid> SecondaryCategoryIds { get; }
}

/// <summary>How a case file was qualified at one moment of one episode. Never changed afterwards: the history of requalifications.</summary>
public sealed class Qualification : IOrganisationOwned
{
    private readonly List<QualificationSecondary> _secondary = [];

    private Qualification() { }

    internal Qualification(Guid organisationId, Guid caseFileId, int episodeNumber, QualificationStage stage, QualificationChoice choice,
        DateOnly on, Guid? userId, string? why)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseFileId = caseFileId;
        EpisodeNumber = episodeNumber;
        Stage = stage;
        SchemeId = choice.Scheme.Id;
        SchemeEdition = choice.Scheme.Edition;
        PrimaryCategoryId = choice.PrimaryCategoryId;
        _secondary.AddRange(choice.SecondaryCategoryIds.Select(id => new QualificationSecondary(organisationId, Id, id)));
        On = on;
        RecordedBy = userId;
        Why = Require.OptionalText(why, nameof(Why), 1000);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseFileId { get; private set; }
    public int EpisodeNumber { get; private set; }
    public QualificationStage Stage { get; private set; }
    public Guid SchemeId { get; private set; }
    public int SchemeEdition { get; private set; }
    public Guid PrimaryCategoryId { get; private set; }
    public DateOnly On { get; private set; }
    public Guid? RecordedBy { get; private set; }
    public string? Why { get; private set; }
    public IReadOnlyList<QualificationSecondary> Secondary => _secondary;
}

public sealed class QualificationSecondary : IOrganisationOwned
{
    private QualificationSecondary() { }

    internal QualificationSecondary(Guid organisationId, Guid qualificationId, Guid categoryId)
    {
        OrganisationId = organisationId;
        QualificationId = qualificationId;
        CategoryId = categoryId;
    }

    public Guid QualificationId { get; private set; }
    public Guid CategoryId { get; private set; }
    public Guid OrganisationId { get; private set; }
}
