using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Deliveries;

/// <summary>
/// One delivery, with links to its case file and person; those who record the daily work correct it (against the
/// version they read) or delete it here.
/// </summary>
public sealed class DetailsModel(SuiviDbContext db, TimeProvider clock, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : DeliveryFormPage(db, localizer)
{
    public DeliveryList.Row Delivery { get; private set; } = null!;
    public DeliveryList.Names Names { get; private set; } = null!;
    public bool MayEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input = new DeliveryInput
        {
            ServiceId = Delivery.ServiceId,
            OnDate = Delivery.OnDate,
            StartTime = DeliveryText.EditableTime(Delivery.StartTime),
            Duration = DeliveryText.EditableHours(Delivery.DurationSeconds),
            TypeId = Delivery.TypeId,
            ActCategoryId = Delivery.ActCategoryId,
            WorkerId = Delivery.WorkerId,
            OtherWorkerIds = Delivery.OtherWorkerIds.ToList(),
            CaseFileReference = Names.CaseFile(Delivery.CaseFileId),
            BeneficiaryId = Delivery.BeneficiaryId,
            SiteId = Delivery.SiteId,
            Kilometres = DeliveryText.EditableKilometres(Delivery.DistanceMetres),
            Note = Delivery.Note,
            Version = Delivery.Version,
        };
        if (MayEdit)
        {
            await LoadChoicesAsync(cancellationToken);
        }
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async () =>
        {
            var draft = await DraftAsync(id, Delivery.DurationSeconds, cancellationToken);
            var outcome = await new DeliveryRecording(Db, clock.Today()).RecordAsync([draft], [], cancellationToken);
            if (!outcome.Succeeded)
            {
                ShowProblems(outcome.Problems);
                return null;
            }
            await Db.SaveChangesAsync(cancellationToken);
            return RedirectToPage(new { org = RouteData.Values["org"], id });
        }, cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async () =>
        {
            await new DeliveryRecording(Db, clock.Today()).RecordAsync([], [new DeliveryRemoval(id, Input.Version)], cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
            return RedirectToPage("/Deliveries/Index", new { org = RouteData.Values["org"] });
        }, cancellationToken);

    public Task<IActionResult> OnPostSearchAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async () => await SearchAsync(cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostChoicesAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async () => await RefreshAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Runs one use of the form: 404 for a delivery the reader may not see, 403 for those who may not edit; a refused
    /// change (null) or one made meanwhile by someone else shows the form again with its messages, having saved nothing.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(Guid id, Func<Task<IActionResult?>> change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        try
        {
            if (await change() is { } done)
            {
                return done;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            ShowChangedMeanwhile();
        }
        Db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var rows = await Db.Deliveries.AsNoTracking().Where(d => d.Id == id).RowsAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return false;
        }
        Delivery = rows[0];
        Names = await DeliveryList.Names.LoadAsync(Db, rows, cancellationToken);
        KeptTypeId = Delivery.TypeId;
        KeptCategoryId = Delivery.ActCategoryId;
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        return true;
    }
}
