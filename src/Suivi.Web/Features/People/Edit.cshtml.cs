using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.People;

[Authorize(Policy = Policies.EditRecords)]
public sealed class EditModel(SuiviDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PersonInput Input { get; set; } = new();

    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await db.Beneficiaries.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }
        Id = id;
        Input = PersonInput.From(person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await db.Beneficiaries.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (person is null)
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
            person.Update(Input.ToDetails());
            person.CheckBirthDate(clock.Today());
            // Save against the version the form was loaded with, so an edit made meanwhile is never overwritten.
            db.Entry(person).Property(p => p.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage("/People/Details", new { org = RouteData.Values["org"], id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Someone else changed this person while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."]);
            return Page();
        }
    }
}
