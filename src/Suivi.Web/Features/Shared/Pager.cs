namespace Suivi.Features;

/// <summary>What the shared pager needs: where we are and the query to keep on the other pages.</summary>
public sealed record Pager(int Page, int PageCount, IReadOnlyDictionary<string, string?> Query)
{
    public string Link(int page)
    {
        // An empty value is kept: it can mean "all" where the default is something else (status=Open).
        var parts = Query.Where(p => p.Value is not null)
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}")
            .Append($"page={page}");
        return "?" + string.Join("&", parts);
    }
}
