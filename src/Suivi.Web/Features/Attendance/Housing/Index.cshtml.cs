using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Attendance.Housing;

/// <summary>The supervised-housing residences: who lives there today and the average daily occupancy of a year.</summary>
public sealed class IndexModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public sealed record ResidenceRow(Guid Id, string Code, string Name, int CurrentResidents, long ResidentDays, decimal AverageDaily);

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<ResidenceRow> Residences { get; private set; } = [];
    public int DaysInYear { get; private set; }

    public decimal AllResidencesAverage => DaysInYear == 0 ? 0 : (decimal)Residences.Sum(r => r.ResidentDays) / DaysInYear;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var residences = await db.Services.Where(s => s.Kind == ServiceKind.SupervisedHousing).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(cancellationToken);
        var ids = residences.Select(r => r.Id).ToList();
        var stays = db.HousingStays.Where(s => ids.Contains(s.ServiceId));
        Years = Periods.Years(await stays.MinAsync(s => (DateOnly?)s.From, cancellationToken), today.Year);
        var year = Periods.Chosen(Year, Years, today.Year);
        Year = year;
        var (from, to) = Periods.Year(year);
        DaysInYear = Occupancy.Days(from, to);

        var current = await stays.On(today).GroupBy(s => s.ServiceId).Select(g => new { g.Key, Residents = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Residents, cancellationToken);
        var inYear = await Occupancy.StaysAsync(db, ids, from, to, cancellationToken);
        Residences = residences.Select(r => new ResidenceRow(r.Id, r.Code, r.Name, current.GetValueOrDefault(r.Id),
                inYear[r.Id].Sum(s => (long)Occupancy.DaysWithin(s, from, to)), Occupancy.AverageDaily(inYear[r.Id], from, to)))
            .ToList();
    }
}
