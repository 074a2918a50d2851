using Suivi.Security;

namespace Suivi.Domain;

/// <summary>
/// A year's report as its organisation published it: every figure it showed, unrounded, with the definition version
/// it was computed from, who published it and when. Published figures never change: later corrections to that year's
/// records show beside them as restatements. A year is published once per report; the row is never changed or deleted.
/// </summary>
public sealed class PublishedReport : IOrganisationOwned
{
    private PublishedReport() { Key = Figures = ""; }

    public PublishedReport(string key, int year, int definitionNumber, string figures, Guid publishedBy, OrganisationRole publisherRole,
        DateTime publishedAt)
    {
        Id = Guid.CreateVersion7();
        Key = Require.Code(key);
        Year = year;
        DefinitionNumber = definitionNumber >= 1
            ? definitionNumber
            : throw new DomainRuleException("Definition versions are numbered from 1.", nameof(DefinitionNumber));
        Figures = figures;
        PublishedBy = publishedBy;
        PublisherRole = publisherRole;
        PublishedAt = publishedAt;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }

    /// <summary>The report's key, as its definition's.</summary>
    public string Key { get; private set; }

    public int Year { get; private set; }

    /// <summary>The version of the definition the published figures were computed from.</summary>
    public int DefinitionNumber { get; private set; }

    /// <summary>The figures as published, a JSON array written and read by the report feature.</summary>
    public string Figures { get; private set; }

    /// <summary>
    /// The person who published. Restatements are computed with what they could see, so a reader who may see fewer
    /// case files does not learn, from a difference, that records hidden from them exist.
    /// </summary>
    public Guid PublishedBy { get; private set; }

    public OrganisationRole PublisherRole { get; private set; }
    public DateTime PublishedAt { get; private set; }
}
