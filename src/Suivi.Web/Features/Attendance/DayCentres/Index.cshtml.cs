using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Attendance.DayCentres;

/// <summary>
/// The organisation's day centres with their visits. Distinct visitors are counted by the database: a
/// person who came to two centres is one visitor of the organisation.
/// </summary>
public sealed class IndexModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public sealed record CentreRow(Guid Id, string Code, string Name, int VisitsThisMonth, int VisitsInYear, int VisitorsInYear);

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public IReadOnlyList<CentreRow> Centres { get; private set; } = [];
    public int VisitsInYear { get; private set; }
    public int VisitorsInYear { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today();
        var centres = await db.Services.Where(s => s.Kind == ServiceKind.DayCentre).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(cancellationToken);
        var visits = db.ToDayCentres();
        Years = Periods.Years(await visits.MinAsync(v => (DateOnly?)v.OnDate, cancellationToken), Today.Year);
        var year = Periods.Chosen(Year, Years, Today.Year);
        Year = year;

        var (monthFrom, monthTo) = Periods.MonthOf(Today);
        var (yearFrom, yearTo) = Periods.Year(year);
        var thisMonth = await visits.Between(monthFrom, monthTo)
            .GroupBy(v => v.ServiceId).Select(g => new { g.Key, Visits = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Visits, cancellationToken);
        var inYear = visits.Between(yearFrom, yearTo);
        var perCentre = await inYear.GroupBy(v => v.ServiceId)
            .Select(g => new { g.Key, Visits = g.Count(), Visitors = g.Select(v => v.BeneficiaryId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        VisitsInYear = await inYear.CountAsync(cancellationToken);
        VisitorsInYear = await inYear.DistinctVisitorsAsync(cancellationToken);
        Centres = centres.Select(c => new CentreRow(c.Id, c.Code, c.Name, thisMonth.GetValueOrDefault(c.Id),
                perCentre.GetValueOrDefault(c.Id)?.Visits ?? 0, perCentre.GetValueOrDefault(c.Id)?.Visitors ?? 0))
            .ToList();
    }
}
