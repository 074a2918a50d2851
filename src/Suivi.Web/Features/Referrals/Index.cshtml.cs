using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Referrals;

/// <summary>The referrals of a case file to partner services and specialists, and the form for a new one.</summary>
[Authorize(Policy = Policies.SeeNames)]
public sealed class IndexModel(SuiviDbContext db, AuditLog audit, TimeProvider clock, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CaseFileReferrals.CaseFileHeader CaseFile { get; private set; } = null!;
    public IReadOnlyList<CaseFileReferrals.Row> Referrals { get; private set; } = [];
    public IReadOnlyList<CaseFileReferrals.ServiceChoice> Services { get; private set; } = [];
    public IReadOnlyList<CaseFileReferrals.SpecialityChoice> Specialities { get; private set; } = [];
    public bool MayEdit { get; private set; }

    [BindProperty]
    public ReferralInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input.SentOn = clock.Today();
        await audit.RecordViewAsync(nameof(Domain.CaseFile), id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            var referral = await CaseFileReferrals.NewAsync(db, CaseFile, Input.PartnerServiceId, Input.SpecialityId, Input.SentOn,
                Input.Reason, cancellationToken);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage(new { org = RouteData.Values["org"], id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await CaseFileReferrals.FindCaseFileAsync(db, id, cancellationToken);
        if (file is null)
        {
            return false;
        }
        CaseFile = file;
        Referrals = await CaseFileReferrals.ListAsync(db, id, null, cancellationToken);
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        if (MayEdit)
        {
            Services = await CaseFileReferrals.ServiceChoicesAsync(db, cancellationToken);
            Specialities = await CaseFileReferrals.SpecialityChoicesAsync(db, file.ServiceId, cancellationToken);
        }
        return true;
    }
}
