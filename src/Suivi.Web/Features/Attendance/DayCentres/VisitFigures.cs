using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Attendance.DayCentres;

/// <summary>What reports and pages count of day-centre visits, counted by the database rather than in memory.</summary>
public static class VisitFigures
{
    /// <summary>The visits to the organisation's day centres (services of kind <see cref="ServiceKind.DayCentre"/>).</summary>
    public static IQueryable<DayCentreVisit> ToDayCentres(this SuiviDbContext db) =>
        db.DayCentreVisits.Where(v => db.Services.Any(s => s.Id == v.ServiceId && s.Kind == ServiceKind.DayCentre));

    public static IQueryable<DayCentreVisit> Between(this IQueryable<DayCentreVisit> visits, DateOnly from, DateOnly to) =>
        visits.Where(v => v.OnDate >= from && v.OnDate <= to);

    /// <summary>How many different people made these visits (COUNT DISTINCT): someone who came to two centres counts once.</summary>
    public static Task<int> DistinctVisitorsAsync(this IQueryable<DayCentreVisit> visits, CancellationToken cancellationToken) =>
        visits.Select(v => v.BeneficiaryId).Distinct().CountAsync(cancellationToken);
}
