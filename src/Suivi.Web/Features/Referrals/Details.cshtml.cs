using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Referrals;

/// <summary>One referral of a case file, and the form recording its outcome (accepted, declined, done).</summary>
[Authorize(Policy = Policies.SeeNames)]
[Authorize(Policy = Policies.EditRecords)]
public sealed class DetailsModel(SuiviDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CaseFileReferrals.CaseFileHeader CaseFile { get; private set; } = null!;
    public CaseFileReferrals.Row Referral { get; private set; } = null!;

    [BindProperty]
    public OutcomeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid referralId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, referralId, cancellationToken))
        {
            return NotFound();
        }
        Input = new OutcomeInput
        {
            Outcome = Referral.Outcome == ReferralOutcome.Sent ? ReferralOutcome.Accepted : Referral.Outcome,
            OutcomeOn = Referral.OutcomeOn ?? clock.Today(),
            Version = Referral.Version,
        };
        await audit.RecordViewAsync(nameof(Domain.CaseFile), id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid referralId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, referralId, cancellationToken))
        {
            return NotFound();
        }
        var referral = await db.Referrals.SingleAsync(r => r.Id == referralId, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            // "Sent" takes back an outcome recorded by mistake: it has no date of its own.
            if (Input.OutcomeOn is not { } on && Input.Outcome != ReferralOutcome.Sent)
            {
                throw new DomainRuleException("This field is required.", nameof(Input.OutcomeOn));
            }
            referral.RecordOutcome(Input.Outcome, Input.OutcomeOn ?? referral.SentOn);
            db.Entry(referral).Property(r => r.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage("/Referrals/Index", new { org = RouteData.Values["org"], id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Someone else changed this referral while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."]);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, Guid referralId, CancellationToken cancellationToken)
    {
        var file = await CaseFileReferrals.FindCaseFileAsync(db, id, cancellationToken);
        if (file is null)
        {
            return false;
        }
        var referral = (await CaseFileReferrals.ListAsync(db, id, referralId, cancellationToken)).SingleOrDefault();
        if (referral is null)
        {
            return false;
        }
        CaseFile = file;
        Referral = referral;
        return true;
    }
}
