namespace Suivi.Domain;

/// <summary>
/// One uploaded version of an organisation's report definition, kept whole: the text as the administrator wrote
/// it, who uploaded it and when. Versions are never changed or deleted; the highest number is in force, so a
/// refused upload (never stored) leaves the previous one in force, and a past report can be told from its version.
/// </summary>
public sealed class ReportDefinitionVersion : IOrganisationOwned
{
    public const int MaxTextLength = 1_000_000;

    private ReportDefinitionVersion() { Key = Text = ""; }

    public ReportDefinitionVersion(string key, int number, string text, Guid? uploadedBy, DateTime uploadedAt)
    {
        Id = Guid.CreateVersion7();
        Key = Require.Code(key);
        Number = number >= 1 ? number : throw new DomainRuleException("Versions are numbered from 1.", nameof(Number));
        Text = text.Length <= MaxTextLength
            ? text
            : throw new DomainRuleException("A report definition holds at most a million characters.", nameof(Text));
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }

    /// <summary>The report's code within the organisation, in its address: <c>panorama</c>.</summary>
    public string Key { get; private set; }

    public int Number { get; private set; }
    public string Text { get; private set; }
    public Guid? UploadedBy { get; private set; }
    public DateTime UploadedAt { get; private set; }
}
