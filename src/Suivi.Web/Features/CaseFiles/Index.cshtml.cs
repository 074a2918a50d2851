using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.CaseFiles;

public sealed class IndexModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    public sealed record FileRow(Guid Id, string Reference, string Service, DateOnly OpenedOn, DateOnly? ClosedOn,
        CaseFileStatus Status, TrafficLight? Colour, bool Restricted, string Members);

    public sealed record ServiceChoice(Guid Id, string Name);

    [BindProperty(SupportsGet = true)]
    public CaseFileStatus? Status { get; set; } = CaseFileStatus.Open;

    [BindProperty(SupportsGet = true)]
    public Guid? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public TrafficLight? Colour { get; set; }

    /// <summary>"Files worked in a year": those opened in it and those carried over from earlier years.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<FileRow> Files { get; private set; } = [];
    public IReadOnlyList<ServiceChoice> Services { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public WorkedInYear? Worked { get; private set; }
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A year asked for without a status means every file worked in it, open or closed since.
        if (Year is not null && !Request.Query.ContainsKey("status"))
        {
            Status = null;
        }
        Services = await db.Services.OrderBy(s => s.Name).Select(s => new ServiceChoice(s.Id, s.Name)).ToListAsync(cancellationToken);
        var thisYear = clock.GetUtcNow().Year;
        var firstYear = await db.Episodes.MinAsync(e => (DateOnly?)e.OpenedOn, cancellationToken) is { } first ? first.Year : thisYear;
        Years = Enumerable.Range(firstYear, Math.Max(0, thisYear - firstYear) + 1).Reverse().ToList();

        var files = db.CaseFiles.AsQueryable();
        if (Service is { } service)
        {
            files = files.Where(c => c.ServiceId == service);
        }
        if (Colour is { } colour)
        {
            files = files.Where(c => c.CurrentColour == colour);
        }
        var folded = SearchText.Fold(Query);
        if (folded.Length > 0)
        {
            // A file is found by its reference or by the name of one of its members.
            files = files.Where(c => c.Reference.ToLower().Contains(folded) ||
                db.CaseFileMembers.Any(m => m.CaseFileId == c.Id &&
                    db.Beneficiaries.Any(b => b.Id == m.BeneficiaryId && b.SearchKey.Contains(folded))));
        }
        if (Year is { } year)
        {
            Worked = await WorkedInYear.CountAsync(db, files, year, cancellationToken);
            files = WorkedInYear.WorkedIn(db, files, year);
        }
        if (Status is { } status)
        {
            files = files.Where(c => c.Status == status);
        }
        Total = await files.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await files
            .OrderByDescending(c => c.OpenedOn).ThenBy(c => c.Reference)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.Services, c => c.ServiceId, s => s.Id, (c, s) => new
            {
                c.Id,
                c.Reference,
                Service = s.Name,
                c.OpenedOn,
                c.ClosedOn,
                c.Status,
                c.CurrentColour,
                c.IsRestricted,
            })
            .ToListAsync(cancellationToken);
        var ids = page.Select(p => p.Id).ToList();
        var members = await db.CaseFileMembers.Where(m => ids.Contains(m.CaseFileId))
            .Join(db.Beneficiaries, m => m.BeneficiaryId, b => b.Id, (m, b) => new { m.CaseFileId, Name = b.FirstName + " " + b.LastName })
            .ToListAsync(cancellationToken);
        Files = page.Select(p => new FileRow(p.Id, p.Reference, p.Service, p.OpenedOn, p.ClosedOn, p.Status, p.CurrentColour, p.IsRestricted,
            string.Join(", ", members.Where(m => m.CaseFileId == p.Id).Select(m => m.Name)))).ToList();
    }
}
