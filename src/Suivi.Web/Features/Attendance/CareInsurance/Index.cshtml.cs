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

/// <summary>A person's periods of long-term-care insurance benefits: the list, a new period, the end of the current one.</summary>
public sealed class IndexModel(SuiviDbContext db, AuditLog audit, IAuthorizationService authorization, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Beneficiary Person { get; private set; } = null!;
    public IReadOnlyList<CareInsurancePeriod> Periods { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool MayEdit { get; private set; }
    public bool AddOpen { get; private set; }

    [BindProperty]
    public DatesInput Input { get; set; } = new();

    /// <summary>The end of the open period; each open period has its own form, named by <see cref="PeriodId"/>.</summary>
    [BindProperty]
    public EndInput End { get; set; } = new();

    [BindProperty]
    public Guid? PeriodId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        await audit.RecordViewAsync(nameof(Beneficiary), id, cancellationToken);
        End.On = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        AddOpen = true;
        OnlyForm(nameof(Input));
        End.On = Today;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            await CarePeriods.AddAsync(db, id, Input.From, Input.To, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage(new { org = RouteData.Values["org"], id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken cancellationToken)
    {
        var period = await db.CareInsurancePeriods.SingleOrDefaultAsync(p => p.Id == PeriodId && p.BeneficiaryId == id, cancellationToken);
        if (period is null || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        OnlyForm(nameof(End));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            await CarePeriods.EndAsync(db, period, End.On, cancellationToken);
            db.Entry(period).Property(p => p.Version).OriginalValue = End.Version;
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage(new { org = RouteData.Values["org"], id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(End), new DomainRuleException(rule.Message, nameof(EndInput.On)), localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Someone else changed this period while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."]);
            return Page();
        }
    }

    /// <summary>Only the form that was sent is checked: the other one's fields were not posted.</summary>
    private void OnlyForm(string form)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(form + ".", StringComparison.Ordinal) && k != nameof(PeriodId)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await db.Beneficiaries.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (person is null)
        {
            return false;
        }
        Person = person;
        Today = clock.Today();
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        Periods = await CarePeriods.OfAsync(db, id, cancellationToken);
        return true;
    }
}
