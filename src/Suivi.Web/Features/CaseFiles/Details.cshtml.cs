using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.CaseFiles;

public sealed class DetailsModel(SuiviDbContext db, AuditLog audit) : PageModel
{
    public sealed record MemberRow(Guid Id, string Name, DateOnly? BirthDate, CaseMemberRole Role);
    public sealed record WorkerRow(string Name, Profession Profession);

    public CaseFile CaseFile { get; private set; } = null!;
    public string ServiceName { get; private set; } = "";
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public IReadOnlyList<WorkerRow> Workers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await db.CaseFiles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (file is null)
        {
            return NotFound();
        }
        CaseFile = file;
        ServiceName = await db.Services.Where(s => s.Id == file.ServiceId).Select(s => s.Name).SingleAsync(cancellationToken);
        Members = await db.CaseFileMembers.Where(m => m.CaseFileId == id)
            .Join(db.Beneficiaries, m => m.BeneficiaryId, b => b.Id, (m, b) => new MemberRow(b.Id, b.FirstName + " " + b.LastName, b.BirthDate, m.Role))
            .ToListAsync(cancellationToken);
        Workers = await db.CaseFileWorkers.Where(w => w.CaseFileId == id)
            .Join(db.Staff, w => w.StaffMemberId, s => s.Id, (w, s) => new WorkerRow(s.FirstName + " " + s.LastName, s.Profession))
            .ToListAsync(cancellationToken);
        await audit.RecordViewAsync(nameof(CaseFile), id, cancellationToken);
        return Page();
    }
}
