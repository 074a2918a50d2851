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

namespace Suivi.Features.Appointments;

/// <summary>An appointment and what became of it: held, postponed (to a new appointment) or cancelled, by the family or the service.</summary>
public sealed class DetailsModel(SuiviDbContext db, TimeProvider clock, AuditLog audit, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class ChangeInput
    {
        public AppointmentParty? By { get; set; }

        [StringLength(1000, ErrorMessage = "This field is too long.")]
        public string? Reason { get; set; }

        [DataType(DataType.Date)]
        public DateOnly? NewDate { get; set; }

        [DataType(DataType.Time)]
        public TimeOnly? NewTime { get; set; }
    }

    [BindProperty]
    public ChangeInput Postponing { get; set; } = new();

    [BindProperty]
    public ChangeInput Cancelling { get; set; } = new();

    public Appointment Appointment { get; private set; } = null!;
    public string Service { get; private set; } = "";
    public string? Site { get; private set; }
    public string? Type { get; private set; }
    public string? Person { get; private set; }
    public string? CaseFile { get; private set; }
    public string? Staff { get; private set; }

    /// <summary>The appointment this one replaces, when it was postponed to this one.</summary>
    public (Guid Id, DateOnly OnDate)? Replaces { get; private set; }

    public DateOnly? PostponedToDate { get; private set; }
    public bool MayEdit { get; private set; }

    /// <summary>Which form to show open: the one just refused.</summary>
    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } appointment)
        {
            return NotFound();
        }
        await ShowAsync(appointment, cancellationToken);
        await audit.RecordViewAsync(nameof(Domain.Appointment), id, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostHeldAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "", appointment => appointment.Hold(clock.Today()), cancellationToken);

    public Task<IActionResult> OnPostPostponeAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, nameof(Postponing), appointment => AppointmentBook.Postpone(db, appointment,
            new AppointmentChange(Postponing.By, Postponing.Reason, Postponing.NewDate, Postponing.NewTime), clock.Today()), cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, nameof(Cancelling), appointment => AppointmentBook.Cancel(appointment,
            new AppointmentChange(Cancelling.By, Cancelling.Reason, null, null)), cancellationToken);

    private async Task<IActionResult> ChangeAsync(Guid id, string form, Action<Appointment> change, CancellationToken cancellationToken)
    {
        if (await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } appointment)
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
                change(appointment);
                await db.SaveChangesAsync(cancellationToken);
                return RedirectToPage(new { org = RouteData.Values["org"], id });
            }
            catch (DomainRuleException rule)
            {
                // A rule about a field of the form is shown next to it; one about the appointment (already held, not yet
                // its day) above the forms.
                var onForm = form.Length > 0 && rule.Field is nameof(ChangeInput.By) or nameof(ChangeInput.Reason) or nameof(ChangeInput.NewDate)
                    or nameof(ChangeInput.NewTime);
                FormErrors.Add(ModelState, form, onForm ? rule : new DomainRuleException(rule.Message), localizer);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", localizer["Someone else changed this appointment meanwhile. Nothing was saved: reload the page and try again."]);
            }
        }
        Refused = form;
        // A refused step may have changed the tracked appointment before the rule stopped it: show what is saved.
        db.ChangeTracker.Clear();
        await ShowAsync(await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken), cancellationToken);
        return Page();
    }

    private async Task ShowAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        Appointment = appointment;
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        Service = await db.Services.Where(s => s.Id == appointment.ServiceId).Select(s => s.Name).SingleAsync(cancellationToken);
        Site = await db.Sites.Where(s => s.Id == appointment.SiteId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
        Type = appointment.TypeId is { } type ? (await FormOptions.LabelsAsync(db, [type], cancellationToken)).GetValueOrDefault(type) : null;
        Person = await db.Beneficiaries.Where(b => b.Id == appointment.BeneficiaryId).Select(b => b.FirstName + " " + b.LastName)
            .SingleOrDefaultAsync(cancellationToken);
        CaseFile = await db.CaseFiles.Where(c => c.Id == appointment.CaseFileId).Select(c => c.Reference).SingleOrDefaultAsync(cancellationToken);
        Staff = await db.Staff.Where(s => s.Id == appointment.StaffMemberId).Select(s => s.FirstName + " " + s.LastName)
            .SingleOrDefaultAsync(cancellationToken);
        var replaces = await db.Appointments.Where(a => a.PostponedToId == appointment.Id).Select(a => new { a.Id, a.OnDate })
            .FirstOrDefaultAsync(cancellationToken);
        Replaces = replaces is null ? null : (replaces.Id, replaces.OnDate);
        PostponedToDate = await db.Appointments.Where(a => a.Id == appointment.PostponedToId).Select(a => (DateOnly?)a.OnDate)
            .SingleOrDefaultAsync(cancellationToken);
        Postponing.NewTime ??= appointment.StartTime;
    }
}
