using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Infrastructure.Imports;
using Suivi.Security;

namespace Suivi.Features.Imports;

/// <summary>
/// Upload a file to check (dry run) or import, see the columns of each kind of file, and the past runs. With
/// script the upload goes to the API with a progress bar (imports.js); without, as this plain form.
/// </summary>
[Authorize(Policy = Policies.EditRecords)]
[RequestSizeLimit(ImportUploads.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportUploads.MaxBytes)]
public sealed class IndexModel(SuiviDbContext db, ImportUploads uploads, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string Check = "check";
    public const string Commit = "import";

    public sealed record Row(Guid Id, ImportKind Kind, string FileName, bool DryRun, ImportStatus Status, DateTime StartedAt,
        long RowsRead, long RowsWritten, long RowsSkipped, long ErrorCount);

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Mode { get; set; }

    public IReadOnlyList<IRecordImporter> Kinds => uploads.Kinds;

    public IReadOnlyList<Row> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Runs = await RunsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ImportKinds.TryParse(Kind, out var kind) || Kinds.All(k => k.Kind != kind))
        {
            ModelState.AddModelError(nameof(Kind), localizer["Choose what the file holds."]);
        }
        if (Upload is not { Length: > 0 } upload)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Choose a file to import."]);
            upload = null;
        }
        if (!ModelState.IsValid || upload is null)
        {
            Runs = await RunsAsync(cancellationToken);
            return Page();
        }
        var outcome = await uploads.AcceptAsync(kind, Mode != Commit, upload.FileName, async (target, ct) =>
        {
            await using var source = upload.OpenReadStream();
            await source.CopyToAsync(target, ct);
        }, cancellationToken);
        if (outcome.RunId is { } id)
        {
            return RedirectToPage("/Imports/Details", new { org = RouteData.Values["org"], id });
        }
        ModelState.AddModelError("", outcome.Refusal == ImportUploads.Refusal.Busy
            ? localizer["An import of this organisation is already running: wait until it ends."]
            : localizer["Too many imports are waiting: try again in a few minutes."]);
        Runs = await RunsAsync(cancellationToken);
        return Page();
    }

    private async Task<IReadOnlyList<Row>> RunsAsync(CancellationToken cancellationToken) =>
        await db.ImportRuns.AsNoTracking()
            .OrderByDescending(r => r.StartedAt)
            .Take(50)
            .Select(r => new Row(r.Id, r.Kind, r.FileName, r.DryRun, r.Status, r.StartedAt, r.RowsRead, r.RowsWritten, r.RowsSkipped, r.ErrorCount))
            .ToListAsync(cancellationToken);
}
