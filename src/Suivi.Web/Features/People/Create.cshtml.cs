using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.People;

[Authorize(Policy = Policies.EditRecords)]
public sealed class CreateModel(SuiviDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PersonInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            var person = new Beneficiary(Input.ToDetails());
            person.CheckBirthDate(clock.Today());
            db.Beneficiaries.Add(person);
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage("/People/Details", new { org = RouteData.Values["org"], id = person.Id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            return Page();
        }
    }
}
