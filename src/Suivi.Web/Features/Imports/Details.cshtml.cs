using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure.Imports;

namespace Suivi.Features.Imports;

/// <summary>One import run: its progress while it runs (the page polls the API, or refreshes without script), then its outcome and errors.</summary>
public sealed class DetailsModel(SuiviDbContext db, ImportJobs jobs) : PageModel
{
    public ImportRun Run { get; private set; } = null!;

    public IReadOnlyList<ImportError> Errors { get; private set; } = [];

    public ImportJobs.LiveProgress? Progress { get; private set; }

    public string? StartedBy { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var run = await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return NotFound();
        }
        Run = run;
        Errors = ImportErrorList.FromJson(run.Errors);
        Progress = jobs.ProgressOf(id);
        StartedBy = run.UserId is { } userId
            ? await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        return Page();
    }
}
