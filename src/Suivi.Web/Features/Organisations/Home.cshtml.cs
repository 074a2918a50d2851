using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Organisations;

/// <summary>The organisation's home: its key figures, which every member (statisticians included) may see.</summary>
public sealed class HomeModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public sealed record ServiceFigures(string Code, string Name, ServiceKind Kind, int OpenFiles, int OpenedThisYear, int ClosedThisYear);

    public int Year { get; private set; }
    public int People { get; private set; }
    public int OpenFiles { get; private set; }
    public int Staff { get; private set; }
    public IReadOnlyList<ServiceFigures> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Year = clock.GetUtcNow().Year;
        var yearStart = new DateOnly(Year, 1, 1);
        var nextYear = yearStart.AddYears(1);
        People = await db.Beneficiaries.CountAsync(cancellationToken);
        Staff = await db.Staff.CountAsync(cancellationToken);
        OpenFiles = await db.CaseFiles.CountAsync(c => c.Status == CaseFileStatus.Open, cancellationToken);
        Services = await db.Services
            .OrderBy(s => s.Name)
            .Select(s => new ServiceFigures(s.Code, s.Name, s.Kind,
                db.CaseFiles.Count(c => c.ServiceId == s.Id && c.Status == CaseFileStatus.Open),
                db.CaseFiles.Count(c => c.ServiceId == s.Id && c.OpenedOn >= yearStart && c.OpenedOn < nextYear),
                db.CaseFiles.Count(c => c.ServiceId == s.Id && c.ClosedOn >= yearStart && c.ClosedOn < nextYear)))
            .ToListAsync(cancellationToken);
    }
}
