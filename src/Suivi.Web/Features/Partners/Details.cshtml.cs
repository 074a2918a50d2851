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

/// <summary>A partner of the directory with its services; members who record the daily work add and edit the services here.</summary>
public sealed class DetailsModel(SuiviDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Partner Partner { get; private set; } = null!;
    public IReadOnlyList<PartnerService> Services { get; private set; } = [];
    public bool MayEdit { get; private set; }

    /// <summary>The service shown in the form: a new one, or the one chosen with ?service= for editing.</summary>
    [BindProperty]
    public ServiceInput Service { get; set; } = new();

    /// <summary>Whether the service form is open: after "edit" on a service, or when a save was refused.</summary>
    public bool ServiceFormOpen { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "service")] Guid? serviceId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (serviceId is { } chosen && MayEdit)
        {
            var service = Services.SingleOrDefault(s => s.Id == chosen);
            if (service is null)
            {
                return NotFound();
            }
            Service = ServiceInput.From(service);
            ServiceFormOpen = true;
        }
        return Page();
    }

    /// <summary>Adds a service to the partner, or saves the changes to one of its services.</summary>
    public async Task<IActionResult> OnPostSaveServiceAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        ServiceFormOpen = true;
        PartnerService? service = null;
        if (Service.Id is { } serviceId)
        {
            service = await db.PartnerServices.SingleOrDefaultAsync(s => s.Id == serviceId && s.PartnerId == id, cancellationToken);
            if (service is null)
            {
                return NotFound();
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            var languages = PartnerLanguages.Join(Service.Languages);
            if (service is null)
            {
                db.PartnerServices.Add(new PartnerService(id, Service.Name, Service.Theme, Service.Description, Service.Phone, Service.Email, languages));
            }
            else
            {
                service.Update(Service.Name, Service.Theme, Service.Description, Service.Phone, Service.Email, languages);
                db.Entry(service).Property(s => s.Version).OriginalValue = Service.Version;
            }
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage(new { org = RouteData.Values["org"], id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Service), rule, localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Someone else changed this service while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."]);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return false;
        }
        Partner = partner;
        Services = (await db.PartnerServices.AsNoTracking().Where(s => s.PartnerId == id).ToListAsync(cancellationToken))
            .OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        return true;
    }
}
