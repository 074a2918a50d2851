using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Reports;

/// <summary>
/// The records behind a figure of a report (<see cref="RecordsQuery"/> says which), listed in date order with the
/// figure recomputed from them under the list, beside the figure as reports compute it: the two are equal, and the
/// page says so. The records are read through the organisation's tenancy-filtered DbContext: restricted case files the
/// viewer is not named on are neither listed nor counted. A figure of several organisations (a network report) is
/// shown for each of them, each computed under the viewer's membership of it; the records listed are those of the
/// organisation of the address, and each other organisation's are listed under its own address. An organisation
/// the viewer is not a member of answers 404. Statisticians see the records without names.
/// </summary>
public sealed class RecordsModel(ReportRunner reports, SuiviDbContext db, CurrentOrganisation organisation,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>One organisation's part of the figure: as reports compute it, and recomputed from its records.</summary>
    public sealed record OrganisationFigure(string Slug, string Name, decimal Figure, RecordList.Recomputed Recomputed);

    /// <summary>A filter of the figure as the reader reads it: "Act category: Household help (MENAGE)".</summary>
    public sealed record FilterText(string Dimension, IReadOnlyList<(string Label, string Code)> Values);

    public int PageNumber { get; private set; } = 1;

    /// <summary>What is wrong with the address, when something is: the page says it instead of listing.</summary>
    public string? Problem { get; private set; }

    public RecordsQuery Query { get; private set; } = null!;

    public string Title { get; private set; } = "";

    public string Period { get; private set; } = "";

    public IReadOnlyList<FilterText> Filters { get; private set; } = [];

    public IReadOnlyList<OrganisationFigure> PerOrganisation { get; private set; } = [];

    public OrganisationFigure Here => PerOrganisation[0];

    public decimal Figure => PerOrganisation.Sum(o => o.Figure);

    public decimal Recomputed => PerOrganisation.Sum(o => o.Recomputed.Value);

    public RecordList.Listing Listing { get; private set; } = null!;

    public int PageCount => (int)Math.Max(1, (Here.Recomputed.Rows + RecordList.PageSize - 1) / RecordList.PageSize);

    /// <summary>The page number is read from the query alone: Razor Pages' own route value "page" (the page's path) is no number.</summary>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        var (query, problem) = RecordsQuery.Parse(Request.QueryString.Value, organisation.Slug);
        if (problem is not null)
        {
            Problem = localizer[problem.Message, problem.Arguments];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Query = query!;
        // Only organisations the viewer is a member of, in the order a report adds them up (this one first, then by address).
        var reachable = await reports.NetworkMembershipsAsync(cancellationToken);
        if (!Query.Organisations.Contains(organisation.Slug) || Query.Organisations.Any(slug => reachable.All(r => r.Slug != slug)))
        {
            return NotFound();
        }
        var shown = new RecordList.Shown(localizer, Settings.Choices.Language, organisation.Slug, organisation.MaySeeNames);
        PerOrganisation = await reports.WithSourcesAsync([.. reachable.Where(r => Query.Organisations.Contains(r.Slug))], async sources =>
        {
            var figures = new List<OrganisationFigure>();
            foreach (var source in sources)
            {
                figures.Add(new OrganisationFigure(source.Code, source.Name, await ReportEngine.FigureAsync(source.Facts, Query, cancellationToken),
                    await RecordList.RecomputeAsync(source.Facts, Query, shown, cancellationToken)));
            }
            PageNumber = Math.Clamp(page ?? 1, 1, (int)Math.Max(1, (figures[0].Recomputed.Rows + RecordList.PageSize - 1) / RecordList.PageSize));
            Listing = await RecordList.ListAsync(sources[0].Facts, db, Query, PageNumber, shown, cancellationToken);
            return figures;
        });
        Title = IndicatorTitle(Query.Indicator);
        Period = Query.Indicator == Indicators.AlarmSubscribers
            ? localizer["Subscriptions running on {0}", shown.Date(RecordFacts.YearOf(Query.Year).To)]
            : Query.Indicator == Indicators.StaffFte || Query.Indicator == Indicators.StaffCount
                ? localizer["Staff as recorded today: Suivi does not yet record employment periods."]
                : localizer["Records of the year {0}", Query.Year];
        Filters = await FilterTextsAsync(reachable, cancellationToken);
        return Page();
    }

    /// <summary>The address of the same list under another of the figure's organisations (or of another page of this one).</summary>
    public string Address(string slug, int? page = null) =>
        $"/o/{slug}/{RecordsQuery.Path}?{Query.QueryString(slug)}" + (page is { } p ? $"&page={p}" : "");

    /// <summary>A figure as the page shows it: with all the decimals that matter, hours and averages to two, FTE to the millionth.</summary>
    public string FigureText(decimal value) => FigureFormat.Number(value,
        Query.Indicator == Indicators.DeliveryHours || Query.Indicator == Indicators.HousingAverageResidents ? 2
        : Query.Indicator == Indicators.DeliveryKilometres ? 3
        : Query.Indicator == Indicators.StaffFte ? RecordList.Shown.DecimalsOf(value, 2, 6)
        : 0, Settings.Choices.Language);

    private string IndicatorTitle(Indicator indicator) => indicator.Name switch
    {
        "deliveries.count" => localizer["Service deliveries"],
        "deliveries.hours" => localizer["Hours delivered"],
        "deliveries.kilometres" => localizer["Kilometres driven for deliveries"],
        "beneficiaries.served" => localizer["Beneficiaries served"],
        "day-centres.visitors" => localizer["Day-centre visitors"],
        "day-centres.visits" => localizer["Day-centre visits"],
        "housing.average-residents" => localizer["Average residents in supervised housing"],
        "alarm.subscribers" => localizer["Alarm subscribers"],
        "alarms.count" => localizer["Alarms handled"],
        "contacts.count" => localizer["Contacts in the log"],
        "appointments.count" => localizer["Appointments planned"],
        "staff.fte" => localizer["Staff in full-time equivalents"],
        "staff.count" => localizer["Staff members"],
        _ => indicator.Name,
    };

    /// <summary>Each filter with its codes as the organisation names them; a code it does not have is shown as it is.</summary>
    private async Task<IReadOnlyList<FilterText>> FilterTextsAsync(IReadOnlyList<ReportRunner.Reachable> reachable, CancellationToken cancellationToken)
    {
        var language = Settings.Choices.Language;
        var services = await db.Services.ToDictionaryAsync(s => s.Code, s => s.Name, StringComparer.Ordinal, cancellationToken);
        var items = await db.ListItems.Select(i => new { i.List, i.Code, i.Label }).ToListAsync(cancellationToken);
        string Item(ListKind list, string code) => items.FirstOrDefault(i => i.List == list && i.Code == code)?.Label.In(language) ?? code;
        string Fixed<T>(string code) where T : struct, Enum =>
            Enum.GetValues<T>().Where(v => EnumCodes.Of(v) == code).Select(v => localizer[v.ToString()].Value).FirstOrDefault() ?? code;
        var filters = Query.Filters.Select(f => new FilterText(DimensionLabel(f.Key), [.. f.Value.Select(code => (f.Key switch
        {
            "service" => services.GetValueOrDefault(code, code),
            "act-category" => Item(ListKind.ActCategory, code),
            "type" => Item(ListKind.DeliveryType, code),
            "device" => Item(ListKind.AlarmDevice, code),
            "outcome" => Item(Query.Indicator == Indicators.AlarmCount ? ListKind.AlarmOutcome : ListKind.ContactOutcome, code),
            "region" => Fixed<Region>(code),
            "profession" => Fixed<Profession>(code),
            "kind" => Fixed<ContactKind>(code),
            "direction" => Fixed<ContactDirection>(code),
            "status" => Fixed<AppointmentStatus>(code),
            "care-insurance" => code == "with" ? localizer["With long-term-care insurance benefits"] : localizer["Without long-term-care insurance benefits"],
            _ => code,
        }, code))])).ToList();
        if (Query.Organisations.Count > 1)
        {
            filters.Add(new FilterText(localizer["Organisations"], [.. Query.Organisations.Select(slug => (reachable.Single(r => r.Slug == slug).Name, slug))]));
        }
        return filters;
    }

    private string DimensionLabel(string dimension) => dimension switch
    {
        "service" => localizer["Service"],
        "act-category" => localizer["Act category"],
        "type" => localizer["Type of delivery"],
        "region" => localizer["Region"],
        "device" => localizer["Device"],
        "outcome" => localizer["Outcome"],
        "care-insurance" => localizer["Long-term-care insurance"],
        "profession" => localizer["Profession"],
        "kind" => localizer["Kind"],
        "direction" => localizer["Direction"],
        "status" => localizer["Status"],
        "organisation" => localizer["Organisation"],
        _ => dimension,
    };
}
