using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Contacts;

/// <summary>The contact log: one day by default, per service, with what came in, what went out and how many were anonymous.</summary>
public sealed class IndexModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(Guid Id, DateOnly OnDate, TimeOnly? AtTime, ContactKind Kind, ContactDirection Direction, int? DurationSeconds,
        Guid? PersonId, string? Person, string? Outcome, string Service, string? Subject, Guid? RequestId);

    [BindProperty(SupportsGet = true)]
    public Guid? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public ContactKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public ContactDirection? Direction { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Option> Services { get; private set; } = [];
    public IReadOnlyList<Option> Outcomes { get; private set; } = [];
    public ContactCounts Counts { get; private set; } = ContactCounts.None;
    public IReadOnlyList<(DateOnly Day, ContactCounts Counts)> PerDay { get; private set; } = [];
    public IReadOnlyList<Row> Contacts { get; private set; } = [];
    public int PageCount => Math.Max(1, (Counts.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = ContactLog.LocalNow(clock).Day;
        From ??= To ?? today;
        To ??= From;
        if (To < From)
        {
            (From, To) = (To, From);
        }
        Services = await FormOptions.ServicesAsync(db, cancellationToken);
        Outcomes = (await db.ListItems.Where(i => i.List == ListKind.ContactOutcome).OrderBy(i => i.Position).ThenBy(i => i.Code)
                .ToListAsync(cancellationToken))
            .Select(i => new Option(i.Id, Settings.Choices.LabelText(i))).ToList();
        var filtered = new ContactFilter(From.Value, To.Value, Service, Kind, Direction, Outcome).Apply(db.Contacts);
        (Counts, PerDay) = await ContactLog.CountAsync(filtered, cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await filtered.OrderByDescending(c => c.OnDate).ThenByDescending(c => c.AtTime).ThenByDescending(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new
            {
                Contact = c,
                Service = db.Services.Where(s => s.Id == c.ServiceId).Select(s => s.Name).First(),
                Person = db.Beneficiaries.Where(b => b.Id == c.BeneficiaryId).Select(b => b.FirstName + " " + b.LastName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var labels = await FormOptions.LabelsAsync(db, page.Select(p => p.Contact.OutcomeId), cancellationToken);
        Contacts = page.Select(p => new Row(p.Contact.Id, p.Contact.OnDate, p.Contact.AtTime, p.Contact.Kind, p.Contact.Direction,
                p.Contact.DurationSeconds, p.Contact.BeneficiaryId, p.Person,
                p.Contact.OutcomeId is { } outcome ? labels.GetValueOrDefault(outcome) : null, p.Service,
                p.Contact.Subject is { } subject ? Requests.IndexModel.Excerpt(subject, 80) : null, p.Contact.RequestId))
            .ToList();
    }

    /// <summary>The filters as a query, for the pager's links.</summary>
    public Dictionary<string, string?> Query => new()
    {
        ["service"] = Service?.ToString(),
        ["kind"] = Kind?.ToString(),
        ["direction"] = Direction?.ToString(),
        ["outcome"] = Outcome?.ToString(),
        ["from"] = From?.ToString("yyyy-MM-dd"),
        ["to"] = To?.ToString("yyyy-MM-dd"),
    };
}
