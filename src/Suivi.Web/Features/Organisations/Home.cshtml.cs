using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.CaseFiles;

namespace Suivi.Features.Organisations;

/// <summary>The organisation's home: its key figures, which every member (statisticians included) may see.</summary>
public sealed class HomeModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public sealed record ServiceFigures(string Code, string Name, ServiceKind Kind, int OpenFiles, WorkedInYear Worked);

    /// <summary>The year of the "files worked" figures; this year unless another is asked for.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public int People { get; private set; }
    public int OpenFiles { get; private set; }
    public int Staff { get; private set; }
    public IReadOnlyList<ServiceFigures> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var thisYear = clock.GetUtcNow().Year;
        var firstYear = await db.Episodes.MinAsync(e => (DateOnly?)e.OpenedOn, cancellationToken) is { } first ? first.Year : thisYear;
        Years = Enumerable.Range(firstYear, Math.Max(0, thisYear - firstYear) + 1).Reverse().ToList();
        var year = Year is { } asked && Years.Contains(asked) ? asked : thisYear;
        Year = year;
        People = await db.Beneficiaries.CountAsync(cancellationToken);
        Staff = await db.Staff.CountAsync(cancellationToken);
        OpenFiles = await db.CaseFiles.CountAsync(c => c.Status == CaseFileStatus.Open, cancellationToken);
        var services = await db.Services.OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var figures = new List<ServiceFigures>();
        foreach (var service in services)
        {
            var files = db.CaseFiles.Where(c => c.ServiceId == service.Id);
            figures.Add(new ServiceFigures(service.Code, service.Name, service.Kind,
                await files.CountAsync(c => c.Status == CaseFileStatus.Open, cancellationToken),
                await WorkedInYear.CountAsync(db, files, year, cancellationToken)));
        }
        Services = figures;
    }
}
