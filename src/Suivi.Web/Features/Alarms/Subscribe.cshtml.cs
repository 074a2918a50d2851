using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Contacts;
using Suivi.Features.People;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Alarms;

/// <summary>A person subscribes to the alarm service: the device they are given and the first day.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class SubscribeModel(SuiviDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class SubscriptionInput
    {
        public Guid? ServiceId { get; set; }
        public Guid? BeneficiaryId { get; set; }
        public Guid? DeviceId { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [DataType(DataType.Date)]
        public DateOnly? From { get; set; }
    }

    [BindProperty]
    public SubscriptionInput Input { get; set; } = new();

    [BindProperty(Name = "find")]
    public string? Find { get; set; }

    public IReadOnlyList<Option> Services { get; private set; } = [];
    public IReadOnlyList<Option> Devices { get; private set; } = [];
    public PersonPicker Person { get; private set; } = null!;

    public async Task OnGetAsync(Guid? service, Guid? person, CancellationToken cancellationToken)
    {
        Input.From = clock.Today();
        Input.ServiceId = await FormOptions.DefaultServiceAsync(db, service, [ServiceKind.AlarmService], cancellationToken);
        Input.BeneficiaryId = person;
        await LoadChoicesAsync(searched: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostSearchAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadChoicesAsync(searched: true, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var subscription = await AlarmSubscriptions.SubscribeAsync(db,
                    new NewSubscription(Input.ServiceId, Input.BeneficiaryId, Input.DeviceId, Input.From), clock.Today(), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return RedirectToPage("/Alarms/Subscription", new { org = RouteData.Values["org"], id = subscription.Id });
            }
            catch (DomainRuleException rule)
            {
                FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            }
        }
        await LoadChoicesAsync(searched: false, cancellationToken);
        return Page();
    }

    private async Task LoadChoicesAsync(bool searched, CancellationToken cancellationToken)
    {
        Services = await FormOptions.ServicesAsync(db, cancellationToken);
        Devices = await FormOptions.ListAsync(db, ListKind.AlarmDevice, Input.ServiceId, null, cancellationToken);
        Person = new PersonPicker($"{nameof(Input)}.{nameof(SubscriptionInput.BeneficiaryId)}", localizer["Subscriber"], Input.BeneficiaryId,
            await PersonPicker.OfferAsync(db, Input.BeneficiaryId, Find, searched, cancellationToken), Find, searched, NoneLabel: null);
    }
}
