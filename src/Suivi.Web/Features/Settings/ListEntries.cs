using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Settings;

/// <summary>What an administrator asks for when adding an entry to a configurable list.</summary>
public sealed record NewListEntry(ListKind List, string? Code, string? LabelFr, string? LabelDe, string? LabelEn, int? Position,
    Guid? ServiceId, FlagValue FlagValue);

/// <summary>
/// Adding entries to the configurable lists, from the settings page and from the API. A code names one
/// entry wherever it is offered: it may not repeat an organisation-wide code of the same list, nor, for
/// an organisation-wide entry, any service's code — retired entries included, since they may come back.
/// </summary>
public static class ListEntries
{
    public static async Task<ListItem> AddAsync(SuiviDbContext db, NewListEntry entry, CancellationToken cancellationToken)
    {
        var label = Label.Of(entry.LabelFr ?? "", entry.LabelDe, entry.LabelEn);
        if (entry.ServiceId is { } serviceId && !await db.Services.AnyAsync(s => s.Id == serviceId, cancellationToken))
        {
            throw new DomainRuleException("Choose a service of the organisation.", nameof(NewListEntry.ServiceId));
        }
        var taken = await db.ListItems
            .Where(i => i.List == entry.List && (entry.ServiceId == null || i.ServiceId == null || i.ServiceId == entry.ServiceId))
            .Select(i => i.Code)
            .ToListAsync(cancellationToken);
        var code = entry.Code?.Trim();
        if (taken.Any(t => string.Equals(t, code, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainRuleException("This code is already used in this list.", nameof(NewListEntry.Code));
        }
        if (entry.Position is < 0)
        {
            throw new DomainRuleException("Enter a position of 0 or more.", nameof(NewListEntry.Position));
        }
        var position = entry.Position ?? await NextPositionAsync(db, entry.List, cancellationToken);
        var item = new ListItem(entry.List, code!, label, position, entry.ServiceId, entry.FlagValue);
        db.ListItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    private static async Task<int> NextPositionAsync(SuiviDbContext db, ListKind list, CancellationToken cancellationToken) =>
        (await db.ListItems.Where(i => i.List == list).MaxAsync(i => (int?)i.Position, cancellationToken) ?? 0) + 1;
}
