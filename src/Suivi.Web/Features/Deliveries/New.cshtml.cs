using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Deliveries;

/// <summary>
/// Records one delivery. Opened from a case file or a person, it starts with them; otherwise with the signed-in
/// person as the worker, their service and today.
/// </summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class NewModel(SuiviDbContext db, TimeProvider clock, CurrentUser user, IStringLocalizer<SharedResource> localizer)
    : DeliveryFormPage(db, localizer)
{
    public async Task OnGetAsync(Guid? caseFile, Guid? person, Guid? service, CancellationToken cancellationToken)
    {
        Input.OnDate = clock.Today();
        var me = await SignedInWorker.FindAsync(Db, user.Id, cancellationToken);
        Input.WorkerId = me?.Id;
        if (caseFile is { } fileId
            && await Db.CaseFiles.Where(c => c.Id == fileId).Select(c => new { c.Reference, c.ServiceId }).SingleOrDefaultAsync(cancellationToken) is { } file)
        {
            Input.CaseFileReference = file.Reference;
            Input.ServiceId = file.ServiceId;
        }
        if (person is { } personId && await Db.Beneficiaries.AnyAsync(b => b.Id == personId, cancellationToken))
        {
            Input.BeneficiaryId = personId;
        }
        if (Input.ServiceId is null && service is { } serviceId && await Db.Services.AnyAsync(s => s.Id == serviceId, cancellationToken))
        {
            Input.ServiceId = serviceId;
        }
        Input.ServiceId ??= me?.ServiceId;
        await LoadChoicesAsync(cancellationToken);
        if (Input.ServiceId is null && Services.Count == 1)
        {
            Input.ServiceId = Services[0].Id;
            await LoadChoicesAsync(cancellationToken);
        }
        if (Sites.Count == 1)
        {
            Input.SiteId = Sites[0].Id;
        }
    }

    public Task<IActionResult> OnPostSearchAsync(CancellationToken cancellationToken) => SearchAsync(cancellationToken);

    public Task<IActionResult> OnPostChoicesAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var draft = await DraftAsync(null, null, cancellationToken);
        var outcome = await new DeliveryRecording(Db, clock.Today()).RecordAsync([draft], [], cancellationToken);
        if (!outcome.Succeeded)
        {
            ShowProblems(outcome.Problems);
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        await Db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/Deliveries/Details", new { org = RouteData.Values["org"], id = outcome.Recorded[0].Id });
    }
}
