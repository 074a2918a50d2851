using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;

namespace Suivi.Features.Reports;

/// <summary>
/// Rows of one source of records for one year, already grouped by every dimension an indicator can be filtered or
/// split by, with the dimension values as codes. <c>Who</c> is set for indicators that count distinct people, on the
/// facts that name one person each; a fact of people the database already counted (decision 013) carries their number
/// as its value instead, and no fact names one of them again.
/// </summary>
internal sealed record FactTable(string[] Dimensions, IReadOnlyList<Fact> Rows)
{
    public int IndexOf(string dimension) => Array.IndexOf(Dimensions, dimension);

    /// <summary>
    /// What the facts' values are divided by once added up: seconds to hours, metres to kilometres, days of residence to
    /// residents on average. Dividing once, after the sum, gives the figure the records page recomputes to the last digit.
    /// </summary>
    public decimal Divisor { get; init; } = 1;
}

internal readonly record struct Fact(string?[] Codes, decimal Value, Guid? Who = null);

/// <summary>
/// Reads the facts behind the indicators from one organisation's records through the DbContext, so tenancy and
/// case-file restrictions apply to every figure exactly as they do to lists: a record the viewer may not see is
/// not counted. The database does the grouping; the few grouped rows are filtered and split in memory.
/// The records page reads the same records one by one (<see cref="DeliveriesAsync(RecordsQuery, CancellationToken)"/>
/// and its siblings): the same records of the year, each dimension read from the same column with the same codes, so a
/// figure and the list behind it cannot disagree.
/// </summary>
internal sealed partial class RecordFacts(SuiviDbContext db, string organisationCode)
{
    public const decimal SecondsPerHour = 3600;
    public const decimal MetresPerKilometre = 1000;

    private Dictionary<Guid, string>? _codes;
    private Dictionary<Guid, Region>? _regions;

    // The rows the database keeps that the viewer may see (decision 013): everyone's, under the nil id, and those kept
    // under each restricted file the restriction filter lets the viewer see.
    private List<Guid>? _keptUnder;

    public string OrganisationCode => organisationCode;

    /// <summary>The first and last day of a year: the days the records of a year's figures fall on.</summary>
    public static (DateOnly From, DateOnly To) YearOf(int year) => (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>The years from the first to the last asked for: one query reads them all, and each gets its table, empty or not.</summary>
    private static IEnumerable<int> Span(int[] years) => Enumerable.Range(years[0], years[^1] - years[0] + 1);

    /// <summary>The first day of the first year asked for and the last day of the last.</summary>
    private static (DateOnly From, DateOnly To) PeriodOf(int[] years) => (YearOf(years[0]).From, YearOf(years[^1]).To);

    private readonly Dictionary<(string Indicator, int Year), FactTable> _tables = [];

    // The dimensions a report filters or splits each indicator by (see ReadAsync); null: every dimension, as the records page needs.
    private IReadOnlyDictionary<Indicator, HashSet<string>>? _dimensions;

    /// <summary>
    /// The dimensions the indicators of one grouping are filtered or split by, organisation always; null for every one.
    /// A table holds only these, so a figure filtered by another finds no such dimension and fails rather than count nothing.
    /// </summary>
    private HashSet<string>? DimensionsUsed(params Indicator[] grouping)
    {
        if (_dimensions is null)
        {
            return null;
        }
        HashSet<string> used = ["organisation"];
        foreach (var indicator in grouping)
        {
            if (_dimensions.TryGetValue(indicator, out var dimensions))
            {
                used.UnionWith(dimensions);
            }
        }
        return used;
    }

    /// <summary>
    /// Indicators counted from the same grouping of the same records: reading one reads the others with it, so a report
    /// of hours, deliveries and kilometres groups the deliveries once.
    /// </summary>
    private static readonly Indicator[][] SharedGroupings =
    [
        [Indicators.DeliveryCount, Indicators.DeliveryHours, Indicators.DeliveryKilometres],
        [Indicators.DayCentreVisits, Indicators.DayCentreVisitors],
        [Indicators.StaffCount, Indicators.StaffFte],
    ];

    private static Indicator GroupingOf(Indicator indicator) => SharedGroupings.FirstOrDefault(g => g.Contains(indicator))?[0] ?? indicator;

    /// <summary>
    /// Reads the facts of every indicator and year a report needs before it is computed: one query per grouping of records
    /// for all the years at once (grouped by year too), instead of one per indicator and year. Case work is still read a
    /// year at a time: its episodes count by overlap with the year and its children by their age at the year's end.
    /// </summary>
    public async Task ReadAsync(IEnumerable<(Indicator Indicator, int Year)> needed, CancellationToken cancellationToken,
        IReadOnlyDictionary<Indicator, HashSet<string>>? dimensions = null)
    {
        _dimensions = dimensions;
        await LoadCodesAsync(cancellationToken);
        foreach (var grouping in needed.Where(n => !_tables.ContainsKey((n.Indicator.Name, n.Year))).GroupBy(n => GroupingOf(n.Indicator), n => n.Year))
        {
            int[] years = [.. grouping.Distinct().Order()];
            var indicator = grouping.Key;
            await (indicator switch
            {
                _ when indicator == Indicators.DeliveryCount => DeliveriesAsync(years, cancellationToken),
                _ when indicator == Indicators.BeneficiariesServed => ServedAsync(years, cancellationToken),
                _ when indicator == Indicators.DayCentreVisits => DayCentreAsync(years, cancellationToken),
                _ when indicator == Indicators.HousingAverageResidents => HousingAsync(years, cancellationToken),
                _ when indicator == Indicators.AlarmSubscribers => SubscribersAsync(years, cancellationToken),
                _ when indicator == Indicators.AlarmCount => AlarmsAsync(years, cancellationToken),
                _ when indicator == Indicators.ContactCount => ContactsAsync(years, cancellationToken),
                _ when indicator == Indicators.AppointmentCount => AppointmentsAsync(years, cancellationToken),
                _ when indicator == Indicators.StaffCount => StaffAsync(years, cancellationToken),
                _ when indicator == Indicators.RequestsReceived => RequestsAsync(years, cancellationToken),
                _ => EachYearAsync(indicator, years, cancellationToken),
            });
        }
    }

    /// <summary>The facts of an indicator for a year: read with the report's others by <see cref="ReadAsync"/>, or now.</summary>
    public async Task<FactTable> ForAsync(Indicator indicator, int year, CancellationToken cancellationToken)
    {
        if (!_tables.TryGetValue((indicator.Name, year), out var table))
        {
            await ReadAsync([(indicator, year)], cancellationToken);
            table = _tables[(indicator.Name, year)];
        }
        return table;
    }

    private void Keep(Indicator indicator, int year, FactTable table) => _tables[(indicator.Name, year)] = table;

    private async Task EachYearAsync(Indicator indicator, int[] years, CancellationToken cancellationToken)
    {
        foreach (var year in years)
        {
            var (from, to) = YearOf(year);
            Keep(indicator, year, indicator switch
            {
                _ when indicator == Indicators.CaseFilesOpened || indicator == Indicators.CaseFilesWorked || indicator == Indicators.CaseFilesClosed =>
                    await CaseFilesAsync(indicator, from, to, cancellationToken),
                _ when indicator == Indicators.ChildrenFollowed => await ChildrenAsync(from, to, cancellationToken),
                _ => throw new InvalidOperationException($"No records behind the indicator '{indicator.Name}'."),
            });
        }
    }

    private async Task LoadCodesAsync(CancellationToken cancellationToken)
    {
        if (_codes is not null)
        {
            return;
        }
        // Services and list items in one query: a network report reads them once for each of its organisations.
        _codes = await db.Services.Select(s => new { s.Id, s.Code }).Concat(db.ListItems.Select(i => new { i.Id, i.Code }))
            .ToDictionaryAsync(s => s.Id, s => s.Code, cancellationToken);
        _regions = await db.Sites.ToDictionaryAsync(s => s.Id, s => s.Region, cancellationToken);
        _keptUnder = [Guid.Empty, .. await db.CaseFiles.Where(file => file.IsRestricted).Select(file => file.Id).ToListAsync(cancellationToken)];
    }

    private string? Code(Guid? id) => id is { } key && _codes!.TryGetValue(key, out var code) ? code : null;

    private string? RegionOf(Guid? site) => site is { } key && _regions!.TryGetValue(key, out var region) ? EnumCodes.Of(region) : null;

    private static readonly string[] DeliveryDimensions = ["organisation", "service", "act-category", "type", "region"];

    /// <summary>A delivery's codes for the dimensions a table keeps, in their order; care insurance as given.</summary>
    private string?[] CodesOf(string[] dimensions, Guid service, Guid? category, Guid type, Guid? site, string? insurance = null) =>
        [.. dimensions.Select(dimension => dimension switch
        {
            "organisation" => organisationCode,
            "service" => Code(service),
            "act-category" => Code(category),
            "type" => Code(type),
            "region" => RegionOf(site),
            _ => insurance,
        })];

    /// <summary>The kept totals' "none" (<see cref="Guid.Empty"/>) as the records' own: no value.</summary>
    private static Guid? Unset(Guid? id) => id == Guid.Empty ? null : id;

    private sealed record DeliveryGroup(int Year, Guid ServiceId, Guid? ActCategoryId, Guid TypeId, Guid? SiteId, long Count, long Seconds, long Metres);

    private IQueryable<ServiceDelivery> DeliveriesIn(DateOnly from, DateOnly to) => db.Deliveries.Where(d => d.OnDate >= from && d.OnDate <= to);

    /// <summary>
    /// The deliveries of the years for their count, hours and kilometres alike: the totals the database keeps
    /// (decisions 012, 013) — everyone's, and those kept apart under each restricted file the viewer may see, as the
    /// restriction filter on case files decides — a few hundred rows where the records of ten years are millions.
    /// </summary>
    private async Task DeliveriesAsync(int[] years, CancellationToken cancellationToken)
    {
        var (first, last) = (years[0], years[^1]);
        // Grouped by the dimensions the report uses: a network's hours by act category read ten rows a year per
        // organisation, not the thousand of every service, type and site.
        var used = DimensionsUsed(Indicators.DeliveryCount, Indicators.DeliveryHours, Indicators.DeliveryKilometres);
        var dimensions = used is null ? DeliveryDimensions : [.. DeliveryDimensions.Where(used.Contains)];
        var (byService, byCategory, byType, bySite) = (dimensions.Contains("service"), dimensions.Contains("act-category"), dimensions.Contains("type"),
            dimensions.Contains("region"));
        // A dimension left out is grouped as one value, the nil id: a parameter, so that PostgreSQL reads it as a uuid
        // (a literal alone in the select list would be text).
        var none = Guid.Empty;
        // Everyone's rows and each visible restricted file's are ranges of the key, named by a list of ids: a join from the
        // files led PostgreSQL's planner to scan all the organisation's rows.
        var keptUnder = _keptUnder!;
        var kept = db.DeliveryTotals.Where(t => keptUnder.Contains(t.RestrictedFileId) && t.Year >= first && t.Year <= last)
            .GroupBy(t => new
            {
                t.Year,
                ServiceId = byService ? t.ServiceId : none,
                ActCategoryId = byCategory ? t.ActCategoryId : none,
                TypeId = byType ? t.TypeId : none,
                SiteId = bySite ? t.SiteId : none,
            })
            .Select(g => new
            {
                g.Key.Year,
                g.Key.ServiceId,
                ActCategoryId = (Guid?)g.Key.ActCategoryId,
                g.Key.TypeId,
                SiteId = (Guid?)g.Key.SiteId,
                Count = g.Sum(t => t.Count),
                Seconds = g.Sum(t => t.Seconds),
                Metres = g.Sum(t => t.Metres),
            });
        var groups = (await kept.ToListAsync(cancellationToken))
            .Select(g => new DeliveryGroup(g.Year, g.ServiceId, Unset(g.ActCategoryId), g.TypeId, Unset(g.SiteId), g.Count, g.Seconds, g.Metres))
            .ToLookup(g => g.Year);
        foreach (var year in Span(years))
        {
            FactTable Table(Func<DeliveryGroup, decimal> value, decimal divisor) => new(dimensions,
                [.. groups[year].Select(g => new Fact(CodesOf(dimensions, g.ServiceId, g.ActCategoryId, g.TypeId, g.SiteId), value(g)))])
            {
                Divisor = divisor,
            };
            Keep(Indicators.DeliveryCount, year, Table(g => g.Count, 1));
            Keep(Indicators.DeliveryHours, year, Table(g => g.Seconds, SecondsPerHour));
            Keep(Indicators.DeliveryKilometres, year, Table(g => g.Metres, MetresPerKilometre));
        }
    }

    private static readonly string[] ServedDimensions = ["organisation", "service", "act-category", "type", "region", "care-insurance"];

    /// <summary>The deliveries to someone in the year: a person counts as served by them.</summary>
    private IQueryable<ServiceDelivery> ServedIn(DateOnly from, DateOnly to) => DeliveriesIn(from, to).Where(d => d.BeneficiaryId != null);

    /// <summary>Whether the delivery's beneficiary was entitled to long-term-care insurance benefits at some point of the year.</summary>
    private Expression<Func<ServiceDelivery, bool>> Entitled(DateOnly from, DateOnly to) =>
        d => db.CareInsurancePeriods.Any(p => p.BeneficiaryId == d.BeneficiaryId && p.From <= to && (p.To == null || p.To >= from));

    /// <summary>
    /// Whether the delivery's beneficiary was entitled at some point of the delivery's own year: <see cref="Entitled"/>
    /// for every year at once. A period starting on or before 31 December starts in that year or before; one ending on
    /// or after 1 January ends in that year or after.
    /// </summary>
    private Expression<Func<ServiceDelivery, bool>> EntitledInItsYear() =>
        d => db.CareInsurancePeriods.Any(p => p.BeneficiaryId == d.BeneficiaryId
            && p.From.Year <= d.OnDate.Year && (p.To == null || p.To.Value.Year >= d.OnDate.Year));

    /// <summary>
    /// The clients with and without insurance, each in one query for all the years. The entitlement stays a condition
    /// rather than a column: as a condition PostgreSQL joins the periods once (a hash semi-join), as a column it looked
    /// them up again for every delivery.
    /// </summary>
    private async Task ServedAsync(int[] years, CancellationToken cancellationToken)
    {
        var (from, to) = PeriodOf(years);
        // As the deliveries' facts, grouped by the dimensions the report uses: each person once per year and combination
        // of those alone; and without care insurance among them, one query rather than two.
        var used = DimensionsUsed(Indicators.BeneficiariesServed);
        var dimensions = used is null ? ServedDimensions : [.. ServedDimensions.Where(used.Contains)];
        if (dimensions.All(KeptPeopleDimensions.Contains))
        {
            await KeptClientsAsync(years, dimensions, cancellationToken);
            return;
        }
        var (byService, byCategory, byType, bySite) = (dimensions.Contains("service"), dimensions.Contains("act-category"), dimensions.Contains("type"),
            dimensions.Contains("region"));
        var none = Guid.Empty;
        Guid? noneOrNull = none;
        (string? Insurance, Expression<Func<ServiceDelivery, bool>> Test)[] groups = dimensions.Contains("care-insurance")
            ? [("with", EntitledInItsYear()), ("without", Not(EntitledInItsYear()))]
            : [(null, d => true)];
        var facts = Span(years).ToDictionary(year => year, _ => new List<Fact>());
        foreach (var (insurance, test) in groups)
        {
            var rows = await ServedIn(from, to).Where(test)
                .Select(d => new
                {
                    d.OnDate.Year,
                    ServiceId = byService ? d.ServiceId : none,
                    ActCategoryId = byCategory ? d.ActCategoryId : noneOrNull,
                    TypeId = byType ? d.TypeId : none,
                    SiteId = bySite ? d.SiteId : noneOrNull,
                    Who = d.BeneficiaryId!.Value,
                })
                .Distinct()
                .ToListAsync(cancellationToken);
            foreach (var r in rows)
            {
                facts[r.Year].Add(new Fact(CodesOf(dimensions, r.ServiceId, r.ActCategoryId, r.TypeId, r.SiteId, insurance), 1, r.Who));
            }
        }
        foreach (var (year, yearFacts) in facts)
        {
            Keep(Indicators.BeneficiariesServed, year, new FactTable(dimensions, yearFacts));
        }
    }

    /// <summary>The dimensions the people counted by the database (decision 013) are kept by: a figure split by any other reads the records.</summary>
    private static readonly string[] KeptPeopleDimensions = ["organisation", "care-insurance"];

    /// <summary>The people the database keeps counted for a source, by year and, when a figure uses it, care insurance.</summary>
    private async Task<ILookup<int, Fact>> KeptPeopleAsync(PeopleSource source, int[] years, string[] dimensions, CancellationToken cancellationToken)
    {
        var (first, last) = (years[0], years[^1]);
        var byInsurance = dimensions.Contains("care-insurance");
        return (await db.PeopleTotals.Where(t => t.Source == source && t.Year >= first && t.Year <= last)
            .Select(t => new { t.Year, t.Insured, t.People })
            .ToListAsync(cancellationToken))
            .GroupBy(t => (t.Year, Insured: byInsurance && t.Insured))
            .ToLookup(g => g.Key.Year, g => new Fact(CodesOf(dimensions, default, null, default, null, byInsurance ? Insurance(g.Key.Insured) : null), g.Sum(t => t.People)));
    }

    private static string Insurance(bool insured) => insured ? "with" : "without";

    /// <summary>
    /// The clients served as the database keeps them counted, each once per year: those of every delivery but those of
    /// restricted case files; to whom are added the clients the database keeps counted under the restricted files the
    /// viewer may see, when everyone's rows do not count them already — each by who they are, so two such files count
    /// them once.
    /// </summary>
    private async Task KeptClientsAsync(int[] years, string[] dimensions, CancellationToken cancellationToken)
    {
        var (first, last) = (years[0], years[^1]);
        var kept = await KeptPeopleAsync(PeopleSource.Served, years, dimensions, cancellationToken);
        var facts = Span(years).ToDictionary(year => year, year => kept[year].ToList());
        // Those of the restricted files the viewer may see, by a list of the files' ids (as the deliveries' totals); a
        // person everyone's rows count already is not named again. A viewer named on no restricted file reads none.
        var none = Guid.Empty;
        List<Guid> files = [.. _keptUnder!.Where(id => id != none)];
        var others = files.Count == 0 ? [] : await db.CountedPeople
            .Where(p => p.Source == PeopleSource.Served && files.Contains(p.RestrictedFileId) && p.Year >= first && p.Year <= last)
            .Where(p => !db.CountedPeople.Any(q => q.Source == PeopleSource.Served && q.RestrictedFileId == none && q.Year == p.Year && q.BeneficiaryId == p.BeneficiaryId))
            .Select(p => new { p.Year, p.BeneficiaryId, p.Insured })
            .Distinct()
            .ToListAsync(cancellationToken);
        var byInsurance = dimensions.Contains("care-insurance");
        foreach (var r in others)
        {
            facts[r.Year].Add(new Fact(CodesOf(dimensions, default, null, default, null, byInsurance ? Insurance(r.Insured) : null), 1, r.BeneficiaryId));
        }
        foreach (var (year, yearFacts) in facts)
        {
            Keep(Indicators.BeneficiariesServed, year, new FactTable(dimensions, yearFacts));
        }
    }

    private static readonly string[] ServiceDimensions = ["organisation", "service"];

    private IQueryable<DayCentreVisit> VisitsIn(DateOnly from, DateOnly to) => db.DayCentreVisits.Where(v => v.OnDate >= from && v.OnDate <= to);

    /// <summary>
    /// The visits by year and centre as the database keeps them counted (decision 013); the visitors each once per
    /// year, as the database keeps them counted too when a report counts them all, and from the records, once per
    /// centre and year, when it splits or filters them by centre.
    /// </summary>
    private async Task DayCentreAsync(int[] years, CancellationToken cancellationToken)
    {
        var (first, last) = (years[0], years[^1]);
        var visits = (await db.DayCentreVisitTotals.Where(t => t.Year >= first && t.Year <= last)
            .Select(t => new { t.Year, t.ServiceId, t.Visits })
            .ToListAsync(cancellationToken))
            .ToLookup(t => t.Year);
        foreach (var year in Span(years))
        {
            Keep(Indicators.DayCentreVisits, year, new FactTable(ServiceDimensions,
                [.. visits[year].Select(t => new Fact([organisationCode, Code(t.ServiceId)], t.Visits))]));
        }
        var used = DimensionsUsed(Indicators.DayCentreVisitors);
        if (used is not null && used.All(KeptPeopleDimensions.Contains) && !used.Contains("care-insurance"))
        {
            var kept = await KeptPeopleAsync(PeopleSource.DayCentre, years, ["organisation"], cancellationToken);
            foreach (var year in Span(years))
            {
                Keep(Indicators.DayCentreVisitors, year, new FactTable(["organisation"], [.. kept[year]]));
            }
            return;
        }
        await VisitorsAsync(years, cancellationToken);
    }

    /// <summary>The visitors from the records: each once per centre and year.</summary>
    private async Task VisitorsAsync(int[] years, CancellationToken cancellationToken)
    {
        var (from, to) = PeriodOf(years);
        var groups = (await VisitsIn(from, to)
            .GroupBy(v => new { v.OnDate.Year, v.ServiceId, v.BeneficiaryId })
            .Select(g => new { g.Key.Year, g.Key.ServiceId, g.Key.BeneficiaryId, Count = g.LongCount() })
            .ToListAsync(cancellationToken))
            .ToLookup(g => g.Year);
        foreach (var year in Span(years))
        {
            Keep(Indicators.DayCentreVisitors, year, new FactTable(ServiceDimensions,
                [.. groups[year].Select(g => new Fact([organisationCode, Code(g.ServiceId)], 1, g.BeneficiaryId))]));
        }
    }

    private IQueryable<HousingStay> StaysIn(DateOnly from, DateOnly to) => db.HousingStays.Where(s => s.From <= to && (s.To == null || s.To >= from));

    /// <summary>The days of a stay that fall within the year: the nights a resident was there, the last one included.</summary>
    public static long DaysWithin(DateOnly stayFrom, DateOnly? stayTo, DateOnly from, DateOnly to) =>
        Min(stayTo ?? to, to).DayNumber - Max(stayFrom, from).DayNumber + 1;

    /// <summary>The days of the year, which the days of residence are divided by: residents present each day, on average.</summary>
    public static decimal DaysOf(int year) => DateTime.IsLeapYear(year) ? 366 : 365;

    /// <summary>The stays with a day in any of the years, read once; each year adds up the days of its own.</summary>
    private async Task HousingAsync(int[] years, CancellationToken cancellationToken)
    {
        var (first, last) = PeriodOf(years);
        var stays = await StaysIn(first, last)
            .Select(s => new { s.ServiceId, s.From, s.To })
            .ToListAsync(cancellationToken);
        foreach (var year in Span(years))
        {
            var (from, to) = YearOf(year);
            Keep(Indicators.HousingAverageResidents, year, new FactTable(ServiceDimensions, [.. stays
                .Where(s => s.From <= to && (s.To == null || s.To >= from))
                .GroupBy(s => s.ServiceId)
                .Select(g => new Fact([organisationCode, Code(g.Key)], g.Sum(s => DaysWithin(s.From, s.To, from, to))))])
            {
                Divisor = DaysOf(year),
            });
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private IQueryable<AlarmSubscription> SubscriptionsAt(DateOnly at) => db.AlarmSubscriptions.Where(s => s.From <= at && (s.To == null || s.To >= at));

    /// <summary>
    /// The subscriptions running on some 31 December of the years, grouped by their dates as well; each year counts those
    /// running on its own 31 December.
    /// </summary>
    private async Task SubscribersAsync(int[] years, CancellationToken cancellationToken)
    {
        var (firstAt, lastAt) = (YearOf(years[0]).To, YearOf(years[^1]).To);
        var groups = await db.AlarmSubscriptions
            .Where(s => s.From <= lastAt && (s.To == null || s.To >= firstAt))
            .GroupBy(s => new { s.ServiceId, s.DeviceId, s.From, s.To })
            .Select(g => new { g.Key.ServiceId, g.Key.DeviceId, g.Key.From, g.Key.To, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        foreach (var year in Span(years))
        {
            var at = YearOf(year).To;
            Keep(Indicators.AlarmSubscribers, year, new FactTable(["organisation", "service", "device"], [.. groups
                .Where(s => s.From <= at && (s.To == null || s.To >= at))
                .GroupBy(g => (g.ServiceId, g.DeviceId))
                .Select(g => new Fact([organisationCode, Code(g.Key.ServiceId), Code(g.Key.DeviceId)], g.Sum(s => s.Count)))]));
        }
    }

    private IQueryable<Alarm> AlarmsIn(DateOnly from, DateOnly to) => db.Alarms.Where(a => a.OnDate >= from && a.OnDate <= to);

    private async Task AlarmsAsync(int[] years, CancellationToken cancellationToken)
    {
        var (from, to) = PeriodOf(years);
        var groups = (await AlarmsIn(from, to)
            .GroupBy(a => new { a.OnDate.Year, a.ServiceId, a.OutcomeId })
            .Select(g => new { g.Key.Year, g.Key.ServiceId, g.Key.OutcomeId, Count = g.LongCount() })
            .ToListAsync(cancellationToken))
            .ToLookup(g => g.Year);
        foreach (var year in Span(years))
        {
            Keep(Indicators.AlarmCount, year, new FactTable(["organisation", "service", "outcome"],
                [.. groups[year].Select(g => new Fact([organisationCode, Code(g.ServiceId), Code(g.OutcomeId)], g.Count))]));
        }
    }

    private IQueryable<Contact> ContactsIn(DateOnly from, DateOnly to) => db.Contacts.Where(c => c.OnDate >= from && c.OnDate <= to);

    /// <summary>The contacts as the database keeps them counted (decision 013): by year, service, kind, direction and outcome.</summary>
    private async Task ContactsAsync(int[] years, CancellationToken cancellationToken)
    {
        var (first, last) = (years[0], years[^1]);
        var groups = (await db.ContactTotals.Where(t => t.Year >= first && t.Year <= last)
            .Select(t => new { t.Year, t.ServiceId, t.Kind, t.Direction, t.OutcomeId, t.Count })
            .ToListAsync(cancellationToken))
            .ToLookup(g => g.Year);
        foreach (var year in Span(years))
        {
            Keep(Indicators.ContactCount, year, new FactTable(["organisation", "service", "kind", "direction", "outcome"],
                [.. groups[year].Select(g => new Fact([organisationCode, Code(g.ServiceId), EnumCodes.Of(g.Kind), EnumCodes.Of(g.Direction), Code(Unset(g.OutcomeId))], g.Count))]));
        }
    }

    private IQueryable<Appointment> AppointmentsIn(DateOnly from, DateOnly to) => db.Appointments.Where(a => a.OnDate >= from && a.OnDate <= to);

    private async Task AppointmentsAsync(int[] years, CancellationToken cancellationToken)
    {
        var (from, to) = PeriodOf(years);
        var groups = (await AppointmentsIn(from, to)
            .GroupBy(a => new { a.OnDate.Year, a.ServiceId, a.Status })
            .Select(g => new { g.Key.Year, g.Key.ServiceId, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken))
            .ToLookup(g => g.Year);
        foreach (var year in Span(years))
        {
            Keep(Indicators.AppointmentCount, year, new FactTable(["organisation", "service", "status"],
                [.. groups[year].Select(g => new Fact([organisationCode, Code(g.ServiceId), EnumCodes.Of(g.Status)], g.Count))]));
        }
    }

    /// <summary>The staff recorded today, whatever the year: read once, the same facts for every year.</summary>
    private async Task StaffAsync(int[] years, CancellationToken cancellationToken)
    {
        var groups = await db.Staff
            .GroupBy(s => new { s.Profession, s.ServiceId })
            .Select(g => new { g.Key.Profession, g.Key.ServiceId, Count = g.LongCount(), Millionths = g.Sum(s => s.FteMillionths) })
            .ToListAsync(cancellationToken);
        FactTable Table(bool fte) => new(["organisation", "profession", "service"],
            [.. groups.Select(g => new Fact([organisationCode, EnumCodes.Of(g.Profession), Code(g.ServiceId)], fte ? g.Millionths : g.Count))])
        {
            Divisor = fte ? StaffMember.FteScale : 1,
        };
        var (count, fte) = (Table(fte: false), Table(fte: true));
        foreach (var year in Span(years))
        {
            Keep(Indicators.StaffCount, year, count);
            Keep(Indicators.StaffFte, year, fte);
        }
    }

    // The records one by one, for the records page: the records of the year the facts above count, kept when each
    // filtered dimension reads as one of the filter's codes (the rule ReportEngine.Aggregate applies to the facts: a
    // record without a value for the dimension matches no code). Each dimension is read from the column, and through
    // the code, its facts are grouped by.

    /// <summary>The deliveries behind a figure of <c>deliveries.count</c>, <c>.hours</c> or <c>.kilometres</c>.</summary>
    public async Task<IQueryable<ServiceDelivery>> DeliveriesAsync(RecordsQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = YearOf(query.Year);
        await LoadCodesAsync(cancellationToken);
        return Matching(DeliveriesIn(from, to), query, DeliveryColumns());
    }

    private Dictionary<string, Column<ServiceDelivery>> DeliveryColumns() => new()
    {
        ["service"] = Coded<ServiceDelivery>(d => d.ServiceId),
        ["act-category"] = Coded<ServiceDelivery>(d => d.ActCategoryId),
        ["type"] = Coded<ServiceDelivery>(d => d.TypeId),
        ["region"] = ById<ServiceDelivery>(d => d.SiteId, RegionOf, _regions!.Keys),
    };

    /// <summary>The deliveries to someone behind a figure of <c>beneficiaries.served</c>: its people are their beneficiaries.</summary>
    public async Task<IQueryable<ServiceDelivery>> ServedAsync(RecordsQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = YearOf(query.Year);
        await LoadCodesAsync(cancellationToken);
        var columns = DeliveryColumns();
        columns["care-insurance"] = Either("with", "without", Entitled(from, to));
        return Matching(ServedIn(from, to), query, columns);
    }

    /// <summary>The day-centre visits behind a figure of <c>day-centres.visits</c> or <c>.visitors</c>.</summary>
    public async Task<IQueryable<DayCentreVisit>> VisitsAsync(RecordsQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = YearOf(query.Year);
        await LoadCodesAsync(cancellationToken);
        return Matching(VisitsIn(from, to), query, new() { ["service"] = Coded<DayCentreVisit>(v => v.ServiceId) });
    }

    /// <summary>The stays behind a figure of <c>housing.average-residents</c>: every stay with a day in the year.</summary>
    public async Task<IQueryable<HousingStay>> StaysAsync(RecordsQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = YearOf(query.Year);
        await LoadCodesAsync(cancellationToken);
        return Matching(StaysIn(from, to), query, new() { ["service"] = Coded<HousingStay>(s => s.ServiceId) });
    }

    /// <summary>The subscriptions behind a figure of <c>alarm.subscribers</c>: those running on 31 December.</summary>
    public async Task<IQueryable<AlarmSubscription>> SubscriptionsAsync(RecordsQuery query, CancellationToken cancellationToken)
    {
        await LoadCodesAsync(cancellationToken);
        return Matching(SubscriptionsAt(YearOf(query.Year).To), query, new()
        {
            ["service"] = Coded<AlarmSubscription>(s => s.ServiceId),
            ["device"] = Coded<AlarmSubscription>(s => s.DeviceId),
        });
    }

    public async Task<IQueryable<Alarm>> AlarmsAsync(RecordsQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = YearOf(query.Year);
        await LoadCodesAsync(cancellationToken);
        return Matching(AlarmsIn(from, to), query, new()
        {
            ["service"] = Coded<Alarm>(a => a.ServiceId),
            ["outcome"] = Coded<Alarm>(a => a.OutcomeId),
        });
    }

    public async Task<IQueryable<Contact>> ContactsAsync(RecordsQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = YearOf(query.Year);
        await LoadCodesAsync(cancellationToken);
        return Matching(ContactsIn(from, to), query, new()
        {
            ["service"] = Coded<Contact>(c => c.ServiceId),
            ["kind"] = ByEnum<Contact, ContactKind>(c => c.Kind),
            ["direction"] = ByEnum<Contact, ContactDirection>(c => c.Direction),
            ["outcome"] = Coded<Contact>(c => c.OutcomeId),
        });
    }

    public async Task<IQueryable<Appointment>> AppointmentsAsync(RecordsQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = YearOf(query.Year);
        await LoadCodesAsync(cancellationToken);
        return Matching(AppointmentsIn(from, to), query, new()
        {
            ["service"] = Coded<Appointment>(a => a.ServiceId),
            ["status"] = ByEnum<Appointment, AppointmentStatus>(a => a.Status),
        });
    }

    /// <summary>The staff members behind a figure of <c>staff.fte</c> or <c>staff.count</c>: those recorded today, whatever the year.</summary>
    public async Task<IQueryable<StaffMember>> StaffAsync(RecordsQuery query, CancellationToken cancellationToken)
    {
        await LoadCodesAsync(cancellationToken);
        return Matching(db.Staff, query, new()
        {
            ["profession"] = ByEnum<StaffMember, Profession>(s => s.Profession),
            ["service"] = Coded<StaffMember>(s => s.ServiceId),
        });
    }

    /// <summary>The records whose value in one dimension reads as one of some codes.</summary>
    private delegate Expression<Func<T, bool>> Column<T>(IReadOnlySet<string> codes);

    private IQueryable<T> Matching<T>(IQueryable<T> records, RecordsQuery query, Dictionary<string, Column<T>> columns)
    {
        if (!query.Organisations.Contains(organisationCode, StringComparer.Ordinal))
        {
            return records.Where(_ => false);
        }
        foreach (var (dimension, codes) in query.Filters)
        {
            var column = columns.GetValueOrDefault(dimension)
                ?? throw new InvalidOperationException($"The records of '{query.Indicator.Name}' cannot be filtered by '{dimension}'.");
            records = records.Where(column(codes.ToHashSet(StringComparer.Ordinal)));
        }
        return records;
    }

    /// <summary>A service or list entry, read through <see cref="Code"/> as the facts read it.</summary>
    private Column<T> Coded<T>(Expression<Func<T, Guid?>> column) => ById(column, Code, _codes!.Keys);

    private static Column<T> ById<T>(Expression<Func<T, Guid?>> column, Func<Guid?, string?> code, IEnumerable<Guid> known) =>
        codes => In(column, [.. known.Where(id => code(id) is { } c && codes.Contains(c)).Select(id => (Guid?)id)]);

    private static Column<T> ByEnum<T, TEnum>(Expression<Func<T, TEnum>> column) where TEnum : struct, Enum =>
        codes => In(column, [.. Enum.GetValues<TEnum>().Where(value => codes.Contains(EnumCodes.Of(value)))]);

    /// <summary>A dimension of two codes, one for the records that pass a test and one for those that don't.</summary>
    private static Column<T> Either<T>(string passing, string failing, Expression<Func<T, bool>> test) =>
        codes => (codes.Contains(passing), codes.Contains(failing)) switch
        {
            (true, true) => _ => true,
            (true, false) => test,
            (false, true) => Not(test),
            _ => _ => false,
        };

    private static Expression<Func<T, bool>> In<T, TKey>(Expression<Func<T, TKey>> column, List<TKey> allowed)
    {
        Expression<Func<TKey, bool>> contains = key => allowed.Contains(key);
        return Expression.Lambda<Func<T, bool>>(ReplacingExpressionVisitor.Replace(contains.Parameters[0], column.Body, contains.Body), column.Parameters);
    }

    private static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> test) => Expression.Lambda<Func<T, bool>>(Expression.Not(test.Body), test.Parameters);
}
