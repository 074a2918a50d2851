using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>A note on the file, for the whole team or only for the workers assigned to the file.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class NoteModel(SuiviDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    : CaseFileActionModel(db, localizer)
{
    public sealed class NoteInput
    {
        public string? Text { get; set; }
        public NoteVisibility Visibility { get; set; } = NoteVisibility.Team;
    }

    [BindProperty]
    public NoteInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        return await SaveAsync(null, () =>
        {
            Db.CaseNotes.Add(new CaseNote(CaseFile.Id, Input.Text ?? "", Input.Visibility, clock.GetUtcNow().UtcDateTime, user.Id,
                CaseFileWork.AuthorName(User)));
            return Task.CompletedTask;
        }, cancellationToken, changesTheFile: false);
    }

    protected override Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
