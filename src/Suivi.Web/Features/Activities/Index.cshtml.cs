using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Activities;

/// <summary>Where the daily work is recorded: one entry per kind of activity, with the last 30 days at a glance.</summary>
public sealed class IndexModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Area(string Title, string Page, string Description, string Figure);

    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public long Deliveries { get; private set; }
    public decimal Hours { get; private set; }
    public int Appointments { get; private set; }
    public int Contacts { get; private set; }
    public int Alarms { get; private set; }
    public int ActiveSubscriptions { get; private set; }
    public int DayCentreVisits { get; private set; }
    public int Residents { get; private set; }
    public int GroupActivities { get; private set; }
    public ISet<ServiceKind> Kinds { get; private set; } = new HashSet<ServiceKind>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        To = clock.Today();
        From = To.AddDays(-29);
        var (from, to) = (From, To);
        Kinds = (await db.Services.Select(s => s.Kind).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var deliveries = db.Deliveries.Where(d => d.OnDate >= from && d.OnDate <= to);
        Deliveries = await deliveries.LongCountAsync(cancellationToken);
        Hours = (decimal)await deliveries.SumAsync(d => (long)d.DurationSeconds, cancellationToken) / 3600;
        Appointments = await db.Appointments.CountAsync(a => a.OnDate >= from && a.OnDate <= to, cancellationToken);
        Contacts = await db.Contacts.CountAsync(c => c.OnDate >= from && c.OnDate <= to, cancellationToken);
        Alarms = await db.Alarms.CountAsync(a => a.OnDate >= from && a.OnDate <= to, cancellationToken);
        ActiveSubscriptions = await db.AlarmSubscriptions.CountAsync(s => s.From <= to && (s.To == null || s.To >= to), cancellationToken);
        DayCentreVisits = await db.DayCentreVisits.CountAsync(v => v.OnDate >= from && v.OnDate <= to, cancellationToken);
        Residents = await db.HousingStays.CountAsync(s => s.From <= to && (s.To == null || s.To >= to), cancellationToken);
        GroupActivities = await db.GroupActivities.CountAsync(a => a.OnDate >= from && a.OnDate <= to, cancellationToken);
    }
}
