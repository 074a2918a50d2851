using Suivi.Domain;

namespace Suivi.Features.People;

/// <summary>The one definition of "people matching a search", shared by the page, the API and the benchmark.</summary>
public static class PeopleSearch
{
    /// <summary>People whose folded name contains the folded query (accents and case ignored); everyone for an empty query.</summary>
    public static IQueryable<Beneficiary> Matching(this IQueryable<Beneficiary> people, string? query)
    {
        var folded = SearchText.Fold(query);
        return folded.Length == 0 ? people : people.Where(b => b.SearchKey.Contains(folded));
    }

    /// <summary>The order lists show people in: by name, stable across pages.</summary>
    public static IOrderedQueryable<Beneficiary> InListOrder(this IQueryable<Beneficiary> people) =>
        people.OrderBy(b => b.LastName).ThenBy(b => b.FirstName).ThenBy(b => b.Id);
}
