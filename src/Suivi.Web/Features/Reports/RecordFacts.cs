using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;

namespace Suivi.Features.Reports;

/// <summary>
/// Rows of one source of records for one year, already grouped by every dimension an indicator can be filtered or
/// split by, with the dimension values as codes. <c>Who</c> is set for indicators that count distinct people.
/// </summary>
internal sealed record FactTable(string[] Dimensions, IReadOnlyList<Fact> Rows)
{
    public int IndexOf(string dimension) => Array.IndexOf(Dimensions, dimension);
}

internal readonly record struct Fact(string?[] Codes, decimal Value, Guid? Who = null);

/// <summary>
/// Reads the facts behind the indicators from one organisation's records through the DbContext, so tenancy and
/// case-file restrictions apply to every figure exactly as they do to lists: a record the viewer may not see is
/// not counted. The database does the grouping; the few grouped rows are filtered and split in memory.
/// </summary>
internal sealed partial class RecordFacts(SuiviDbContext db, string organisationCode)
{
    private Dictionary<Guid, string>? _codes;
    private Dictionary<Guid, Region>? _regions;

    public async Task<FactTable> ForAsync(Indicator indicator, int year, CancellationToken cancellationToken)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        await LoadCodesAsync(cancellationToken);
        return indicator switch
        {
            _ when indicator == Indicators.DeliveryCount => await DeliveriesAsync(from, to, d => d.Count, cancellationToken),
            _ when indicator == Indicators.DeliveryHours => await DeliveriesAsync(from, to, d => d.Seconds / 3600m, cancellationToken),
            _ when indicator == Indicators.DeliveryKilometres => await DeliveriesAsync(from, to, d => d.Metres / 1000m, cancellationToken),
            _ when indicator == Indicators.BeneficiariesServed => await ServedAsync(from, to, cancellationToken),
            _ when indicator == Indicators.DayCentreVisitors => await DayCentreAsync(from, to, distinct: true, cancellationToken),
            _ when indicator == Indicators.DayCentreVisits => await DayCentreAsync(from, to, distinct: false, cancellationToken),
            _ when indicator == Indicators.HousingAverageResidents => await HousingAsync(from, to, cancellationToken),
            _ when indicator == Indicators.AlarmSubscribers => await SubscribersAsync(to, cancellationToken),
            _ when indicator == Indicators.AlarmCount => await AlarmsAsync(from, to, cancellationToken),
            _ when indicator == Indicators.ContactCount => await ContactsAsync(from, to, cancellationToken),
            _ when indicator == Indicators.AppointmentCount => await AppointmentsAsync(from, to, cancellationToken),
            _ when indicator == Indicators.StaffFte => await StaffAsync(fte: true, cancellationToken),
            _ when indicator == Indicators.StaffCount => await StaffAsync(fte: false, cancellationToken),
            _ when indicator == Indicators.CaseFilesOpened || indicator == Indicators.CaseFilesWorked || indicator == Indicators.CaseFilesClosed =>
                await CaseFilesAsync(indicator, from, to, cancellationToken),
            _ when indicator == Indicators.ChildrenFollowed => await ChildrenAsync(from, to, cancellationToken),
            _ when indicator == Indicators.RequestsReceived => await RequestsAsync(from, to, cancellationToken),
            _ => throw new InvalidOperationException($"No records behind the indicator '{indicator.Name}'."),
        };
    }

    private async Task LoadCodesAsync(CancellationToken cancellationToken)
    {
        if (_codes is not null)
        {
            return;
        }
        _codes = await db.Services.Select(s => new { s.Id, s.Code }).ToDictionaryAsync(s => s.Id, s => s.Code, cancellationToken);
        foreach (var item in await db.ListItems.Select(i => new { i.Id, i.Code }).ToListAsync(cancellationToken))
        {
            _codes[item.Id] = item.Code;
        }
        _regions = await db.Sites.ToDictionaryAsync(s => s.Id, s => s.Region, cancellationToken);
    }

    private string? Code(Guid? id) => id is { } key && _codes!.TryGetValue(key, out var code) ? code : null;

    private string? RegionOf(Guid? site) => site is { } key && _regions!.TryGetValue(key, out var region) ? EnumCodes.Of(region) : null;

    private static readonly string[] DeliveryDimensions = ["organisation", "service", "act-category", "type", "region"];

    private sealed record DeliveryGroup(Guid ServiceId, Guid? ActCategoryId, Guid TypeId, Guid? SiteId, long Count, long Seconds, long Metres);

    private async Task<FactTable> DeliveriesAsync(DateOnly from, DateOnly to, Func<DeliveryGroup, decimal> value, CancellationToken cancellationToken)
    {
        var groups = await db.Deliveries
            .Where(d => d.OnDate >= from && d.OnDate <= to)
            .GroupBy(d => new { d.ServiceId, d.ActCategoryId, d.TypeId, d.SiteId })
            .Select(g => new DeliveryGroup(g.Key.ServiceId, g.Key.ActCategoryId, g.Key.TypeId, g.Key.SiteId,
                g.LongCount(), g.Sum(d => (long)d.DurationSeconds), g.Sum(d => (long)(d.DistanceMetres ?? 0))))
            .ToListAsync(cancellationToken);
        return new FactTable(DeliveryDimensions,
            [.. groups.Select(g => new Fact([organisationCode, Code(g.ServiceId), Code(g.ActCategoryId), Code(g.TypeId), RegionOf(g.SiteId)], value(g)))]);
    }

    private static readonly string[] ServedDimensions = ["organisation", "service", "act-category", "type", "region", "care-insurance"];

    private async Task<FactTable> ServedAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await db.Deliveries
            .Where(d => d.OnDate >= from && d.OnDate <= to && d.BeneficiaryId != null)
            .Select(d => new
            {
                d.ServiceId,
                d.ActCategoryId,
                d.TypeId,
                d.SiteId,
                Who = d.BeneficiaryId!.Value,
                Entitled = db.CareInsurancePeriods.Any(p => p.BeneficiaryId == d.BeneficiaryId && p.From <= to && (p.To == null || p.To >= from)),
            })
            .Distinct()
            .ToListAsync(cancellationToken);
        return new FactTable(ServedDimensions,
            [.. rows.Select(r => new Fact([organisationCode, Code(r.ServiceId), Code(r.ActCategoryId), Code(r.TypeId), RegionOf(r.SiteId), r.Entitled ? "with" : "without"], 1, r.Who))]);
    }

    private static readonly string[] ServiceDimensions = ["organisation", "service"];

    private async Task<FactTable> DayCentreAsync(DateOnly from, DateOnly to, bool distinct, CancellationToken cancellationToken)
    {
        var visits = db.DayCentreVisits.Where(v => v.OnDate >= from && v.OnDate <= to);
        if (distinct)
        {
            var pairs = await visits.Select(v => new { v.ServiceId, v.BeneficiaryId }).Distinct().ToListAsync(cancellationToken);
            return new FactTable(ServiceDimensions, [.. pairs.Select(p => new Fact([organisationCode, Code(p.ServiceId)], 1, p.BeneficiaryId))]);
        }
        var counts = await visits.GroupBy(v => v.ServiceId).Select(g => new { Service = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        return new FactTable(ServiceDimensions, [.. counts.Select(c => new Fact([organisationCode, Code(c.Service)], c.Count))]);
    }

    private async Task<FactTable> HousingAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var stays = await db.HousingStays
            .Where(s => s.From <= to && (s.To == null || s.To >= from))
            .Select(s => new { s.ServiceId, s.From, s.To })
            .ToListAsync(cancellationToken);
        // Residents present each day, averaged over every day of the year: the days of each stay within the year, over the year's days.
        var days = to.DayNumber - from.DayNumber + 1m;
        return new FactTable(ServiceDimensions, [.. stays
            .GroupBy(s => s.ServiceId)
            .Select(g => new Fact([organisationCode, Code(g.Key)],
                g.Sum(s => (long)(Min(s.To ?? to, to).DayNumber - Max(s.From, from).DayNumber + 1)) / days))]);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private async Task<FactTable> SubscribersAsync(DateOnly at, CancellationToken cancellationToken)
    {
        var groups = await db.AlarmSubscriptions
            .Where(s => s.From <= at && (s.To == null || s.To >= at))
            .GroupBy(s => new { s.ServiceId, s.DeviceId })
            .Select(g => new { g.Key.ServiceId, g.Key.DeviceId, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return new FactTable(["organisation", "service", "device"],
            [.. groups.Select(g => new Fact([organisationCode, Code(g.ServiceId), Code(g.DeviceId)], g.Count))]);
    }

    private async Task<FactTable> AlarmsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var groups = await db.Alarms
            .Where(a => a.OnDate >= from && a.OnDate <= to)
            .GroupBy(a => new { a.ServiceId, a.OutcomeId })
            .Select(g => new { g.Key.ServiceId, g.Key.OutcomeId, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return new FactTable(["organisation", "service", "outcome"],
            [.. groups.Select(g => new Fact([organisationCode, Code(g.ServiceId), Code(g.OutcomeId)], g.Count))]);
    }

    private async Task<FactTable> ContactsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var groups = await db.Contacts
            .Where(c => c.OnDate >= from && c.OnDate <= to)
            .GroupBy(c => new { c.ServiceId, c.Kind, c.Direction, c.OutcomeId })
            .Select(g => new { g.Key.ServiceId, g.Key.Kind, g.Key.Direction, g.Key.OutcomeId, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return new FactTable(["organisation", "service", "kind", "direction", "outcome"],
            [.. groups.Select(g => new Fact([organisationCode, Code(g.ServiceId), EnumCodes.Of(g.Kind), EnumCodes.Of(g.Direction), Code(g.OutcomeId)], g.Count))]);
    }

    private async Task<FactTable> AppointmentsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var groups = await db.Appointments
            .Where(a => a.OnDate >= from && a.OnDate <= to)
            .GroupBy(a => new { a.ServiceId, a.Status })
            .Select(g => new { g.Key.ServiceId, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return new FactTable(["organisation", "service", "status"],
            [.. groups.Select(g => new Fact([organisationCode, Code(g.ServiceId), EnumCodes.Of(g.Status)], g.Count))]);
    }

    private async Task<FactTable> StaffAsync(bool fte, CancellationToken cancellationToken)
    {
        var groups = await db.Staff
            .GroupBy(s => new { s.Profession, s.ServiceId })
            .Select(g => new { g.Key.Profession, g.Key.ServiceId, Count = g.LongCount(), Millionths = g.Sum(s => s.FteMillionths) })
            .ToListAsync(cancellationToken);
        return new FactTable(["organisation", "profession", "service"],
            [.. groups.Select(g => new Fact([organisationCode, EnumCodes.Of(g.Profession), Code(g.ServiceId)],
                fte ? (decimal)g.Millionths / StaffMember.FteScale : g.Count))]);
    }
}
