using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Contacts;

/// <summary>
/// Logs a contact as it happens, made for a helpline operator: now as the date and time, their own name,
/// anonymous unless a recorded person is chosen (an anonymous contact never creates a person). After
/// saving, the form opens again, empty, for the next call.
/// </summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class CreateModel(SuiviDbContext db, TimeProvider clock, CurrentUser user, IStringLocalizer<SharedResource> localizer)
    : ContactFormModel(db, localizer)
{
    public sealed record Recorded(Guid Id, DateOnly OnDate, TimeOnly? AtTime);

    /// <summary>The contact just saved, shown above the empty form.</summary>
    public Recorded? Saved { get; private set; }

    public async Task OnGetAsync(Guid? service, Guid? recorded, CancellationToken cancellationToken)
    {
        var (day, time) = ContactLog.LocalNow(clock);
        Input.OnDate = day;
        Input.AtTime = time;
        Input.ServiceId = await FormOptions.DefaultServiceAsync(Db, service, [ServiceKind.Helpline, ServiceKind.ClientRelations], cancellationToken);
        if (Input.ServiceId is { } serviceId
            && await Db.Services.AnyAsync(s => s.Id == serviceId && s.Kind == ServiceKind.ClientRelations, cancellationToken))
        {
            Input.Kind = ContactKind.ClientRelations;
        }
        Input.StaffMemberId = await References.StaffOfUserAsync(Db, user.Id, cancellationToken);
        if (recorded is { } id)
        {
            Saved = await Db.Contacts.Where(c => c.Id == id).Select(c => new Recorded(c.Id, c.OnDate, c.AtTime)).SingleOrDefaultAsync(cancellationToken);
        }
        await LoadChoicesAsync(null, searched: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostSearchAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadChoicesAsync(null, searched: true, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var contact = await ContactLog.RecordAsync(Db, Input.ToEntry(), clock.Today(), cancellationToken);
                await Db.SaveChangesAsync(cancellationToken);
                return RedirectToPage(new { org = RouteData.Values["org"], service = contact.ServiceId, recorded = contact.Id });
            }
            catch (DomainRuleException rule)
            {
                Refused(rule);
            }
        }
        await LoadChoicesAsync(null, searched: false, cancellationToken);
        return Page();
    }
}
