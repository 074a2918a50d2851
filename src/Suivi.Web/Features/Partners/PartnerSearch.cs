using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Partners;

/// <summary>The one definition of "partners matching a search", shared by the directory page and the API.</summary>
public static class PartnerSearch
{
    /// <summary>
    /// Partners whose folded name or theme contains the folded query (accents and case ignored), in
    /// <paramref name="region"/> when given, and with <paramref name="theme"/> as their own theme or one of their services' when given.
    /// </summary>
    public static IQueryable<Partner> Matching(this SuiviDbContext db, string? query, Region? region, string? theme)
    {
        var partners = db.Partners.AsQueryable();
        var folded = SearchText.Fold(query);
        if (folded.Length > 0)
        {
            partners = partners.Where(p => p.SearchKey.Contains(folded));
        }
        if (region is { } r)
        {
            partners = partners.Where(p => p.Region == r);
        }
        var wanted = theme?.Trim();
        if (!string.IsNullOrEmpty(wanted))
        {
            partners = partners.Where(p => p.Theme == wanted || db.PartnerServices.Any(s => s.PartnerId == p.Id && s.Theme == wanted));
        }
        return partners;
    }

    /// <summary>The order lists show partners in: by folded name, the same on every database, stable across pages.</summary>
    public static IOrderedQueryable<Partner> InListOrder(this IQueryable<Partner> partners) =>
        partners.OrderBy(p => p.SearchKey).ThenBy(p => p.Id);

    /// <summary>The themes in use in the directory, partners' and services', for the theme filter.</summary>
    public static async Task<IReadOnlyList<string>> ThemesAsync(this SuiviDbContext db, CancellationToken cancellationToken)
    {
        var partnerThemes = await db.Partners.Where(p => p.Theme != null).Select(p => p.Theme!).Distinct().ToListAsync(cancellationToken);
        var serviceThemes = await db.PartnerServices.Where(s => s.Theme != null).Select(s => s.Theme!).Distinct().ToListAsync(cancellationToken);
        return partnerThemes.Concat(serviceThemes)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, ignoreCase: true))
            .ToList();
    }
}
