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

namespace Suivi.Features.Partners;

[Authorize(Policy = Policies.EditRecords)]
public sealed class EditModel(SuiviDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PartnerInput Input { get; set; } = new();

    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return NotFound();
        }
        Id = id;
        Input = PartnerInput.From(partner);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return NotFound();
        }
        Id = id;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            partner.Update(Input.ToDetails());
            // Save against the version the form was loaded with, so an edit made meanwhile is never overwritten.
            db.Entry(partner).Property(p => p.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage("/Partners/Details", new { org = RouteData.Values["org"], id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Someone else changed this partner while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."]);
            return Page();
        }
    }
}
