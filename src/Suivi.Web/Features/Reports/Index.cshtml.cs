using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Reports;

/// <summary>
/// The organisation's reports: each definition in force with its version, a year to compute it for, and for
/// administrators the upload of a new definition or a new version. A refused file is listed problem by problem,
/// with its line and column, and the version in force stays.
/// </summary>
[RequestSizeLimit(ReportDefinitionVersion.MaxTextLength * 4L)]
public sealed class IndexModel(ReportRunner reports, CurrentOrganisation organisation, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<StoredDefinition> Definitions { get; private set; } = [];

    public IReadOnlyList<DefinitionProblem> Problems { get; private set; } = [];

    public bool MayUpload => organisation.Has(OrganisationRole.OrganisationAdministrator);

    /// <summary>Annual reports are written for the year that has ended.</summary>
    public int DefaultYear => clock.Today().Year - 1;

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Definitions = await reports.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!MayUpload)
        {
            return Forbid();
        }
        if (!ReportKeys.IsValid(Key))
        {
            ModelState.AddModelError(nameof(Key), localizer["A report's key is 1 to 40 lower-case letters, digits and dashes, e.g. 'panorama'."]);
        }
        if (Upload is not { Length: > 0 } upload)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Choose the definition file (YAML or JSON)."]);
            upload = null;
        }
        string? text = null;
        if (upload is not null)
        {
            text = await ReadTextAsync(upload, cancellationToken);
            if (text is null)
            {
                ModelState.AddModelError(nameof(Upload), localizer["The file must be UTF-8 text of at most a million characters."]);
            }
        }
        if (!ModelState.IsValid || text is null)
        {
            Definitions = await reports.ListAsync(cancellationToken);
            return Page();
        }
        var outcome = await reports.UploadAsync(Key!, text, cancellationToken);
        if (outcome.Version is { } version)
        {
            TempData["Saved"] = localizer["Version {0} of the report '{1}' is now in force.", version, Key!].Value;
            return RedirectToPage("/Reports/Index", new { org = organisation.Slug });
        }
        Problems = outcome.Problems;
        ModelState.AddModelError(nameof(Upload), localizer["The definition was not saved: the version in force is unchanged."]);
        Definitions = await reports.ListAsync(cancellationToken);
        return Page();
    }

    private static async Task<string?> ReadTextAsync(IFormFile upload, CancellationToken cancellationToken)
    {
        if (upload.Length > ReportDefinitionVersion.MaxTextLength * 4L)
        {
            return null;
        }
        await using var stream = upload.OpenReadStream();
        using var reader = new StreamReader(stream, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            var text = await reader.ReadToEndAsync(cancellationToken);
            return text.Length <= ReportDefinitionVersion.MaxTextLength ? text : null;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
