using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Features.Reports;

/// <summary>
/// The records behind a figure as the records page lists them, one kind of record per indicator: a page of rows in
/// date order, and the figure recomputed from every record listed (all pages) — a count, hours to the second,
/// kilometres to the metre, distinct people, days of residence, full-time equivalents to the millionth — divided as
/// the facts are (<see cref="FactTable.Divisor"/>), so it equals the report's figure to the last digit. The records
/// are those <see cref="RecordFacts"/> reads for the figure, through the organisation's tenancy-filtered DbContext.
/// </summary>
public static class RecordList
{
    public const int PageSize = 50;

    public sealed record Column(string Heading, bool Numeric = false);

    public sealed record Cell(string Text, string? Link = null, bool Muted = false);

    public sealed record Listing(IReadOnlyList<Column> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows);

    /// <summary>What a recomputed figure was made of, as the page's footer shows it: "Deliveries 12", "Hours 18:30:00".</summary>
    public sealed record Part(string Label, string Text);

    /// <summary>The figure recomputed from the records, how many rows list them, and what it was made of.</summary>
    public sealed record Recomputed(decimal Value, long Rows, IReadOnlyList<Part> Parts);

    internal static async Task<Recomputed> RecomputeAsync(RecordFacts facts, RecordsQuery query, Shown shown, CancellationToken ct)
    {
        var indicator = query.Indicator;
        if (indicator == Indicators.DeliveryCount || indicator == Indicators.DeliveryHours || indicator == Indicators.DeliveryKilometres)
        {
            var deliveries = await facts.DeliveriesAsync(query, ct);
            var count = await deliveries.LongCountAsync(ct);
            var seconds = await deliveries.SumAsync(d => (long)d.DurationSeconds, ct);
            var metres = await deliveries.SumAsync(d => (long)(d.DistanceMetres ?? 0), ct);
            var value = indicator == Indicators.DeliveryCount ? count
                : indicator == Indicators.DeliveryHours ? seconds / RecordFacts.SecondsPerHour
                : metres / RecordFacts.MetresPerKilometre;
            return new(value, count,
            [
                new(shown.L["Deliveries"], shown.Count(count)),
                new(shown.L["Hours"], $"{shown.Number(seconds / RecordFacts.SecondsPerHour, 2)} ({Shown.Duration(seconds)})"),
                new(shown.L["Kilometres"], shown.Number(metres / RecordFacts.MetresPerKilometre, 3)),
            ]);
        }
        if (indicator == Indicators.BeneficiariesServed)
        {
            var deliveries = await facts.ServedAsync(query, ct);
            var people = await deliveries.Select(d => d.BeneficiaryId).Distinct().LongCountAsync(ct);
            return new(people, people, [new(shown.L["People"], shown.Count(people)), new(shown.L["Deliveries"], shown.Count(await deliveries.LongCountAsync(ct)))]);
        }
        if (indicator == Indicators.DayCentreVisitors || indicator == Indicators.DayCentreVisits)
        {
            var visits = await facts.VisitsAsync(query, ct);
            var count = await visits.LongCountAsync(ct);
            var people = await visits.Select(v => v.BeneficiaryId).Distinct().LongCountAsync(ct);
            return indicator == Indicators.DayCentreVisitors
                ? new(people, people, [new(shown.L["People"], shown.Count(people)), new(shown.L["Visits"], shown.Count(count))])
                : new(count, count, [new(shown.L["Visits"], shown.Count(count)), new(shown.L["People"], shown.Count(people))]);
        }
        if (indicator == Indicators.HousingAverageResidents)
        {
            var (from, to) = RecordFacts.YearOf(query.Year);
            var stays = await (await facts.StaysAsync(query, ct)).Select(s => new { s.From, s.To }).ToListAsync(ct);
            var days = stays.Sum(s => RecordFacts.DaysWithin(s.From, s.To, from, to));
            var year = RecordFacts.DaysOf(query.Year);
            return new(days / year, stays.Count,
            [
                new(shown.L["Stays"], shown.Count(stays.Count)),
                new(shown.L["Days of residence"], shown.Count(days)),
                new(shown.L["Days in the year"], shown.Count((long)year)),
            ]);
        }
        if (indicator == Indicators.StaffFte || indicator == Indicators.StaffCount)
        {
            var staff = await facts.StaffAsync(query, ct);
            var count = await staff.LongCountAsync(ct);
            var fte = await staff.SumAsync(s => s.FteMillionths, ct) / (decimal)StaffMember.FteScale;
            return new(indicator == Indicators.StaffFte ? fte : count, count,
                [new(shown.L["Staff members"], shown.Count(count)), new(shown.L["Full-time equivalents"], shown.Number(fte, Shown.DecimalsOf(fte, 2, 6)))]);
        }
        var counted = indicator switch
        {
            _ when indicator == Indicators.AlarmSubscribers => (shown.L["Subscriptions"], await (await facts.SubscriptionsAsync(query, ct)).LongCountAsync(ct)),
            _ when indicator == Indicators.AlarmCount => (shown.L["Alarms"], await (await facts.AlarmsAsync(query, ct)).LongCountAsync(ct)),
            _ when indicator == Indicators.ContactCount => (shown.L["Contacts"], await (await facts.ContactsAsync(query, ct)).LongCountAsync(ct)),
            _ when indicator == Indicators.AppointmentCount => (shown.L["Appointments"], await (await facts.AppointmentsAsync(query, ct)).LongCountAsync(ct)),
            _ => throw new InvalidOperationException($"No list of the records behind '{indicator.Name}'."),
        };
        return new(counted.Item2, counted.Item2, [new(counted.Item1, shown.Count(counted.Item2))]);
    }

    /// <summary>One page of the records, in date order (staff by profession), read through <paramref name="db"/>, the DbContext of <paramref name="facts"/>.</summary>
    internal static async Task<Listing> ListAsync(RecordFacts facts, SuiviDbContext db, RecordsQuery query, int page, Shown shown, CancellationToken ct)
    {
        var skip = (page - 1) * PageSize;
        var indicator = query.Indicator;
        if (indicator == Indicators.DeliveryCount || indicator == Indicators.DeliveryHours || indicator == Indicators.DeliveryKilometres)
        {
            return await DeliveriesAsync(await facts.DeliveriesAsync(query, ct), db, skip, shown, ct);
        }
        if (indicator == Indicators.BeneficiariesServed)
        {
            var people = (await (await facts.ServedAsync(query, ct))
                .GroupBy(d => d.BeneficiaryId!.Value)
                .Select(g => new { Id = g.Key, First = g.Min(d => d.OnDate), Last = g.Max(d => d.OnDate), Count = g.LongCount(), Seconds = g.Sum(d => (long)d.DurationSeconds) })
                .OrderBy(p => p.First).ThenBy(p => p.Id).Skip(skip).Take(PageSize)
                .ToListAsync(ct))
                .Select(p => new PersonRow(p.Id, p.First, p.Last, p.Count, p.Seconds)).ToList();
            var names = await shown.PeopleAsync(db, people.Select(p => p.Id), ct);
            return new([new(shown.L["Person"]), new(shown.L["First delivery"]), new(shown.L["Last delivery"]), new(shown.L["Deliveries"], true), new(shown.L["Hours"], true)],
                [.. people.Select(p => (IReadOnlyList<Cell>)[shown.Person(p.Id, names), new(shown.Date(p.First)), new(shown.Date(p.Last)),
                    new(shown.Count(p.Count)), new(Shown.Duration(p.Seconds))])]);
        }
        if (indicator == Indicators.DayCentreVisitors)
        {
            var people = (await (await facts.VisitsAsync(query, ct))
                .GroupBy(v => v.BeneficiaryId)
                .Select(g => new { Id = g.Key, First = g.Min(v => v.OnDate), Last = g.Max(v => v.OnDate), Count = g.LongCount() })
                .OrderBy(p => p.First).ThenBy(p => p.Id).Skip(skip).Take(PageSize)
                .ToListAsync(ct))
                .Select(p => new PersonRow(p.Id, p.First, p.Last, p.Count, 0)).ToList();
            var names = await shown.PeopleAsync(db, people.Select(p => p.Id), ct);
            return new([new(shown.L["Person"]), new(shown.L["First visit"]), new(shown.L["Last visit"]), new(shown.L["Visits"], true)],
                [.. people.Select(p => (IReadOnlyList<Cell>)[shown.Person(p.Id, names), new(shown.Date(p.First)), new(shown.Date(p.Last)), new(shown.Count(p.Count))])]);
        }
        if (indicator == Indicators.DayCentreVisits)
        {
            var visits = await (await facts.VisitsAsync(query, ct))
                .OrderBy(v => v.OnDate).ThenBy(v => v.Id).Skip(skip).Take(PageSize)
                .Select(v => new { v.OnDate, v.ServiceId, v.BeneficiaryId })
                .ToListAsync(ct);
            var (services, names) = (await ServicesAsync(db, ct), await shown.PeopleAsync(db, visits.Select(v => v.BeneficiaryId), ct));
            return new([new(shown.L["Date"]), new(shown.L["Day centre"]), new(shown.L["Person"])],
                [.. visits.Select(v => (IReadOnlyList<Cell>)[new(shown.Date(v.OnDate)), new(services.GetValueOrDefault(v.ServiceId, "")), shown.Person(v.BeneficiaryId, names)])]);
        }
        if (indicator == Indicators.HousingAverageResidents)
        {
            var (from, to) = RecordFacts.YearOf(query.Year);
            var stays = await (await facts.StaysAsync(query, ct))
                .OrderBy(s => s.From).ThenBy(s => s.Id).Skip(skip).Take(PageSize)
                .Select(s => new { s.Id, s.ServiceId, s.BeneficiaryId, s.From, s.To })
                .ToListAsync(ct);
            var (services, names) = (await ServicesAsync(db, ct), await shown.PeopleAsync(db, stays.Select(s => s.BeneficiaryId), ct));
            return new([new(shown.L["Residence"]), new(shown.L["Person"]), new(shown.L["From"]), new(shown.L["To"]), new(shown.L["Days in the year"], true)],
                [.. stays.Select(s => (IReadOnlyList<Cell>)[new(services.GetValueOrDefault(s.ServiceId, ""), shown.Page($"housing-stays/{s.Id}")),
                    shown.Person(s.BeneficiaryId, names), new(shown.Date(s.From)), new(s.To is { } end ? shown.Date(end) : "…"),
                    new(shown.Count(RecordFacts.DaysWithin(s.From, s.To, from, to)))])]);
        }
        if (indicator == Indicators.AlarmSubscribers)
        {
            var subscriptions = await (await facts.SubscriptionsAsync(query, ct))
                .OrderBy(s => s.From).ThenBy(s => s.Id).Skip(skip).Take(PageSize)
                .Select(s => new { s.Id, s.ServiceId, s.DeviceId, s.BeneficiaryId, s.From, s.To })
                .ToListAsync(ct);
            var (services, items, names) = (await ServicesAsync(db, ct), await ItemsAsync(db, ct), await shown.PeopleAsync(db, subscriptions.Select(s => s.BeneficiaryId), ct));
            return new([new(shown.L["Since"]), new(shown.L["Until"]), new(shown.L["Service"]), new(shown.L["Device"]), new(shown.L["Person"])],
                [.. subscriptions.Select(s => (IReadOnlyList<Cell>)[new(shown.Date(s.From), shown.Page($"alarm-subscriptions/{s.Id}")),
                    new(s.To is { } end ? shown.Date(end) : "…"), new(services.GetValueOrDefault(s.ServiceId, "")), new(shown.Item(items, s.DeviceId)),
                    shown.Person(s.BeneficiaryId, names)])]);
        }
        if (indicator == Indicators.AlarmCount)
        {
            var alarms = await (await facts.AlarmsAsync(query, ct))
                .OrderBy(a => a.OnDate).ThenBy(a => a.AtTime).ThenBy(a => a.Id).Skip(skip).Take(PageSize)
                .Select(a => new
                {
                    a.OnDate,
                    a.AtTime,
                    a.ServiceId,
                    a.OutcomeId,
                    a.SubscriptionId,
                    Person = db.AlarmSubscriptions.Where(s => s.Id == a.SubscriptionId).Select(s => (Guid?)s.BeneficiaryId).FirstOrDefault(),
                })
                .ToListAsync(ct);
            var (services, items, names) = (await ServicesAsync(db, ct), await ItemsAsync(db, ct), await shown.PeopleAsync(db, alarms.Select(a => a.Person).OfType<Guid>(), ct));
            return new([new(shown.L["Date"]), new(shown.L["Service"]), new(shown.L["Outcome"]), new(shown.L["Person"])],
                [.. alarms.Select(a => (IReadOnlyList<Cell>)[new(shown.When(a.OnDate, a.AtTime), shown.Page($"alarm-subscriptions/{a.SubscriptionId}")),
                    new(services.GetValueOrDefault(a.ServiceId, "")), new(shown.Item(items, a.OutcomeId)), shown.Person(a.Person, names)])]);
        }
        if (indicator == Indicators.ContactCount)
        {
            var contacts = await (await facts.ContactsAsync(query, ct))
                .OrderBy(c => c.OnDate).ThenBy(c => c.AtTime).ThenBy(c => c.Id).Skip(skip).Take(PageSize)
                .Select(c => new { c.Id, c.OnDate, c.AtTime, c.ServiceId, c.Kind, c.Direction, c.OutcomeId, c.BeneficiaryId, c.Subject })
                .ToListAsync(ct);
            var (services, items, names) = (await ServicesAsync(db, ct), await ItemsAsync(db, ct), await shown.PeopleAsync(db, contacts.Select(c => c.BeneficiaryId).OfType<Guid>(), ct));
            // The subject is free text, which may name someone: only for those who may see names.
            return new([new(shown.L["Date"]), new(shown.L["Service"]), new(shown.L["Kind"]), new(shown.L["Direction"]), new(shown.L["Outcome"]),
                    new(shown.L["Person"]), .. shown.Names ? [new Column(shown.L["Subject"])] : Array.Empty<Column>()],
                [.. contacts.Select(c => (IReadOnlyList<Cell>)[new(shown.When(c.OnDate, c.AtTime), shown.Page($"contacts/{c.Id}")),
                    new(services.GetValueOrDefault(c.ServiceId, "")), new(shown.L[c.Kind.ToString()]), new(shown.L[c.Direction.ToString()]),
                    new(shown.Item(items, c.OutcomeId)), c.BeneficiaryId is null ? new(shown.L["Anonymous"], Muted: true) : shown.Person(c.BeneficiaryId, names),
                    .. shown.Names ? [new Cell(c.Subject ?? "")] : Array.Empty<Cell>()])]);
        }
        if (indicator == Indicators.AppointmentCount)
        {
            var appointments = await (await facts.AppointmentsAsync(query, ct))
                .OrderBy(a => a.OnDate).ThenBy(a => a.StartTime).ThenBy(a => a.Id).Skip(skip).Take(PageSize)
                .Select(a => new { a.Id, a.OnDate, a.StartTime, a.ServiceId, a.Status, a.BeneficiaryId })
                .ToListAsync(ct);
            var (services, names) = (await ServicesAsync(db, ct), await shown.PeopleAsync(db, appointments.Select(a => a.BeneficiaryId).OfType<Guid>(), ct));
            return new([new(shown.L["Date"]), new(shown.L["Service"]), new(shown.L["Status"]), new(shown.L["Person"])],
                [.. appointments.Select(a => (IReadOnlyList<Cell>)[new(shown.When(a.OnDate, a.StartTime), shown.Page($"appointments/{a.Id}")),
                    new(services.GetValueOrDefault(a.ServiceId, "")), new(shown.L[a.Status.ToString()]), shown.Person(a.BeneficiaryId, names)])]);
        }
        if (indicator == Indicators.StaffFte || indicator == Indicators.StaffCount)
        {
            var members = (await facts.StaffAsync(query, ct)).OrderBy(s => s.Profession);
            // Those who may not see names are not given the list in the order of them either.
            var staff = await (shown.Names ? members.ThenBy(s => s.LastName).ThenBy(s => s.FirstName).ThenBy(s => s.Id) : members.ThenBy(s => s.Id))
                .Skip(skip).Take(PageSize)
                .Select(s => new { s.Id, s.FirstName, s.LastName, s.Profession, s.ServiceId, s.FteMillionths })
                .ToListAsync(ct);
            var services = await ServicesAsync(db, ct);
            return new([new(shown.L["Staff member"]), new(shown.L["Profession"]), new(shown.L["Service"]), new(shown.L["Full-time equivalent"], true)],
                [.. staff.Select(s => (IReadOnlyList<Cell>)[new(shown.Names ? $"{s.FirstName} {s.LastName}" : OpaqueReference.Of(s.Id)),
                    new(shown.L[s.Profession.ToString()]), new(s.ServiceId is { } service ? services.GetValueOrDefault(service, "") : ""),
                    new(shown.Number((decimal)s.FteMillionths / StaffMember.FteScale, Shown.DecimalsOf((decimal)s.FteMillionths / StaffMember.FteScale, 2, 6)))])]);
        }
        throw new InvalidOperationException($"No list of the records behind '{indicator.Name}'.");
    }

    private sealed record PersonRow(Guid Id, DateOnly First, DateOnly Last, long Count, long Seconds);

    private static async Task<Listing> DeliveriesAsync(IQueryable<ServiceDelivery> deliveries, SuiviDbContext db, int skip, Shown shown, CancellationToken ct)
    {
        var rows = await deliveries
            .OrderBy(d => d.OnDate).ThenBy(d => d.StartTime).ThenBy(d => d.Id).Skip(skip).Take(PageSize)
            .Select(d => new
            {
                d.Id,
                d.OnDate,
                d.StartTime,
                d.ServiceId,
                d.TypeId,
                d.ActCategoryId,
                d.SiteId,
                d.DurationSeconds,
                d.DistanceMetres,
                d.BeneficiaryId,
                d.CaseFileId,
                d.WorkerId,
                Others = d.OtherWorkers.Select(w => w.StaffMemberId).ToList(),
            })
            .ToListAsync(ct);
        var (services, items) = (await ServicesAsync(db, ct), await ItemsAsync(db, ct));
        var sites = await db.Sites.ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var names = await shown.PeopleAsync(db, rows.Select(r => r.BeneficiaryId).OfType<Guid>(), ct);
        var staff = new Dictionary<Guid, string>();
        var files = new Dictionary<Guid, string>();
        if (shown.Names)
        {
            var staffIds = rows.SelectMany(r => r.Others.Prepend(r.WorkerId)).Distinct().ToList();
            staff = await db.Staff.Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FirstName + " " + s.LastName, ct);
            var fileIds = rows.Select(r => r.CaseFileId).OfType<Guid>().Distinct().ToList();
            files = await db.CaseFiles.Where(c => fileIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, ct);
        }
        // Workers and case-file references identify people too: only for those who may see names.
        return new(
            [
                new(shown.L["Date"]), new(shown.L["Service"]), new(shown.L["Type of delivery"]), new(shown.L["Act category"]), new(shown.L["Site"]),
                new(shown.L["Hours"], true), new(shown.L["Km"], true), new(shown.L["Person"]),
                .. shown.Names ? [new Column(shown.L["Case file"]), new Column(shown.L["Workers"])] : Array.Empty<Column>(),
            ],
            [.. rows.Select(r => (IReadOnlyList<Cell>)
            [
                new(shown.When(r.OnDate, r.StartTime), shown.Page($"deliveries/{r.Id}")), new(services.GetValueOrDefault(r.ServiceId, "")),
                new(shown.Item(items, r.TypeId)), new(shown.Item(items, r.ActCategoryId)), new(r.SiteId is { } site ? sites.GetValueOrDefault(site, "") : ""),
                new(Shown.Duration(r.DurationSeconds)), new(r.DistanceMetres is { } metres ? shown.Number(metres / RecordFacts.MetresPerKilometre, 1) : ""),
                r.BeneficiaryId is null ? new("—", Muted: true) : shown.Person(r.BeneficiaryId, names),
                .. shown.Names
                    ?
                    [
                        r.CaseFileId is { } file && files.TryGetValue(file, out var reference) ? new Cell(reference, shown.Page($"case-files/{file}")) : new Cell(""),
                        new Cell(string.Join(", ", r.Others.Prepend(r.WorkerId).Select(w => staff.GetValueOrDefault(w, "")))),
                    ]
                    : Array.Empty<Cell>(),
            ])]);
    }

    private static Task<Dictionary<Guid, string>> ServicesAsync(SuiviDbContext db, CancellationToken ct) =>
        db.Services.ToDictionaryAsync(s => s.Id, s => s.Name, ct);

    private static Task<Dictionary<Guid, Label>> ItemsAsync(SuiviDbContext db, CancellationToken ct) =>
        db.ListItems.ToDictionaryAsync(i => i.Id, i => i.Label, ct);

    /// <summary>
    /// How the page shows what it lists, for the reader: their language, and people named and linked to their page for
    /// those who may see names, an opaque reference for the others (<see cref="OpaqueReference"/>).
    /// </summary>
    public sealed class Shown(IStringLocalizer localizer, string language, string organisation, bool names)
    {
        public IStringLocalizer L => localizer;

        public bool Names => names;

        public string Number(decimal value, int decimals) => FigureFormat.Number(value, decimals, language);

        public string Count(long value) => Number(value, 0);

        public string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

        public string When(DateOnly date, TimeOnly? time) => time is { } at ? $"{Date(date)} {at.ToString("t", CultureInfo.CurrentCulture)}" : Date(date);

        /// <summary>Hours, minutes and seconds, exactly: 961543:12:00.</summary>
        public static string Duration(long seconds) =>
            string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds % 3600 / 60:00}:{seconds % 60:00}");

        /// <summary>As many decimals as the value has, between two bounds: 0,8 FTE shows as "0,80", 0,123456 as "0,123456".</summary>
        public static int DecimalsOf(decimal value, int least, int most)
        {
            var decimals = least;
            while (decimals < most && Math.Round(value, decimals) != value)
            {
                decimals++;
            }
            return decimals;
        }

        public string Item(IReadOnlyDictionary<Guid, Label> items, Guid? id) => id is { } key && items.TryGetValue(key, out var label) ? label.In(language) : "";

        /// <summary>A page of the organisation's, for those who may see names (the pages of records show them).</summary>
        public string? Page(string path) => names ? $"/o/{organisation}/{path}" : null;

        public async Task<IReadOnlyDictionary<Guid, string>> PeopleAsync(SuiviDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
        {
            if (!names)
            {
                return new Dictionary<Guid, string>();
            }
            var wanted = ids.Distinct().ToList();
            return await db.Beneficiaries.Where(b => wanted.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.FirstName + " " + b.LastName, ct);
        }

        public Cell Person(Guid? id, IReadOnlyDictionary<Guid, string> people) => id switch
        {
            null => new("—", Muted: true),
            { } person when names && people.TryGetValue(person, out var name) => new(name, Page($"people/{person}")),
            { } person => new(OpaqueReference.Of(person)),
        };
    }
}
