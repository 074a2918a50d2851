using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Settings;

namespace Suivi.Features.Deliveries;

/// <summary>
/// Deliveries, the latest first, filtered by service, worker, dates and type (or of one case file or person), with the
/// exact total of their hours shown rounded to two decimals.
/// </summary>
public sealed class IndexModel(SuiviDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Choice(Guid Id, string Label);

    [BindProperty(SupportsGet = true)]
    public Guid? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Worker { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CaseFile { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Person { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Choice> Services { get; private set; } = [];
    public IReadOnlyList<Choice> Workers { get; private set; } = [];
    public IReadOnlyList<Choice> Types { get; private set; } = [];
    public IReadOnlyList<DeliveryList.Row> Deliveries { get; private set; } = [];
    public DeliveryList.Names Names { get; private set; } = null!;

    /// <summary>The case file or person the list is limited to, as the page names them.</summary>
    public string? Of { get; private set; }

    public int Total { get; private set; }
    public long TotalSeconds { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Services = await db.Services.OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
        Workers = (await db.Staff.Select(s => new { s.Id, s.FirstName, s.LastName }).ToListAsync(cancellationToken))
            .OrderBy(s => s.LastName, StringComparer.CurrentCulture).ThenBy(s => s.FirstName, StringComparer.CurrentCulture)
            .Select(s => new Choice(s.Id, $"{s.FirstName} {s.LastName}")).ToList();
        // Retired types stay in the filter: old deliveries still have them.
        Types = (await db.ListItems.Where(i => i.List == ListKind.DeliveryType).OrderBy(i => i.Position).ThenBy(i => i.Code)
                .ToListAsync(cancellationToken))
            .Select(i => new Choice(i.Id, i.LabelText())).ToList();
        if (CaseFile is { } file)
        {
            Of = await db.CaseFiles.Where(c => c.Id == file).Select(c => c.Reference).SingleOrDefaultAsync(cancellationToken);
        }
        else if (Person is { } person)
        {
            Of = await db.Beneficiaries.Where(b => b.Id == person).Select(b => b.FirstName + " " + b.LastName).SingleOrDefaultAsync(cancellationToken);
        }

        var query = db.Deliveries.Matching(db, new DeliveryList.Filter(Service, Worker, From, To, Type, CaseFile, Person));
        Total = await query.CountAsync(cancellationToken);
        TotalSeconds = await query.TotalSecondsAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Deliveries = await query.NewestFirst().Skip((PageNumber - 1) * PageSize).Take(PageSize).RowsAsync(cancellationToken);
        Names = await DeliveryList.Names.LoadAsync(db, Deliveries, cancellationToken);
    }

    public Pager Pager() => new(PageNumber, PageCount, new Dictionary<string, string?>
    {
        ["service"] = Service?.ToString(),
        ["worker"] = Worker?.ToString(),
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["type"] = Type?.ToString(),
        ["caseFile"] = CaseFile?.ToString(),
        ["person"] = Person?.ToString(),
    });
}
