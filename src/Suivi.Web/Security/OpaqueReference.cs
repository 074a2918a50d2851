namespace Suivi.Security;

/// <summary>
/// How a person or a staff member appears to those who may not see names (statisticians, see
/// <see cref="CurrentOrganisation.MaySeeNames"/>): a reference made of the random end of the record's id. The same
/// person always reads the same, so people can be told apart and counted, but nothing in it says who they are, and
/// the id's leading time stamp (when they were recorded) is left out.
/// </summary>
public static class OpaqueReference
{
    public static string Of(Guid id) => "#" + id.ToString("N")[^10..].ToUpperInvariant();
}
