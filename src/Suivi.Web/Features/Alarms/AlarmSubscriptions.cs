using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Contacts;

namespace Suivi.Features.Alarms;

/// <summary>A new subscription as the form or the API gives it.</summary>
public sealed record NewSubscription(Guid? ServiceId, Guid? BeneficiaryId, Guid? DeviceId, DateOnly? From);

/// <summary>An alarm as the form or the API gives it.</summary>
public sealed record NewAlarm(DateOnly? OnDate, TimeOnly? AtTime, Guid? OutcomeId, string? Note);

/// <summary>How many alarms had one outcome; <see cref="OutcomeId"/> identifies the list entry.</summary>
public sealed record OutcomeCount(Guid OutcomeId, string Code, string Label, int Count);

/// <summary>
/// The alarm service: subscriptions (a person, the device they wear, from one date to another) and the alarms
/// they raise. Pages and API go through here, so a device, an outcome or a person of another organisation,
/// or a list entry the service does not offer, is refused on its field. Rules refused name the field of the
/// records above (From, DeviceId, OnDate, …).
/// </summary>
public static class AlarmSubscriptions
{
    public static async Task<AlarmSubscription> SubscribeAsync(SuiviDbContext db, NewSubscription entry, DateOnly today, CancellationToken ct)
    {
        var service = await References.ServiceAsync(db, entry.ServiceId, nameof(NewSubscription.ServiceId), ct);
        var personId = entry.BeneficiaryId ?? throw new DomainRuleException("Choose the subscriber.", nameof(NewSubscription.BeneficiaryId));
        await References.CheckPersonAsync(db, personId, nameof(NewSubscription.BeneficiaryId), ct);
        var deviceId = entry.DeviceId ?? throw new DomainRuleException("Choose the device.", nameof(NewSubscription.DeviceId));
        await References.CheckOfferedAsync(db, ListKind.AlarmDevice, deviceId, service.Id, null, nameof(NewSubscription.DeviceId),
            "Choose the device.", ct);
        var from = entry.From ?? throw new DomainRuleException("This field is required.", nameof(NewSubscription.From));
        var subscription = new AlarmSubscription(service.Id, personId, deviceId, from, today);
        db.AlarmSubscriptions.Add(subscription);
        return subscription;
    }

    public static async Task ChangeDeviceAsync(SuiviDbContext db, AlarmSubscription subscription, Guid? deviceId, CancellationToken ct)
    {
        var device = deviceId ?? throw new DomainRuleException("Choose the device.", nameof(NewSubscription.DeviceId));
        await References.CheckOfferedAsync(db, ListKind.AlarmDevice, device, subscription.ServiceId, subscription.DeviceId,
            nameof(NewSubscription.DeviceId), "Choose the device.", ct);
        subscription.ChangeDevice(device);
    }

    /// <summary>Ends the subscription on its last day; alarms already recorded must stay inside it.</summary>
    public static async Task EndAsync(SuiviDbContext db, AlarmSubscription subscription, DateOnly? on, CancellationToken ct)
    {
        var last = on ?? throw new DomainRuleException("This field is required.", nameof(AlarmSubscription.To));
        // The subscription's own rules (already ended, ending before it started) speak first.
        if (subscription.To is null && last >= subscription.From
            && await db.Alarms.AnyAsync(a => a.SubscriptionId == subscription.Id && a.OnDate > last, ct))
        {
            throw new DomainRuleException("Alarms were recorded after this date: the subscription ends on the day of the last one or later.",
                nameof(AlarmSubscription.To));
        }
        subscription.End(last);
    }

    public static async Task<Alarm> RecordAlarmAsync(SuiviDbContext db, AlarmSubscription subscription, NewAlarm entry, DateOnly today,
        CancellationToken ct)
    {
        var onDate = entry.OnDate ?? throw new DomainRuleException("This field is required.", nameof(NewAlarm.OnDate));
        var outcomeId = entry.OutcomeId ?? throw new DomainRuleException("Choose the outcome of the alarm.", nameof(NewAlarm.OutcomeId));
        await References.CheckOfferedAsync(db, ListKind.AlarmOutcome, outcomeId, subscription.ServiceId, null, nameof(NewAlarm.OutcomeId),
            "Choose the outcome of the alarm.", ct);
        var alarm = new Alarm(subscription, onDate, entry.AtTime, outcomeId, entry.Note, today);
        db.Alarms.Add(alarm);
        return alarm;
    }

    /// <summary>The subscriptions active on <paramref name="day"/>: started on or before it, not ended before it.</summary>
    public static IQueryable<AlarmSubscription> ActiveOn(this IQueryable<AlarmSubscription> subscriptions, DateOnly day) =>
        subscriptions.Where(s => s.From <= day && (s.To == null || day <= s.To));

    /// <summary>Subscribers on a day: people, each counted once whatever the number of their subscriptions ("subscribers at year end" on 31 December).</summary>
    public static Task<int> SubscribersAsync(IQueryable<AlarmSubscription> active, CancellationToken ct) =>
        active.Select(s => s.BeneficiaryId).Distinct().CountAsync(ct);

    public static IQueryable<Alarm> Between(this IQueryable<Alarm> alarms, DateOnly from, DateOnly to, Guid? serviceId, Guid? outcomeId)
    {
        alarms = alarms.Where(a => a.OnDate >= from && a.OnDate <= to);
        if (serviceId is { } service)
        {
            alarms = alarms.Where(a => a.ServiceId == service);
        }
        if (outcomeId is { } outcome)
        {
            alarms = alarms.Where(a => a.OutcomeId == outcome);
        }
        return alarms;
    }

    /// <summary>The alarms by outcome, in the list's order; outcomes no alarm had are left out.</summary>
    public static async Task<IReadOnlyList<OutcomeCount>> CountByOutcomeAsync(SuiviDbContext db, IQueryable<Alarm> alarms, CancellationToken ct)
    {
        var counts = await alarms.GroupBy(a => a.OutcomeId).Select(g => new { OutcomeId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var ids = counts.Select(c => c.OutcomeId).ToList();
        var items = await db.ListItems.Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        return items.OrderBy(i => i.Position).ThenBy(i => i.Code)
            .Select(i => new OutcomeCount(i.Id, i.Code, Settings.Choices.LabelText(i), counts.Single(c => c.OutcomeId == i.Id).Count))
            .ToList();
    }
}
