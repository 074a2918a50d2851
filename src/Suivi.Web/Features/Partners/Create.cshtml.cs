using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Partners;

[Authorize(Policy = Policies.EditRecords)]
public sealed class CreateModel(SuiviDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PartnerInput Input { get; set; } = new();

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
            var partner = new Partner(Input.ToDetails());
            db.Partners.Add(partner);
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage("/Partners/Details", new { org = RouteData.Values["org"], id = partner.Id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            return Page();
        }
    }
}
