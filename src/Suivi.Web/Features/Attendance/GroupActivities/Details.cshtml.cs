using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Features.Settings;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Attendance.GroupActivities;

/// <summary>A group activity: who took part (added by a search, removed one by one), how many more were not named, and its details.</summary>
public sealed class DetailsModel(SuiviDbContext db, TimeProvider clock, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel, IActivityFormPage
{
    public sealed record Participant(Guid Id, string Name, DateOnly? BirthDate);

    public GroupActivity Activity { get; private set; } = null!;
    public string Service { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public string? Site { get; private set; }
    public IReadOnlyList<Participant> Participants { get; private set; } = [];
    public IReadOnlyList<Participant> Candidates { get; private set; } = [];
    public bool MayEdit { get; private set; }
    public bool FormOpen { get; private set; }

    [BindProperty]
    public ActivityInput Input { get; set; } = new();

    public ActivityChoices Choices { get; private set; } = null!;

    public bool ServiceFixed => true;

    /// <summary>The name searched for, to add a participant.</summary>
    [BindProperty(SupportsGet = true, Name = "find")]
    public string? Find { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input = ActivityInput.From(Activity);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id, Guid personId, CancellationToken cancellationToken)
    {
        var activity = await ActivityRecords.FindAsync(db, id, cancellationToken);
        if (activity is null || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        // Someone of another organisation, or nobody: the same answer as for an unknown activity.
        if (!await db.Beneficiaries.AnyAsync(b => b.Id == personId, cancellationToken))
        {
            return NotFound();
        }
        await ActivityRecords.AddParticipantAsync(db, activity, personId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(null, null, new { org = RouteData.Values["org"], id, find = Find }, "add-participant");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid personId, CancellationToken cancellationToken)
    {
        var activity = await ActivityRecords.FindAsync(db, id, cancellationToken);
        if (activity is null || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        activity.RemoveParticipant(personId);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { org = RouteData.Values["org"], id });
    }

    public async Task<IActionResult> OnPostChangeAsync(Guid id, CancellationToken cancellationToken)
    {
        var activity = await ActivityRecords.FindAsync(db, id, cancellationToken);
        if (activity is null || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        FormOpen = true;
        Input.ServiceId = activity.ServiceId;
        ModelState.Remove($"{nameof(Input)}.{nameof(ActivityInput.ServiceId)}");
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            activity.Change(await ActivityRecords.DetailsAsync(db, activity.ServiceId, Input.ToWrite(), activity.KindId, clock.Today(), cancellationToken));
            db.Entry(activity).Property(a => a.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage(new { org = RouteData.Values["org"], id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Someone else changed this activity while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."]);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var activity = await db.GroupActivities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return false;
        }
        Activity = activity;
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        Service = await db.Services.Where(s => s.Id == activity.ServiceId).Select(s => s.Name).SingleAsync(cancellationToken);
        Kind = (await db.ListItems.SingleAsync(i => i.Id == activity.KindId, cancellationToken)).LabelText();
        Site = activity.SiteId is { } siteId ? await db.Sites.Where(s => s.Id == siteId).Select(s => s.Name).SingleAsync(cancellationToken) : null;
        var participantIds = db.GroupActivityParticipants.Where(p => p.ActivityId == id).Select(p => p.BeneficiaryId);
        Participants = await db.Beneficiaries.Where(b => participantIds.Contains(b.Id)).InListOrder()
            .Select(b => new Participant(b.Id, b.FirstName + " " + b.LastName, b.BirthDate)).ToListAsync(cancellationToken);
        Choices = await ActivityChoices.LoadAsync(db, activity.KindId, cancellationToken);
        if (MayEdit && SearchText.Fold(Find).Length > 0)
        {
            Candidates = await db.Beneficiaries.Matching(Find).Where(b => !participantIds.Contains(b.Id)).InListOrder().Take(20)
                .Select(b => new Participant(b.Id, b.FirstName + " " + b.LastName, b.BirthDate)).ToListAsync(cancellationToken);
        }
        return true;
    }
}
