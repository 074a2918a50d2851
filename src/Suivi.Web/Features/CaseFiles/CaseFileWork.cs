using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>
/// What the case-file pages and the API do alike: load a file with everything its rules read, turn chosen
/// ids into a checked qualification, open a file under its next reference, assess it (telling the
/// coordinators when it is red), and save every change against the file's version.
/// </summary>
public static class CaseFileWork
{
    /// <summary>The file with every collection its transitions read, tracked for a change.</summary>
    public static Task<CaseFile?> ForChangeAsync(this IQueryable<CaseFile> files, Guid id, CancellationToken ct) =>
        files.Include(c => c.Members).Include(c => c.Workers).Include(c => c.Episodes)
            .Include(c => c.Qualifications).ThenInclude(q => q.Secondary)
            .Include(c => c.Flags).Include(c => c.Access).Include(c => c.Assessments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>
    /// Saves the change against <paramref name="version"/> (the one the form or the client read; the loaded one
    /// when null). Adding a qualification or an assessment does not change the file's own row, so its version is
    /// bumped anyway: two people acting on one file at once never both succeed.
    /// </summary>
    public static void SaveAgainst(this SuiviDbContext db, CaseFile file, long? version)
    {
        var property = db.Entry(file).Property(f => f.Version);
        if (version is { } read)
        {
            property.OriginalValue = read;
        }
        property.IsModified = true;
    }

    /// <summary>The categories chosen in a scheme, checked by the scheme; null when no primary category was chosen.</summary>
    public static async Task<QualificationChoice?> ChoiceAsync(SuiviDbContext db, Guid? schemeId, Guid? primaryCategoryId,
        IReadOnlyCollection<Guid>? secondaryCategoryIds, CancellationToken ct)
    {
        if (primaryCategoryId is not { } primary || primary == Guid.Empty)
        {
            return null;
        }
        var scheme = schemeId is { } id
            ? await db.TypologySchemes.Include(s => s.Categories).SingleOrDefaultAsync(s => s.Id == id, ct)
            : null;
        if (scheme is null)
        {
            throw new DomainRuleException("Choose a typology.", "SchemeId");
        }
        return new QualificationChoice(scheme, primary, secondaryCategoryIds);
    }

    /// <summary>The opening qualification of the current episode; the primary category is required.</summary>
    public static Qualification QualifyAtOpening(CaseFile file, QualificationChoice? choice, Guid? userId) =>
        file.QualifyAtOpening(choice ?? throw new DomainRuleException("Choose the main category.", "PrimaryCategoryId"), userId);

    /// <summary>
    /// A requalification stays in the scheme of the opening qualification, so that opening and closing
    /// distributions compare like with like.
    /// </summary>
    public static Qualification Requalify(CaseFile file, QualificationChoice? choice, DateOnly on, Guid? userId, string? why)
    {
        if (choice is null)
        {
            throw new DomainRuleException("Choose the main category.", "PrimaryCategoryId");
        }
        return file.Requalify(choice, on, userId, why);
    }

    /// <summary>
    /// Opens a file in <paramref name="service"/> under the next free reference (<see cref="Requests.CaseFileReferences"/>);
    /// when a colleague took that number meanwhile, the next one is tried. Any other failure is the caller's to see.
    /// </summary>
    public static async Task<CaseFile> OpenAsync(SuiviDbContext db, Service service, DateOnly openedOn, Action<CaseFile> complete,
        CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var reference = await Requests.CaseFileReferences.NextAsync(db, service, openedOn.Year, attempt, ct);
            var file = new CaseFile(service.Id, reference, openedOn);
            complete(file);
            db.CaseFiles.Add(file);
            try
            {
                await db.SaveChangesAsync(ct);
                return file;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                if (!await Requests.CaseFileReferences.IsTakenAsync(db, reference, ct))
                {
                    throw;
                }
                foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
                {
                    added.State = EntityState.Detached;
                }
            }
        }
    }

    /// <summary>Records the assessment; a red one notifies the coordinators of the file's service in the same save.</summary>
    public static async Task<Assessment> AssessAsync(SuiviDbContext db, CurrentOrganisation organisation, CaseFile file,
        TrafficLight colour, DateOnly on, Guid? userId, string authorName, string? rationale, DateTime now, CancellationToken ct)
    {
        var assessment = file.Assess(colour, on, userId, authorName, rationale ?? "");
        if (colour == TrafficLight.Red)
        {
            foreach (var coordinator in await CoordinatorsOfAsync(db, organisation, file, ct))
            {
                db.Notifications.Add(new Notification(coordinator, NotificationKind.RedAssessment, file.Id, file.Reference, now));
            }
        }
        return assessment;
    }

    /// <summary>
    /// The coordinators whose staff record belongs to the file's service; when none is linked to it, every coordinator
    /// of the organisation, so that a red situation never goes unnoticed. On a restricted file, only those named on it.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> CoordinatorsOfAsync(SuiviDbContext db, CurrentOrganisation organisation, CaseFile file,
        CancellationToken ct)
    {
        // Memberships are not organisation-owned records (they say who belongs where), so they are scoped here.
        var coordinators = await db.Memberships
            .Where(m => m.OrganisationId == organisation.Id && m.Role == OrganisationRole.Coordinator)
            .Select(m => m.UserId)
            .ToListAsync(ct);
        if (file.IsRestricted)
        {
            coordinators = coordinators.Where(c => file.Access.Any(a => a.UserId == c)).ToList();
        }
        var ofService = await db.Staff
            .Where(s => s.ServiceId == file.ServiceId && s.UserId != null && coordinators.Contains(s.UserId.Value))
            .Select(s => s.UserId!.Value)
            .ToListAsync(ct);
        return (ofService.Count > 0 ? ofService : coordinators).Distinct().ToList();
    }

    /// <summary>Whether the person is one of the workers assigned to the file (through their staff record).</summary>
    public static Task<bool> IsAssignedAsync(SuiviDbContext db, Guid caseFileId, Guid? userId, CancellationToken ct) =>
        userId is { } user
            ? db.CaseFileWorkers.Where(w => w.CaseFileId == caseFileId)
                .Join(db.Staff, w => w.StaffMemberId, s => s.Id, (w, s) => s.UserId)
                .AnyAsync(u => u == user, ct)
            : Task.FromResult(false);

    /// <summary>The notes of the file the person may read: team notes, and restricted ones when assigned or their author.</summary>
    public static IQueryable<CaseNote> NotesReadableBy(SuiviDbContext db, Guid caseFileId, Guid? userId, bool assigned) =>
        db.CaseNotes.Where(n => n.CaseFileId == caseFileId &&
            (n.Visibility == NoteVisibility.Team || assigned || (userId != null && n.AuthorId == userId)));

    /// <summary>The members of the organisation who may be named on a restricted file: everyone who sees names.</summary>
    public static IQueryable<Guid> NameableUsers(SuiviDbContext db, CurrentOrganisation organisation) =>
        db.Memberships.Where(m => m.OrganisationId == organisation.Id && m.Role != OrganisationRole.Statistician).Select(m => m.UserId);

    /// <summary>Only coordinators and organisation administrators restrict a file or lift a restriction.</summary>
    public static bool MayRestrict(CurrentOrganisation organisation) =>
        organisation.Has(OrganisationRole.Coordinator, OrganisationRole.OrganisationAdministrator);

    /// <summary>
    /// Restricts the file to the chosen members of the organisation, always with the person restricting it, so that
    /// nobody locks themselves out.
    /// </summary>
    public static async Task RestrictAsync(SuiviDbContext db, CurrentOrganisation organisation, CaseFile file, IEnumerable<Guid> userIds,
        Guid? restrictingUserId, CancellationToken ct)
    {
        var chosen = userIds.Distinct().ToList();
        var members = await NameableUsers(db, organisation).Where(u => chosen.Contains(u)).ToListAsync(ct);
        if (members.Count != chosen.Count)
        {
            throw new DomainRuleException("Choose members of the organisation.", "UserIds");
        }
        if (chosen.Count == 0)
        {
            throw new DomainRuleException("Name at least one person who may see the file.", "UserIds");
        }
        if (restrictingUserId is { } me && !chosen.Contains(me))
        {
            chosen.Add(me);
        }
        file.RestrictTo(chosen);
    }

    /// <summary>The name written on notes and assessments: the person's display name.</summary>
    public static string AuthorName(ClaimsPrincipal user) =>
        user.FindFirstValue("suivi:display-name") is { Length: > 0 } name ? name : user.Identity?.Name ?? "";
}
