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

namespace Suivi.Features.Attendance.CareInsurance;

/// <summary>Puts right the dates of a long-term-care insurance period recorded wrongly.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class PeriodModel(SuiviDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CareInsurancePeriod Period { get; private set; } = null!;
    public string PersonName { get; private set; } = "";

    [BindProperty]
    public DatesInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input = new DatesInput { From = Period.From, To = Period.To, Version = Period.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var period = await db.CareInsurancePeriods.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            await CarePeriods.CorrectAsync(db, period, Input.From, Input.To, cancellationToken);
            db.Entry(period).Property(p => p.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage("/Attendance/CareInsurance/Index", new { org = RouteData.Values["org"], id = period.BeneficiaryId });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Someone else changed this period while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."]);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var period = await db.CareInsurancePeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null)
        {
            return false;
        }
        Period = period;
        PersonName = await db.Beneficiaries.Where(b => b.Id == period.BeneficiaryId).Select(b => b.FirstName + " " + b.LastName)
            .SingleAsync(cancellationToken);
        return true;
    }
}
