using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Attendance.GroupActivities;

/// <summary>Records a group activity; its participants are added on the activity's page.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class NewModel(SuiviDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel, IActivityFormPage
{
    [BindProperty]
    public ActivityInput Input { get; set; } = new();

    public ActivityChoices Choices { get; private set; } = null!;

    public bool ServiceFixed => false;

    public async Task OnGetAsync(Guid? service, CancellationToken cancellationToken)
    {
        Choices = await ActivityChoices.LoadAsync(db, null, cancellationToken);
        Input.ServiceId = service ?? (Choices.Services.Count == 1 ? Choices.Services[0].Id : null);
        Input.OnDate = clock.Today();
        Input.UnnamedParticipants = 0;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var serviceId = await ActivityRecords.ServiceAsync(db, Input.ServiceId, cancellationToken);
                var details = await ActivityRecords.DetailsAsync(db, serviceId, Input.ToWrite(), null, clock.Today(), cancellationToken);
                var activity = new GroupActivity(serviceId, details);
                db.GroupActivities.Add(activity);
                await db.SaveChangesAsync(cancellationToken);
                return RedirectToPage("/Attendance/GroupActivities/Details", new { org = RouteData.Values["org"], id = activity.Id });
            }
            catch (DomainRuleException rule)
            {
                FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            }
        }
        Choices = await ActivityChoices.LoadAsync(db, null, cancellationToken);
        return Page();
    }
}
