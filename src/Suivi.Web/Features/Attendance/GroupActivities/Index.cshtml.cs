using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Settings;
using Suivi.Security;

namespace Suivi.Features.Attendance.GroupActivities;

/// <summary>Group activities of a period, by service and kind, with the counts reports read.</summary>
public sealed class IndexModel(SuiviDbContext db, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 25;

    public sealed record Choice(Guid Id, string Label);

    [BindProperty(SupportsGet = true)]
    public Guid? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Choice> Services { get; private set; } = [];
    public IReadOnlyList<Choice> Kinds { get; private set; } = [];
    public ActivityRecords.Figures Totals { get; private set; } = new(0, 0, 0);
    public IReadOnlyList<(string Kind, ActivityRecords.Figures Figures)> ByKind { get; private set; } = [];
    public IReadOnlyList<ActivityRecords.Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> KindLabels { get; private set; } = new Dictionary<Guid, string>();
    public int PageCount => Math.Max(1, (Totals.Activities + PageSize - 1) / PageSize);
    public bool MayEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        var (yearFrom, yearTo) = Periods.Year(clock.Today().Year);
        From ??= yearFrom;
        To ??= yearTo;
        Services = await db.Services.OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
        // Retired kinds stay in the filter: older activities were recorded with them.
        var kinds = await db.ListItems.Where(i => i.List == ListKind.GroupActivityKind).OrderBy(i => i.Position).ThenBy(i => i.Code)
            .ToListAsync(cancellationToken);
        KindLabels = kinds.ToDictionary(k => k.Id, k => k.LabelText());
        Kinds = kinds.Select(k => new Choice(k.Id, k.LabelText())).ToList();

        var activities = db.GroupActivities.Matching(new ActivityRecords.Filter(Service, Kind, From.Value, To.Value));
        Totals = await ActivityRecords.FiguresAsync(db, activities, cancellationToken);
        ByKind = (await ActivityRecords.ByKindAsync(db, activities, cancellationToken))
            .Select(k => (KindLabels.GetValueOrDefault(k.KindId, ""), k.Figures))
            .OrderBy(k => k.Item1, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await ActivityRecords.Rows(db, activities).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }
}
