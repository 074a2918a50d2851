using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Suivi.Features.Reports;

/// <summary>A report computed for a year from the records the viewer may see, with its XLSX and JSON downloads.</summary>
public sealed class ReportModel(ReportRunner reports, TimeProvider clock) : PageModel
{
    public ReportDocument Report { get; private set; } = null!;

    public string Key { get; private set; } = "";

    /// <summary>Keeps the exact figures across the page's links once asked for.</summary>
    public string ExactQuery => Report.Disclosure is { Exact: true } ? "&exact=true" : "";

    /// <summary><c>?exact=true</c>: the exact figures, those the published report hides marked, for the staff preparing it.</summary>
    public async Task<IActionResult> OnGetAsync(string key, int? year, bool exact, CancellationToken cancellationToken)
    {
        var wanted = year ?? clock.Today().Year - 1;
        if (!ReportYears.IsValid(wanted) || await reports.CurrentAsync(key, cancellationToken) is not { } stored)
        {
            return NotFound();
        }
        Key = key;
        Report = await reports.DocumentAsync(stored, wanted, Settings.Choices.Language, exact, cancellationToken);
        return Page();
    }
}
