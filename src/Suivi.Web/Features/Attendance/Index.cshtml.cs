using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Attendance.DayCentres;
using Suivi.Features.Attendance.GroupActivities;
using Suivi.Features.Attendance.Housing;

namespace Suivi.Features.Attendance;

/// <summary>Attendance at a glance: this year's day-centre visits, supervised housing, group activities and care-insurance periods.</summary>
public sealed class IndexModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public int Year { get; private set; }
    public int DayCentres { get; private set; }
    public int Visits { get; private set; }
    public int Visitors { get; private set; }
    public int Residences { get; private set; }
    public int ResidentsToday { get; private set; }
    public decimal AverageOccupancy { get; private set; }
    public ActivityRecords.Figures GroupActivities { get; private set; } = new(0, 0, 0);
    public int CareInsuranceToday { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        Year = today.Year;
        var (from, to) = Periods.Year(Year);

        DayCentres = await db.Services.CountAsync(s => s.Kind == ServiceKind.DayCentre, cancellationToken);
        var visits = db.ToDayCentres().Between(from, to);
        Visits = await visits.CountAsync(cancellationToken);
        Visitors = await visits.DistinctVisitorsAsync(cancellationToken);

        var residences = await db.Services.Where(s => s.Kind == ServiceKind.SupervisedHousing).Select(s => s.Id).ToListAsync(cancellationToken);
        Residences = residences.Count;
        ResidentsToday = await db.HousingStays.Where(s => residences.Contains(s.ServiceId)).On(today).CountAsync(cancellationToken);
        var stays = await Occupancy.StaysAsync(db, residences, from, to, cancellationToken);
        AverageOccupancy = Occupancy.AverageDaily(stays.SelectMany(s => s), from, to);

        GroupActivities = await ActivityRecords.FiguresAsync(db, db.GroupActivities.Matching(new ActivityRecords.Filter(null, null, from, to)), cancellationToken);
        CareInsuranceToday = await db.CareInsurancePeriods.CountAsync(p => p.From <= today && (p.To == null || p.To >= today), cancellationToken);
    }
}
