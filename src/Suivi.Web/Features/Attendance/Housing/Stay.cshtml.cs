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

namespace Suivi.Features.Attendance.Housing;

/// <summary>One stay: ending it when the resident leaves, or putting its dates right.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class StayModel(SuiviDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Stays.Row Stay { get; private set; } = null!;

    [BindProperty]
    public EndInput End { get; set; } = new();

    [BindProperty]
    public DatesInput Correction { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        FillForms(except: null);
        return Page();
    }

    public Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, nameof(End), End.Version, (stay, ct) => Stays.EndAsync(db, stay, End.On, ct), cancellationToken);

    public Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, nameof(Correction), Correction.Version,
            (stay, ct) => Stays.CorrectAsync(db, stay, Correction.From, Correction.To, clock.Today(), ct), cancellationToken);

    private async Task<IActionResult> ChangeAsync(Guid id, string form, long version, Func<HousingStay, CancellationToken, Task> change,
        CancellationToken cancellationToken)
    {
        var stay = await db.HousingStays.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (stay is null || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        // Only the form that was sent is checked; the other one shows the stay as it is.
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(form + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
        FillForms(except: form);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            await change(stay, cancellationToken);
            db.Entry(stay).Property(s => s.Version).OriginalValue = version;
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage("/Attendance/Housing/Residence", new { org = RouteData.Values["org"], id = stay.ServiceId });
        }
        catch (DomainRuleException rule)
        {
            // Every rule about ending concerns the one date of that form.
            var field = form == nameof(End) ? nameof(EndInput.On) : rule.Field;
            FormErrors.Add(ModelState, form, new DomainRuleException(rule.Message, field), localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Someone else changed this stay while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."]);
            return Page();
        }
    }

    private void FillForms(string? except)
    {
        if (except != nameof(End))
        {
            End = new EndInput { On = Stay.To ?? clock.Today(), Version = Stay.Version };
        }
        if (except != nameof(Correction))
        {
            Correction = new DatesInput { From = Stay.From, To = Stay.To, Version = Stay.Version };
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await Stays.Rows(db, db.HousingStays.Where(s => s.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return false;
        }
        Stay = row;
        return true;
    }
}
