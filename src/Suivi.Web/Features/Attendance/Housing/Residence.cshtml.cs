using System.ComponentModel.DataAnnotations;
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

/// <summary>
/// A residence: its residents today, the history of its stays, the occupancy per day of a month, and a
/// new stay. Without script, the search for the resident posts the form to itself and keeps the dates.
/// </summary>
public sealed class ResidenceModel(SuiviDbContext db, TimeProvider clock, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record Candidate(Guid Id, string Name, DateOnly? BirthDate);

    public sealed record DayCount(DateOnly Day, int Residents);

    /// <summary>The month of the occupancy table ("2024-03"); this month when none is asked for.</summary>
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? Month { get; set; }

    [BindProperty]
    public StayInput Input { get; set; } = new();

    [BindProperty(Name = "find")]
    public string? Find { get; set; }

    public Service Residence { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public DateOnly MonthStart { get; private set; }
    public IReadOnlyList<Stays.Row> Residents { get; private set; } = [];
    public IReadOnlyList<Stays.Row> History { get; private set; } = [];
    public IReadOnlyList<DayCount> Days { get; private set; } = [];
    public decimal MonthAverage { get; private set; }
    public bool MayEdit { get; private set; }
    public bool Searched { get; private set; }
    public bool FormOpen { get; private set; }

    /// <summary>The person chosen for the new stay (kept across searches), then those the search found.</summary>
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input.From = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostSearchAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        ModelState.Clear();
        Searched = true;
        FormOpen = true;
        await CandidatesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        FormOpen = true;
        if (ModelState.IsValid)
        {
            try
            {
                await Stays.StartAsync(db, id, Input.PersonId, Input.From, Input.To, Today, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return RedirectToPage(new { org = RouteData.Values["org"], id, month = Month });
            }
            catch (DomainRuleException rule)
            {
                FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            }
        }
        await CandidatesAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await Stays.FindResidenceAsync(db, id, cancellationToken) is not { } residence)
        {
            return false;
        }
        Residence = residence;
        Today = clock.Today();
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        var (from, to) = Periods.MonthOf(Periods.ParseMonth(Month) ?? Today);
        MonthStart = from;
        var stays = db.HousingStays.Where(s => s.ServiceId == id);
        Residents = await Stays.Rows(db, stays.On(Today)).OrderBy(r => r.LastName).ThenBy(r => r.FirstName).ToListAsync(cancellationToken);
        History = await Stays.Rows(db, stays).OrderByDescending(r => r.From).ThenBy(r => r.LastName).ToListAsync(cancellationToken);
        var inMonth = History.Where(r => r.From <= to && (r.To is null || r.To >= from)).Select(r => new Occupancy.Stay(r.From, r.To)).ToList();
        Days = Occupancy.PerDay(inMonth, from, to).Select((residents, day) => new DayCount(from.AddDays(day), residents)).ToList();
        MonthAverage = Occupancy.AverageDaily(inMonth, from, to);
        return true;
    }

    private async Task CandidatesAsync(CancellationToken cancellationToken)
    {
        var chosen = Input.PersonId;
        var candidates = await db.Beneficiaries.Where(b => b.Id == chosen)
            .Select(b => new Candidate(b.Id, b.FirstName + " " + b.LastName, b.BirthDate)).ToListAsync(cancellationToken);
        if (Searched && SearchText.Fold(Find).Length > 0)
        {
            candidates.AddRange(await db.Beneficiaries.Matching(Find).Where(b => b.Id != chosen).InListOrder().Take(20)
                .Select(b => new Candidate(b.Id, b.FirstName + " " + b.LastName, b.BirthDate)).ToListAsync(cancellationToken));
        }
        Candidates = candidates;
    }
}

/// <summary>A new stay: who, from when, and until when if it is known.</summary>
public sealed class StayInput
{
    [Required(ErrorMessage = "Choose the resident.")]
    public Guid? PersonId { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Date)]
    public DateOnly? From { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? To { get; set; }
}
