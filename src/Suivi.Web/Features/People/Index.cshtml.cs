using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.People;

public sealed class IndexModel(SuiviDbContext db) : PageModel
{
    public const int PageSize = 25;

    public sealed record PersonRow(Guid Id, string FirstName, string LastName, DateOnly? BirthDate, Region? Region, int OpenFiles);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PersonRow> People { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var people = db.Beneficiaries.Matching(Query);
        Total = await people.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        People = await people.InListOrder()
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(b => new PersonRow(b.Id, b.FirstName, b.LastName, b.BirthDate, b.Region,
                db.CaseFileMembers.Count(m => m.BeneficiaryId == b.Id &&
                    db.CaseFiles.Any(c => c.Id == m.CaseFileId && c.Status == CaseFileStatus.Open))))
            .ToListAsync(cancellationToken);
    }
}
