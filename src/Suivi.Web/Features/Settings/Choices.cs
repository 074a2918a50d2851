using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;

namespace Suivi.Features.Settings;

/// <summary>
/// What forms offer to choose from: the active entries of a configurable list and the active categories
/// of a typology. Retired entries are no longer offered, but records that used them still read them.
/// </summary>
public static class Choices
{
    /// <summary>
    /// The active entries of <paramref name="kind"/> for the whole organisation and, when
    /// <paramref name="serviceId"/> is given, those of that service too; in the organisation's order.
    /// </summary>
    public static Task<List<ListItem>> ActiveAsync(this IQueryable<ListItem> items, ListKind kind, Guid? serviceId, CancellationToken ct) =>
        items.Where(i => i.List == kind && i.RetiredOn == null && (i.ServiceId == null || i.ServiceId == serviceId))
            .OrderBy(i => i.Position).ThenBy(i => i.Code)
            .ToListAsync(ct);

    /// <summary>The active categories of a scheme, in the scheme's order.</summary>
    public static Task<List<TypologyCategory>> ActiveAsync(this IQueryable<TypologyCategory> categories, Guid schemeId, CancellationToken ct) =>
        categories.Where(c => c.SchemeId == schemeId && c.RetiredOn == null)
            .OrderBy(c => c.Position)
            .ToListAsync(ct);

    /// <summary>The two-letter language of the reader ("fr", "de", "en").</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>An entry's label in the reader's language.</summary>
    public static string LabelText(this ListItem item) => item.Label.In(Language);

    /// <summary>A category's label in the reader's language.</summary>
    public static string LabelText(this TypologyCategory category) => category.Label.In(Language);
}
