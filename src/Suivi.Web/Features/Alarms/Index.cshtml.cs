using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Contacts;

namespace Suivi.Features.Alarms;

/// <summary>The alarms of a period (this month unless asked), with how many ended in each outcome.</summary>
public sealed class IndexModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid SubscriptionId, DateOnly OnDate, TimeOnly? AtTime, string Person, string Outcome, string? Note, string Service);

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Outcome { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Option> Services { get; private set; } = [];
    public IReadOnlyList<Option> Outcomes { get; private set; } = [];
    public IReadOnlyList<OutcomeCount> ByOutcome { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        From ??= new DateOnly(today.Year, today.Month, 1);
        To ??= today;
        if (To < From)
        {
            (From, To) = (To, From);
        }
        Services = await FormOptions.ServicesAsync(db, cancellationToken);
        Outcomes = (await db.ListItems.Where(i => i.List == ListKind.AlarmOutcome).OrderBy(i => i.Position).ThenBy(i => i.Code)
                .ToListAsync(cancellationToken))
            .Select(i => new Option(i.Id, Settings.Choices.LabelText(i))).ToList();
        var alarms = db.Alarms.Between(From.Value, To.Value, Service, Outcome);
        ByOutcome = await AlarmSubscriptions.CountByOutcomeAsync(db, alarms, cancellationToken);
        Total = ByOutcome.Sum(o => o.Count);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await alarms.OrderByDescending(a => a.OnDate).ThenByDescending(a => a.AtTime).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.AlarmSubscriptions, a => a.SubscriptionId, s => s.Id, (a, s) => new { Alarm = a, s.BeneficiaryId })
            .Join(db.Beneficiaries, x => x.BeneficiaryId, b => b.Id, (x, b) => new { x.Alarm, Person = b.FirstName + " " + b.LastName })
            .Select(x => new { x.Alarm, x.Person, Service = db.Services.Where(s => s.Id == x.Alarm.ServiceId).Select(s => s.Name).First() })
            .ToListAsync(cancellationToken);
        var labels = ByOutcome.ToDictionary(o => o.OutcomeId, o => o.Label);
        Rows = page.OrderByDescending(p => p.Alarm.OnDate).ThenByDescending(p => p.Alarm.AtTime).ThenByDescending(p => p.Alarm.Id)
            .Select(p => new Row(p.Alarm.SubscriptionId, p.Alarm.OnDate, p.Alarm.AtTime, p.Person, labels.GetValueOrDefault(p.Alarm.OutcomeId, ""),
                p.Alarm.Note, p.Service))
            .ToList();
    }
}
