using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Suivi.Features.Reports;

/// <summary>A report computed for a year from the records the viewer may see, with its XLSX and JSON downloads.</summary>
public sealed class ReportModel(ReportRunner reports, TimeProvider clock) : PageModel
{
    public ReportDocument Report { get; private set; } = null!;

    public string Key { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string key, int? year, CancellationToken cancellationToken)
    {
        var wanted = year ?? clock.Today().Year - 1;
        if (!ReportYears.IsValid(wanted) || await reports.CurrentAsync(key, cancellationToken) is not { } stored)
        {
            return NotFound();
        }
        Key = key;
        var result = await reports.RunAsync(stored.Definition, wanted, cancellationToken);
        Report = ReportDocument.From(result, stored.Version, Settings.Choices.Language);
        return Page();
    }
}
