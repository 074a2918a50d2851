using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Reports;

/// <summary>
/// A report for a year as its readers see it — published figures where the year was published, today's otherwise — with
/// its downloads; an organisation administrator publishes a year that is over from here.
/// </summary>
public sealed class ReportModel(ReportRunner reports, CurrentOrganisation organisation, IStringLocalizer<SharedResource> localizer,
    TimeProvider clock) : PageModel
{
    public ReportDocument Report { get; private set; } = null!;

    public string Key { get; private set; } = "";

    /// <summary>What publishing just did, or why it could not.</summary>
    public string? Outcome { get; private set; }

    public bool MayPublish => organisation.Has(OrganisationRole.OrganisationAdministrator)
        && Report.Publication is null && Report.Year < clock.Today().Year;

    /// <summary>Keeps the exact figures across the page's links once asked for.</summary>
    public string ExactQuery => Report.Disclosure is { Exact: true } ? "&exact=true" : "";

    /// <summary><c>?exact=true</c>: the exact figures, those the published report hides marked, for the staff preparing it.</summary>
    public async Task<IActionResult> OnGetAsync(string key, int? year, bool exact, CancellationToken cancellationToken) =>
        await ShowAsync(key, year ?? clock.Today().Year - 1, exact, cancellationToken);

    public async Task<IActionResult> OnPostPublishAsync(string key, int year, bool final, CancellationToken cancellationToken)
    {
        // Another organisation's report is not found here, whoever asks.
        if (!ReportYears.IsValid(year) || await reports.CurrentAsync(key, cancellationToken) is null)
        {
            return NotFound();
        }
        if (!organisation.Has(OrganisationRole.OrganisationAdministrator))
        {
            return Forbid();
        }
        if (!final)
        {
            Outcome = localizer["Tick the box to confirm the figures are final."].Value;
            return await ShowAsync(key, year, exact: false, cancellationToken);
        }
        Outcome = await reports.PublishAsync(key, year, cancellationToken) switch
        {
            PublishOutcome.Published => null,
            PublishOutcome.AlreadyPublished => localizer["The report for {0} was already published.", year].Value,
            PublishOutcome.YearNotOver => localizer["A year is published once it is over."].Value,
            _ => null,
        };
        return await ShowAsync(key, year, exact: false, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string key, int year, bool exact, CancellationToken cancellationToken)
    {
        if (!ReportYears.IsValid(year) || await reports.OpenAsync(key, year, cancellationToken) is not { } report)
        {
            return NotFound();
        }
        Key = key;
        Report = ReportRunner.Document(report, Settings.Choices.Language, exact);
        return Page();
    }
}
