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

/// <summary>Books an appointment: when it was asked for, the day and time, where, what kind, for whom (a person or a case file), with whom.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class CreateModel(SuiviDbContext db, TimeProvider clock, CurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class AppointmentInput
    {
        public Guid? ServiceId { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [DataType(DataType.Date)]
        public DateOnly? RequestedOn { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [DataType(DataType.Date)]
        public DateOnly? OnDate { get; set; }

        [DataType(DataType.Time)]
        public TimeOnly? StartTime { get; set; }

        public Guid? SiteId { get; set; }
        public Guid? TypeId { get; set; }
        public Guid? BeneficiaryId { get; set; }
        public Guid? CaseFileId { get; set; }
        public Guid? StaffMemberId { get; set; }

        [StringLength(2000, ErrorMessage = "This field is too long.")]
        public string? Note { get; set; }
    }

    [BindProperty]
    public AppointmentInput Input { get; set; } = new();

    [BindProperty(Name = "find")]
    public string? Find { get; set; }

    public IReadOnlyList<Option> Services { get; private set; } = [];
    public IReadOnlyList<Option> Sites { get; private set; } = [];
    public IReadOnlyList<Option> Types { get; private set; } = [];
    public IReadOnlyList<Option> CaseFiles { get; private set; } = [];
    public IReadOnlyList<Option> Staff { get; private set; } = [];
    public PersonPicker Person { get; private set; } = null!;

    public async Task OnGetAsync(Guid? service, Guid? person, Guid? caseFile, CancellationToken cancellationToken)
    {
        Input.RequestedOn = clock.Today();
        Input.ServiceId = await FormOptions.DefaultServiceAsync(db, service, [ServiceKind.MedicalService], cancellationToken);
        Input.BeneficiaryId = person;
        Input.CaseFileId = caseFile;
        Input.StaffMemberId = await References.StaffOfUserAsync(db, user.Id, cancellationToken);
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
                var appointment = await AppointmentBook.BookAsync(db, new NewAppointment(Input.ServiceId, Input.RequestedOn, Input.OnDate,
                    Input.StartTime, Input.SiteId, Input.TypeId, Input.BeneficiaryId, Input.CaseFileId, Input.StaffMemberId, Input.Note),
                    clock.Today(), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return RedirectToPage("/Appointments/Details", new { org = RouteData.Values["org"], id = appointment.Id });
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
        var service = Input.ServiceId;
        Sites = (await db.Sites.Where(s => service == null || s.ServiceId == service)
                .Join(db.Services, s => s.ServiceId, v => v.Id, (s, v) => new { s.Id, s.Name, Service = v.Name })
                .OrderBy(s => s.Service).ThenBy(s => s.Name).ToListAsync(cancellationToken))
            .Select(s => new Option(s.Id, service is null ? $"{s.Service} — {s.Name}" : s.Name)).ToList();
        Types = await FormOptions.ListAsync(db, ListKind.DeliveryType, service, null, cancellationToken);
        // Open files of the service (or all of them), and the file asked for; restricted files only for those named on them.
        var chosen = Input.CaseFileId;
        CaseFiles = await db.CaseFiles.Where(c => c.Id == chosen || (c.Status == CaseFileStatus.Open && (service == null || c.ServiceId == service)))
            .OrderBy(c => c.Reference).Select(c => new Option(c.Id, c.Reference)).ToListAsync(cancellationToken);
        Staff = await FormOptions.StaffAsync(db, service, cancellationToken);
        Person = new PersonPicker($"{nameof(Input)}.{nameof(AppointmentInput.BeneficiaryId)}", localizer["Person"], Input.BeneficiaryId,
            await PersonPicker.OfferAsync(db, Input.BeneficiaryId, Find, searched, cancellationToken), Find, searched,
            localizer["No person: the appointment is for the case file below"]);
    }
}
