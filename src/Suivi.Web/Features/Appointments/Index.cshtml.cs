using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Contacts;

namespace Suivi.Features.Appointments;

/// <summary>
/// The agenda: a day, a week or a month of appointments per service and site, with what became of them.
/// Appointments of a case file restricted to others are not there at all (the data layer leaves them out).
/// </summary>
public sealed class IndexModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, DateOnly OnDate, TimeOnly? StartTime, AppointmentStatus Status, AppointmentParty? ChangedBy,
        Guid? PersonId, string? Person, Guid? CaseFileId, string? CaseFile, string? Type, string? Site, string? Staff, string Service);

    public sealed record SiteOption(Guid Id, Guid ServiceId, string Label);

    /// <summary>day, week or month.</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Site { get; set; }

    [BindProperty(SupportsGet = true)]
    public AppointmentStatus? Status { get; set; }

    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public DateOnly Previous { get; private set; }
    public DateOnly Next { get; private set; }
    public IReadOnlyList<Option> Services { get; private set; } = [];
    public IReadOnlyList<SiteOption> Sites { get; private set; } = [];
    public AppointmentCounts Counts { get; private set; } = AppointmentCounts.None;
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>More than an agenda shows on a page: the period is then shown in part, as the message says.</summary>
    public const int MostShown = 500;

    public int Shown { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        View = View?.ToLowerInvariant() is "day" or "month" ? View.ToLowerInvariant() : "week";
        On ??= clock.Today();
        (From, To, Previous, Next) = AppointmentBook.Period(View, On.Value);
        Services = await FormOptions.ServicesAsync(db, cancellationToken);
        Sites = await db.Sites.Join(db.Services, s => s.ServiceId, v => v.Id, (s, v) => new { Site = s, Service = v.Name })
            .OrderBy(x => x.Service).ThenBy(x => x.Site.Name)
            .Select(x => new SiteOption(x.Site.Id, x.Site.ServiceId, x.Service + " — " + x.Site.Name)).ToListAsync(cancellationToken);
        var period = db.Appointments.Between(From, To, Service, Site);
        Counts = await AppointmentBook.CountAsync(period, cancellationToken);
        var shown = Status is { } status ? period.Where(a => a.Status == status) : period;
        Shown = await shown.CountAsync(cancellationToken);
        var page = await shown.OrderBy(a => a.OnDate).ThenBy(a => a.StartTime).ThenBy(a => a.Id).Take(MostShown)
            .Select(a => new
            {
                Appointment = a,
                Person = db.Beneficiaries.Where(b => b.Id == a.BeneficiaryId).Select(b => b.FirstName + " " + b.LastName).FirstOrDefault(),
                CaseFile = db.CaseFiles.Where(c => c.Id == a.CaseFileId).Select(c => c.Reference).FirstOrDefault(),
                Site = db.Sites.Where(s => s.Id == a.SiteId).Select(s => s.Name).FirstOrDefault(),
                Staff = db.Staff.Where(s => s.Id == a.StaffMemberId).Select(s => s.FirstName + " " + s.LastName).FirstOrDefault(),
                Service = db.Services.Where(s => s.Id == a.ServiceId).Select(s => s.Name).First(),
            })
            .ToListAsync(cancellationToken);
        var types = await FormOptions.LabelsAsync(db, page.Select(p => p.Appointment.TypeId), cancellationToken);
        Rows = page.Select(p => new Row(p.Appointment.Id, p.Appointment.OnDate, p.Appointment.StartTime, p.Appointment.Status,
                p.Appointment.ChangedBy, p.Appointment.BeneficiaryId, p.Person, p.Appointment.CaseFileId, p.CaseFile,
                p.Appointment.TypeId is { } type ? types.GetValueOrDefault(type) : null, p.Site, p.Staff, p.Service))
            .ToList();
    }

    /// <summary>The query of the agenda with another day or view, for the navigation links.</summary>
    public string Link(DateOnly on, string? view = null) =>
        "?" + string.Join("&", new Dictionary<string, string?>
        {
            ["view"] = view ?? View,
            ["on"] = on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["service"] = Service?.ToString(),
            ["site"] = Site?.ToString(),
            ["status"] = Status?.ToString(),
        }
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
}
