namespace Suivi.Domain;

/// <summary>
/// A record that can come from an import: the id it has in the organisation's previous system makes a
/// re-import of the same file change nothing, and the import run says where it came from.
/// </summary>
public interface IImported
{
    string? ExternalId { get; }
    Guid? ImportRunId { get; }
}
