using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Contacts;

/// <summary>A contact as the helpline operator types it or the API sends it.</summary>
public sealed record ContactEntry(
    Guid? ServiceId,
    ContactKind Kind,
    ContactDirection Direction,
    DateOnly? OnDate,
    TimeOnly? AtTime,
    TimeSpan? Duration,
    Guid? ChannelId,
    Guid? BeneficiaryId,
    Guid? OutcomeId,
    Guid? StaffMemberId,
    string? Subject);

/// <summary>Which contacts of the log are shown and counted: one service or all, a period, a kind, a direction, an outcome.</summary>
public sealed record ContactFilter(DateOnly From, DateOnly To, Guid? ServiceId, ContactKind? Kind, ContactDirection? Direction, Guid? OutcomeId)
{
    public IQueryable<Contact> Apply(IQueryable<Contact> contacts)
    {
        contacts = contacts.Where(c => c.OnDate >= From && c.OnDate <= To);
        if (ServiceId is { } service)
        {
            contacts = contacts.Where(c => c.ServiceId == service);
        }
        if (Kind is { } kind)
        {
            contacts = contacts.Where(c => c.Kind == kind);
        }
        if (Direction is { } direction)
        {
            contacts = contacts.Where(c => c.Direction == direction);
        }
        if (OutcomeId is { } outcome)
        {
            contacts = contacts.Where(c => c.OutcomeId == outcome);
        }
        return contacts;
    }
}

/// <summary>
/// How many contacts: in all, by how they came (the public number, a callback or a call redirected from a
/// branch, a call made) and how many were anonymous — counted without any person being recorded.
/// </summary>
public sealed record ContactCounts(int Total, int Inbound, int Redirected, int Outbound, int Anonymous)
{
    public static readonly ContactCounts None = new(0, 0, 0, 0, 0);
}

/// <summary>
/// The contact log of a service: recording and correcting contacts from the form and the API with the
/// same checks, and counting them per period and per day.
/// </summary>
public static class ContactLog
{
    /// <summary>Checks the entry and adds the new contact to the unit of work; a refused rule names the field of <see cref="ContactEntry"/>.</summary>
    public static async Task<Contact> RecordAsync(SuiviDbContext db, ContactEntry entry, DateOnly today, CancellationToken ct)
    {
        var service = await References.ServiceAsync(db, entry.ServiceId, nameof(ContactEntry.ServiceId), ct);
        var contact = new Contact(service.Id, await DetailsAsync(db, entry, service.Id, null, ct), today);
        db.Contacts.Add(contact);
        return contact;
    }

    /// <summary>Corrects what was recorded; the service stays the one the contact was logged in.</summary>
    public static async Task CorrectAsync(SuiviDbContext db, Contact contact, ContactEntry entry, DateOnly today, CancellationToken ct)
    {
        if (entry.ServiceId is { } serviceId && serviceId != contact.ServiceId)
        {
            throw new DomainRuleException("A contact stays in the log of the service it was recorded in.", nameof(ContactEntry.ServiceId));
        }
        contact.Correct(await DetailsAsync(db, entry, contact.ServiceId, contact, ct), today);
    }

    /// <summary>Counts over the whole filtered log, and per day (latest first).</summary>
    public static async Task<(ContactCounts Total, IReadOnlyList<(DateOnly Day, ContactCounts Counts)> PerDay)> CountAsync(
        IQueryable<Contact> contacts, CancellationToken ct)
    {
        var groups = await contacts
            .GroupBy(c => new { c.OnDate, c.Direction, Anonymous = c.BeneficiaryId == null })
            .Select(g => new { g.Key.OnDate, g.Key.Direction, g.Key.Anonymous, Count = g.Count() })
            .ToListAsync(ct);
        ContactCounts Sum(IEnumerable<(ContactDirection Direction, bool Anonymous, int Count)> rows)
        {
            var list = rows.ToList();
            return new ContactCounts(list.Sum(r => r.Count),
                list.Where(r => r.Direction == ContactDirection.Inbound).Sum(r => r.Count),
                list.Where(r => r.Direction == ContactDirection.Redirected).Sum(r => r.Count),
                list.Where(r => r.Direction == ContactDirection.Outbound).Sum(r => r.Count),
                list.Where(r => r.Anonymous).Sum(r => r.Count));
        }
        var total = Sum(groups.Select(g => (g.Direction, g.Anonymous, g.Count)));
        var perDay = groups.GroupBy(g => g.OnDate).OrderByDescending(d => d.Key)
            .Select(d => (d.Key, Sum(d.Select(g => (g.Direction, g.Anonymous, g.Count)))))
            .ToList();
        return (total, perDay);
    }

    /// <summary>
    /// The date and time a new contact defaults to: now, as the clock on the operator's wall shows it — the
    /// server's time zone (set TZ, e.g. Europe/Luxembourg, where the organisations work).
    /// </summary>
    public static (DateOnly Day, TimeOnly Time) LocalNow(TimeProvider clock)
    {
        var now = clock.GetLocalNow();
        return (DateOnly.FromDateTime(now.DateTime), new TimeOnly(now.Hour, now.Minute));
    }

    /// <summary>A duration as the log shows it: minutes, with a decimal for the seconds of a timed call ("2,5").</summary>
    public static string Minutes(int seconds) => Math.Round(seconds / 60m, 1).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture);

    private static async Task<ContactDetails> DetailsAsync(SuiviDbContext db, ContactEntry entry, Guid serviceId, Contact? current,
        CancellationToken ct)
    {
        if (!Enum.IsDefined(entry.Kind))
        {
            throw new DomainRuleException("Choose the kind of contact.", nameof(ContactEntry.Kind));
        }
        if (!Enum.IsDefined(entry.Direction))
        {
            throw new DomainRuleException("Choose the direction of the contact.", nameof(ContactEntry.Direction));
        }
        var onDate = entry.OnDate ?? throw new DomainRuleException("This field is required.", nameof(ContactEntry.OnDate));
        await References.CheckOfferedAsync(db, ListKind.Channel, entry.ChannelId, serviceId, current?.ChannelId,
            nameof(ContactEntry.ChannelId), "Choose the channel.", ct);
        await References.CheckOfferedAsync(db, ListKind.ContactOutcome, entry.OutcomeId, serviceId, current?.OutcomeId,
            nameof(ContactEntry.OutcomeId), "Choose the outcome of the contact.", ct);
        await References.CheckPersonAsync(db, entry.BeneficiaryId, nameof(ContactEntry.BeneficiaryId), ct);
        await References.CheckStaffAsync(db, entry.StaffMemberId, nameof(ContactEntry.StaffMemberId), ct);
        return new ContactDetails(entry.Kind, entry.Direction, onDate, entry.AtTime, entry.Duration, entry.ChannelId, entry.BeneficiaryId,
            entry.OutcomeId, entry.StaffMemberId, entry.Subject);
    }
}
