using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Settings;

namespace Suivi.Features.Contacts;

/// <summary>One choice of a select: what is posted and what the reader sees.</summary>
public sealed record Option(Guid Id, string Label);

/// <summary>What the contact, appointment and alarm forms offer to choose from.</summary>
public static class FormOptions
{
    public static Task<List<Option>> ServicesAsync(SuiviDbContext db, CancellationToken ct) =>
        db.Services.OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(ct);

    /// <summary>
    /// The service a new record goes to when its form opens: the one asked for, else the only service of
    /// <paramref name="kinds"/> (the helpline, the alarm service), else the organisation's only service.
    /// </summary>
    public static async Task<Guid?> DefaultServiceAsync(SuiviDbContext db, Guid? asked, IReadOnlyCollection<ServiceKind> kinds, CancellationToken ct)
    {
        var services = await db.Services.Select(s => new { s.Id, s.Kind }).ToListAsync(ct);
        if (asked is { } id && services.Any(s => s.Id == id))
        {
            return id;
        }
        var ofKind = services.Where(s => kinds.Contains(s.Kind)).ToList();
        return ofKind.Count == 1 ? ofKind[0].Id : services.Count == 1 ? services[0].Id : null;
    }

    /// <summary>The active entries of a list offered to the service, and the record's own entry even if retired since.</summary>
    public static async Task<List<Option>> ListAsync(SuiviDbContext db, ListKind kind, Guid? serviceId, Guid? current, CancellationToken ct)
    {
        var items = await db.ListItems.ActiveAsync(kind, serviceId, ct);
        if (current is { } id && items.All(i => i.Id != id) && await db.ListItems.SingleOrDefaultAsync(i => i.Id == id, ct) is { } kept)
        {
            items.Insert(0, kept);
        }
        return items.Select(i => new Option(i.Id, i.LabelText())).ToList();
    }

    /// <summary>The staff, those of <paramref name="serviceId"/> first.</summary>
    public static async Task<List<Option>> StaffAsync(SuiviDbContext db, Guid? serviceId, CancellationToken ct) =>
        (await db.Staff.OrderBy(s => s.LastName).ThenBy(s => s.FirstName)
            .Select(s => new { s.Id, s.ServiceId, Name = s.FirstName + " " + s.LastName }).ToListAsync(ct))
        .OrderBy(s => serviceId is not null && s.ServiceId == serviceId ? 0 : 1)
        .Select(s => new Option(s.Id, s.Name))
        .ToList();

    /// <summary>Labels of list entries in the reader's language, retired ones included: old records still read them.</summary>
    public static async Task<Dictionary<Guid, string>> LabelsAsync(SuiviDbContext db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        return (await db.ListItems.Where(i => wanted.Contains(i.Id)).ToListAsync(ct)).ToDictionary(i => i.Id, i => i.LabelText());
    }
}
