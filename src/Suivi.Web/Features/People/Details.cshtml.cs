using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.People;

public sealed class DetailsModel(SuiviDbContext db, AuditLog audit, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record Relative(Guid Id, string Name, string Relation, Guid LinkId);
    public sealed record FileRow(Guid Id, string Reference, string Service, CaseMemberRole Role, CaseFileStatus Status, DateOnly OpenedOn);
    public sealed record Candidate(Guid Id, string Name, DateOnly? BirthDate);

    public Beneficiary Person { get; private set; } = null!;
    public IReadOnlyList<Relative> Relatives { get; private set; } = [];
    public IReadOnlyList<FileRow> Files { get; private set; } = [];
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public bool MayEdit { get; private set; }

    [BindProperty(SupportsGet = true, Name = "relative")]
    public string? RelativeQuery { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        await audit.RecordViewAsync(nameof(Beneficiary), id, cancellationToken);
        return Page();
    }

    /// <summary>Links this person to another one; <paramref name="relation"/> reads from this person's side.</summary>
    public async Task<IActionResult> OnPostLinkAsync(Guid id, Guid otherId, string relation, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        if (!await db.Beneficiaries.AnyAsync(b => b.Id == otherId, cancellationToken))
        {
            return NotFound();
        }
        FamilyLink? link = relation switch
        {
            "parent" => new FamilyLink(id, otherId, FamilyRelation.ParentOf),
            "child" => new FamilyLink(otherId, id, FamilyRelation.ParentOf),
            "caregiver" => new FamilyLink(id, otherId, FamilyRelation.CaregiverOf),
            "cared-for" => new FamilyLink(otherId, id, FamilyRelation.CaregiverOf),
            "partner" => new FamilyLink(id, otherId, FamilyRelation.PartnerOf),
            _ => null,
        };
        if (link is null || id == otherId)
        {
            ModelState.AddModelError("", localizer["Choose how the two persons are related."]);
            return Page();
        }
        var exists = await db.FamilyLinks.AnyAsync(l =>
            (l.FromBeneficiaryId == link.FromBeneficiaryId && l.ToBeneficiaryId == link.ToBeneficiaryId) ||
            (l.FromBeneficiaryId == link.ToBeneficiaryId && l.ToBeneficiaryId == link.FromBeneficiaryId), cancellationToken);
        if (exists)
        {
            ModelState.AddModelError("", localizer["These two persons are already linked."]);
            return Page();
        }
        db.FamilyLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { org = RouteData.Values["org"], id });
    }

    public async Task<IActionResult> OnPostUnlinkAsync(Guid id, Guid linkId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        var link = await db.FamilyLinks.SingleOrDefaultAsync(l => l.Id == linkId && (l.FromBeneficiaryId == id || l.ToBeneficiaryId == id), cancellationToken);
        if (link is null)
        {
            return NotFound();
        }
        db.FamilyLinks.Remove(link);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { org = RouteData.Values["org"], id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await db.Beneficiaries.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (person is null)
        {
            return false;
        }
        Person = person;
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;

        var outgoing = await db.FamilyLinks.Where(l => l.FromBeneficiaryId == id)
            .Join(db.Beneficiaries, l => l.ToBeneficiaryId, b => b.Id, (l, b) => new { l.Id, l.Relation, Other = b.Id, b.FirstName, b.LastName })
            .ToListAsync(cancellationToken);
        var incoming = await db.FamilyLinks.Where(l => l.ToBeneficiaryId == id)
            .Join(db.Beneficiaries, l => l.FromBeneficiaryId, b => b.Id, (l, b) => new { l.Id, l.Relation, Other = b.Id, b.FirstName, b.LastName })
            .ToListAsync(cancellationToken);
        Relatives = outgoing.Select(l => new Relative(l.Other, $"{l.FirstName} {l.LastName}", RelationLabel(l.Relation, fromThisPerson: true), l.Id))
            .Concat(incoming.Select(l => new Relative(l.Other, $"{l.FirstName} {l.LastName}", RelationLabel(l.Relation, fromThisPerson: false), l.Id)))
            .OrderBy(r => r.Name)
            .ToList();

        Files = await db.CaseFileMembers.Where(m => m.BeneficiaryId == id)
            .Join(db.CaseFiles, m => m.CaseFileId, c => c.Id, (m, c) => new { m.Role, File = c })
            .Join(db.Services, x => x.File.ServiceId, s => s.Id, (x, s) => new { x.Role, x.File, Service = s.Name })
            .OrderByDescending(x => x.File.OpenedOn)
            .Select(x => new FileRow(x.File.Id, x.File.Reference, x.Service, x.Role, x.File.Status, x.File.OpenedOn))
            .ToListAsync(cancellationToken);

        var folded = SearchText.Fold(RelativeQuery);
        if (MayEdit && folded.Length > 0)
        {
            Candidates = await db.Beneficiaries
                .Where(b => b.Id != id && b.SearchKey.Contains(folded))
                .OrderBy(b => b.LastName).ThenBy(b => b.FirstName)
                .Take(10)
                .Select(b => new Candidate(b.Id, b.FirstName + " " + b.LastName, b.BirthDate))
                .ToListAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>Each link is stored once; the page reads it from this person's side ("parent of" seen from the child is "child of").</summary>
    private string RelationLabel(FamilyRelation relation, bool fromThisPerson) => (relation, fromThisPerson) switch
    {
        (FamilyRelation.ParentOf, true) => localizer["Parent of"],
        (FamilyRelation.ParentOf, false) => localizer["Child of"],
        (FamilyRelation.CaregiverOf, true) => localizer["Caregiver of"],
        (FamilyRelation.CaregiverOf, false) => localizer["Cared for by"],
        _ => localizer["Partner of"],
    };
}
