using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Contacts;
using Suivi.Features.People;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Alarms;

/// <summary>One subscription: its alarms, recording a new one, changing the device, ending it.</summary>
public sealed class SubscriptionModel(SuiviDbContext db, TimeProvider clock, AuditLog audit, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record AlarmRow(Guid Id, DateOnly OnDate, TimeOnly? AtTime, string Outcome, string? Note);

    public sealed class EndInput
    {
        [DataType(DataType.Date)]
        public DateOnly? To { get; set; }
    }

    public sealed class DeviceInput
    {
        public Guid? DeviceId { get; set; }
    }

    public sealed class AlarmInput
    {
        [DataType(DataType.Date)]
        public DateOnly? OnDate { get; set; }

        [DataType(DataType.Time)]
        public TimeOnly? AtTime { get; set; }

        public Guid? OutcomeId { get; set; }

        [StringLength(2000, ErrorMessage = "This field is too long.")]
        public string? Note { get; set; }
    }

    [BindProperty]
    public EndInput Ending { get; set; } = new();

    [BindProperty]
    public DeviceInput Device { get; set; } = new();

    [BindProperty]
    public AlarmInput Alarm { get; set; } = new();

    public AlarmSubscription Subscription { get; private set; } = null!;
    public string Person { get; private set; } = "";
    public string Service { get; private set; } = "";
    public string DeviceLabel { get; private set; } = "";
    public IReadOnlyList<AlarmRow> Alarms { get; private set; } = [];
    public IReadOnlyList<Option> Devices { get; private set; } = [];
    public IReadOnlyList<Option> Outcomes { get; private set; } = [];
    public bool MayEdit { get; private set; }

    /// <summary>Which form to show open: the one just refused.</summary>
    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.AlarmSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription)
        {
            return NotFound();
        }
        var (day, time) = ContactLog.LocalNow(clock);
        Alarm.OnDate = day;
        Alarm.AtTime = time;
        Ending.To = clock.Today();
        await ShowAsync(subscription, cancellationToken);
        await audit.RecordViewAsync(nameof(AlarmSubscription), id, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAlarmAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, nameof(Alarm), async subscription =>
            await AlarmSubscriptions.RecordAlarmAsync(db, subscription, new NewAlarm(Alarm.OnDate, Alarm.AtTime, Alarm.OutcomeId, Alarm.Note),
                clock.Today(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDeviceAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, nameof(Device), subscription => AlarmSubscriptions.ChangeDeviceAsync(db, subscription, Device.DeviceId, cancellationToken),
            cancellationToken);

    public Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, nameof(Ending), subscription => AlarmSubscriptions.EndAsync(db, subscription, Ending.To, cancellationToken),
            cancellationToken);

    /// <summary>Runs one of the page's forms: <paramref name="form"/> names its fields' prefix, for the messages.</summary>
    private async Task<IActionResult> ChangeAsync(Guid id, string form, Func<AlarmSubscription, Task> change, CancellationToken cancellationToken)
    {
        if (await db.AlarmSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription)
        {
            return NotFound();
        }
        if (!(await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded)
        {
            return Forbid();
        }
        if (ModelState.IsValid)
        {
            try
            {
                await change(subscription);
                await db.SaveChangesAsync(cancellationToken);
                return RedirectToPage(new { org = RouteData.Values["org"], id });
            }
            catch (DomainRuleException rule)
            {
                FormErrors.Add(ModelState, form, rule, localizer);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", localizer["Someone else changed this subscription meanwhile. Nothing was saved: reload the page and try again."]);
            }
        }
        Refused = form;
        db.ChangeTracker.Clear();
        await ShowAsync(await db.AlarmSubscriptions.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken), cancellationToken);
        return Page();
    }

    private async Task ShowAsync(AlarmSubscription subscription, CancellationToken cancellationToken)
    {
        Subscription = subscription;
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        Person = await db.Beneficiaries.Where(b => b.Id == subscription.BeneficiaryId).Select(b => b.FirstName + " " + b.LastName)
            .SingleAsync(cancellationToken);
        Service = await db.Services.Where(s => s.Id == subscription.ServiceId).Select(s => s.Name).SingleAsync(cancellationToken);
        var alarms = await db.Alarms.Where(a => a.SubscriptionId == subscription.Id)
            .OrderByDescending(a => a.OnDate).ThenByDescending(a => a.AtTime).AsNoTracking().ToListAsync(cancellationToken);
        var labels = await FormOptions.LabelsAsync(db, alarms.Select(a => (Guid?)a.OutcomeId).Append(subscription.DeviceId), cancellationToken);
        DeviceLabel = labels.GetValueOrDefault(subscription.DeviceId, "");
        Alarms = alarms.Select(a => new AlarmRow(a.Id, a.OnDate, a.AtTime, labels.GetValueOrDefault(a.OutcomeId, ""), a.Note)).ToList();
        if (MayEdit)
        {
            Devices = await FormOptions.ListAsync(db, ListKind.AlarmDevice, subscription.ServiceId, subscription.DeviceId, cancellationToken);
            Outcomes = await FormOptions.ListAsync(db, ListKind.AlarmOutcome, subscription.ServiceId, null, cancellationToken);
            Device.DeviceId ??= subscription.DeviceId;
        }
    }
}
