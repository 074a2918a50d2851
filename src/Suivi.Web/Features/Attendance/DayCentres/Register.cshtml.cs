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

namespace Suivi.Features.Attendance.DayCentres;

/// <summary>
/// The register of a day at a day centre: the regular visitors as a checklist, a search to add someone
/// else, and one save for the whole day. Without script, the search posts the form to itself and keeps
/// the ticks; nothing is saved until "Save the register".
/// </summary>
public sealed class RegisterModel(SuiviDbContext db, TimeProvider clock, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record Person(Guid Id, string Name, DateOnly? BirthDate, DateOnly? LastVisit);

    public sealed record CalendarDay(DateOnly Date, int Visits);

    /// <summary>The day of the register; today when none is asked for.</summary>
    [BindProperty(SupportsGet = true, Name = "date")]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    /// <summary>The name searched for, to add someone who is not among the regular visitors.</summary>
    [BindProperty(Name = "find")]
    public string? Find { get; set; }

    public Service Centre { get; private set; } = null!;
    public DateOnly Day { get; private set; }
    public DateOnly Today { get; private set; }
    public bool MayEdit { get; private set; }
    public bool Saved { get; private set; }
    public bool Searched { get; private set; }

    /// <summary>The people of the checklist: regular visitors, those registered that day, those added from a search.</summary>
    public IReadOnlyList<Person> People { get; private set; } = [];

    public IReadOnlySet<Guid> Ticked { get; private set; } = new HashSet<Guid>();
    public IReadOnlyList<Person> Found { get; private set; } = [];

    /// <summary>The month of the day, week by week from Monday; days of the neighbouring months are empty.</summary>
    public IReadOnlyList<IReadOnlyList<CalendarDay?>> Weeks { get; private set; } = [];

    public int MonthVisits { get; private set; }

    /// <summary>A register is kept for days that happened (today and tomorrow allowed for time zones and night shifts).</summary>
    public bool MayRegister => Day <= Today.AddDays(DeliveryRules.FutureToleranceDays);

    public async Task<IActionResult> OnGetAsync(Guid id, bool saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Saved = saved;
        var registered = await RegisteredAsync(id, cancellationToken);
        await ListAsync(id, registered, registered, cancellationToken);
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
        await RedisplayAsync(id, cancellationToken);
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
        if (ModelState.IsValid)
        {
            try
            {
                await DayRegister.ApplyAsync(db, id, Day, Input.Present, Input.Listed, Today, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return RedirectToPage(new { org = RouteData.Values["org"], id, date = Periods.DayKey(Day), saved = true });
            }
            catch (DomainRuleException rule)
            {
                ModelState.AddModelError("", localizer[rule.Message]);
            }
            catch (DbUpdateException)
            {
                // The unique index on (centre, day, person): a colleague saved the same register meanwhile.
                ModelState.AddModelError("", localizer["Someone else saved this register meanwhile. Nothing was saved: look at the register again, then save it."]);
            }
            db.ChangeTracker.Clear();
        }
        await RedisplayAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await DayRegister.FindCentreAsync(db, id, cancellationToken) is not { } centre)
        {
            return false;
        }
        Centre = centre;
        Today = clock.Today();
        Day = Date ?? Today;
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        var (from, to) = Periods.MonthOf(Day);
        var perDay = await db.DayCentreVisits.Where(v => v.ServiceId == id).Between(from, to)
            .GroupBy(v => v.OnDate).Select(g => new { g.Key, Visits = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Visits, cancellationToken);
        MonthVisits = perDay.Values.Sum();
        var lead = ((int)from.DayOfWeek + 6) % 7;
        var cells = Enumerable.Repeat<CalendarDay?>(null, lead)
            .Concat(Enumerable.Range(0, to.Day).Select(d => from.AddDays(d)).Select(d => new CalendarDay(d, perDay.GetValueOrDefault(d))))
            .ToList();
        Weeks = cells.Chunk(7).Select(week => (IReadOnlyList<CalendarDay?>)[.. week, .. Enumerable.Repeat<CalendarDay?>(null, 7 - week.Length)]).ToList();
        return true;
    }

    private async Task<HashSet<Guid>> RegisteredAsync(Guid id, CancellationToken cancellationToken) =>
        (await db.DayCentreVisits.Where(v => v.ServiceId == id && v.OnDate == Day).Select(v => v.BeneficiaryId).ToListAsync(cancellationToken))
        .ToHashSet();

    /// <summary>After a search or a refused save: the ticks and rows as the person left them.</summary>
    private async Task RedisplayAsync(Guid id, CancellationToken cancellationToken)
    {
        var registered = await RegisteredAsync(id, cancellationToken);
        var kept = registered.Concat(Input.Listed).Concat(Input.Present).ToHashSet();
        await ListAsync(id, kept, Input.Present.ToHashSet(), cancellationToken);
    }

    private async Task ListAsync(Guid id, HashSet<Guid> alsoListed, HashSet<Guid> ticked, CancellationToken cancellationToken)
    {
        var regulars = await DayRegister.RegularsAsync(db, id, Day, cancellationToken);
        var listed = regulars.Keys.Concat(alsoListed).Distinct().ToList();
        People = await db.Beneficiaries.Where(b => listed.Contains(b.Id)).InListOrder()
            .Select(b => new Person(b.Id, b.FirstName + " " + b.LastName, b.BirthDate, null))
            .ToListAsync(cancellationToken);
        People = People.Select(p => p with { LastVisit = regulars.TryGetValue(p.Id, out var last) ? last : null }).ToList();
        Ticked = ticked;
        if (Searched && SearchText.Fold(Find).Length > 0)
        {
            Found = await db.Beneficiaries.Matching(Find).Where(b => !listed.Contains(b.Id)).InListOrder().Take(20)
                .Select(b => new Person(b.Id, b.FirstName + " " + b.LastName, b.BirthDate, null))
                .ToListAsync(cancellationToken);
        }
    }
}

/// <summary>The register as posted: who is ticked, and who was on the list (so that someone not shown is never marked absent).</summary>
public sealed class RegisterInput
{
    public List<Guid> Present { get; set; } = [];

    public List<Guid> Listed { get; set; } = [];
}
