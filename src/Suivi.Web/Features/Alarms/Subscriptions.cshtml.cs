using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Features.Contacts;

namespace Suivi.Features.Alarms;

/// <summary>The alarm service's subscribers on a day (today unless asked): "subscribers at year end" is this count on 31 December.</summary>
public sealed class SubscriptionsModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, Guid PersonId, string Person, DateOnly? BirthDate, string Device, DateOnly From, DateOnly? To, string Service);

    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Service { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Option> Services { get; private set; } = [];
    public int Subscribers { get; private set; }
    public int Total { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The end of the year before the day shown, offered as a shortcut.</summary>
    public DateOnly LastYearEnd => new(On!.Value.Year - 1, 12, 31);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        On ??= clock.Today();
        Services = await FormOptions.ServicesAsync(db, cancellationToken);
        var active = db.AlarmSubscriptions.ActiveOn(On.Value);
        if (Service is { } service)
        {
            active = active.Where(s => s.ServiceId == service);
        }
        Subscribers = await AlarmSubscriptions.SubscribersAsync(active, cancellationToken);
        Total = await active.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await active
            .Join(db.Beneficiaries, s => s.BeneficiaryId, b => b.Id, (s, b) => new { Subscription = s, b.FirstName, b.LastName, b.BirthDate })
            .OrderBy(x => x.LastName).ThenBy(x => x.FirstName).ThenBy(x => x.Subscription.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(x => new
            {
                x.Subscription,
                Person = x.FirstName + " " + x.LastName,
                x.BirthDate,
                Service = db.Services.Where(s => s.Id == x.Subscription.ServiceId).Select(s => s.Name).First(),
            })
            .ToListAsync(cancellationToken);
        var devices = await FormOptions.LabelsAsync(db, page.Select(p => (Guid?)p.Subscription.DeviceId), cancellationToken);
        Rows = page.Select(p => new Row(p.Subscription.Id, p.Subscription.BeneficiaryId, p.Person, p.BirthDate,
                devices.GetValueOrDefault(p.Subscription.DeviceId, ""), p.Subscription.From, p.Subscription.To, p.Service))
            .ToList();
    }
}
