using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>
/// Restricts a file to named members of the organisation (coordinators and administrators decide). Everybody else —
/// coordinators included — then sees no trace of it. The person restricting is always named, so nobody locks themselves out.
/// </summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class RestrictModel(SuiviDbContext db, CurrentOrganisation organisation, CurrentUser user,
    IStringLocalizer<SharedResource> localizer) : CaseFileActionModel(db, localizer)
{
    public sealed record Person(Guid Id, string Name, OrganisationRole Role);

    public sealed class RestrictionInput
    {
        public long Version { get; set; }
        public List<Guid> UserIds { get; set; } = [];
    }

    [BindProperty]
    public RestrictionInput Input { get; set; } = new();

    public IReadOnlyList<Person> People { get; private set; } = [];
    public Guid? Me => user.Id;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!CaseFileWork.MayRestrict(organisation))
        {
            return Forbid();
        }
        Input.Version = CaseFile.Version;
        var workers = CaseFile.Workers.Select(w => w.StaffMemberId).ToList();
        Input.UserIds = CaseFile.IsRestricted
            ? CaseFile.Access.Select(a => a.UserId).ToList()
            // A first restriction proposes the people of the workers assigned to the file.
            : await Db.Staff.Where(s => workers.Contains(s.Id) && s.UserId != null)
                .Select(s => s.UserId!.Value).ToListAsync(cancellationToken);
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!CaseFileWork.MayRestrict(organisation))
        {
            return Forbid();
        }
        return await SaveAsync(Input.Version,
            () => CaseFileWork.RestrictAsync(Db, organisation, CaseFile, Input.UserIds, user.Id, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!CaseFileWork.MayRestrict(organisation))
        {
            return Forbid();
        }
        return await SaveAsync(Input.Version, () =>
        {
            CaseFile.LiftRestriction();
            return Task.CompletedTask;
        }, cancellationToken);
    }

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var nameable = CaseFileWork.NameableUsers(Db, organisation);
        var people = await Db.Memberships.Where(m => m.OrganisationId == organisation.Id && nameable.Contains(m.UserId))
            .Join(Db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, m.Role })
            .ToListAsync(cancellationToken);
        People = people.Select(p => new Person(p.Id, p.DisplayName, p.Role)).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
    }
}
