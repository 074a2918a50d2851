using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Features.Settings;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>
/// The case file from opening to closing: members, workers, flags, episodes with their qualifications, assessments
/// and notes. Members, workers and flags are changed here; the lifecycle steps have their own pages.
/// </summary>
public sealed class DetailsModel(SuiviDbContext db, AuditLog audit, IAuthorizationService authorization, CurrentOrganisation organisation,
    CurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record MemberRow(Guid Id, string Name, DateOnly? BirthDate, CaseMemberRole Role);
    public sealed record WorkerRow(Guid Id, string Name, Profession Profession);
    public sealed record Option(Guid Id, string Label);
    public sealed record FlagOption(Guid Id, string Label, FlagValue Value);
    public sealed record FlagRow(Guid FlagId, string Label, string? Value);
    public sealed record EpisodeRow(int Number, DateOnly OpenedOn, DateOnly? ClosedOn, string? ClosureReason);
    public sealed record CategoryText(string Code, string Label, bool Retired);
    public sealed record QualificationRow(int EpisodeNumber, QualificationStage Stage, string Scheme, int Edition, CategoryText Primary,
        IReadOnlyList<CategoryText> Secondary, DateOnly On, string? By, string? Why);
    public sealed record AssessmentRow(TrafficLight Colour, DateOnly On, string? Author, string Rationale);
    public sealed record NoteRow(string Text, NoteVisibility Visibility, string Author, DateTime WrittenAt);
    public sealed record Candidate(Guid Id, string Name, DateOnly? BirthDate);

    /// <summary>The flag form, so that a refused flag shows its message next to the field.</summary>
    public sealed class FlagInput
    {
        public Guid? FlagId { get; set; }
        public decimal? Number { get; set; }
        public Guid? AuthorityId { get; set; }
    }

    public CaseFile CaseFile { get; private set; } = null!;
    public string ServiceName { get; private set; } = "";
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public IReadOnlyList<WorkerRow> Workers { get; private set; } = [];
    public IReadOnlyList<Option> StaffToAssign { get; private set; } = [];
    public IReadOnlyList<FlagRow> Flags { get; private set; } = [];
    public IReadOnlyList<FlagOption> FlagChoices { get; private set; } = [];
    public IReadOnlyList<Option> Authorities { get; private set; } = [];
    public IReadOnlyList<EpisodeRow> Episodes { get; private set; } = [];
    public IReadOnlyList<QualificationRow> Qualifications { get; private set; } = [];
    public IReadOnlyList<AssessmentRow> Assessments { get; private set; } = [];
    public IReadOnlyList<NoteRow> Notes { get; private set; } = [];
    public IReadOnlyList<string> RestrictedTo { get; private set; } = [];
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public bool MayEdit { get; private set; }
    public bool MayRestrict { get; private set; }

    [BindProperty(SupportsGet = true, Name = "person")]
    public string? PersonQuery { get; set; }

    [BindProperty]
    public FlagInput Flag { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        await audit.RecordViewAsync(nameof(CaseFile), id, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAddMemberAsync(Guid id, Guid beneficiaryId, CaseMemberRole role, CancellationToken cancellationToken) =>
        ChangeAsync(id, "Member", async file =>
        {
            if (!await db.Beneficiaries.AnyAsync(b => b.Id == beneficiaryId, cancellationToken))
            {
                return false;
            }
            file.AddMember(beneficiaryId, role);
            return true;
        }, cancellationToken);

    public Task<IActionResult> OnPostRemoveMemberAsync(Guid id, Guid beneficiaryId, CancellationToken cancellationToken) =>
        ChangeAsync(id, "Member", file =>
        {
            if (file.Members.All(m => m.BeneficiaryId != beneficiaryId))
            {
                return Task.FromResult(false);
            }
            file.RemoveMember(beneficiaryId);
            return Task.FromResult(true);
        }, cancellationToken);

    public Task<IActionResult> OnPostAssignAsync(Guid id, Guid staffMemberId, CancellationToken cancellationToken) =>
        ChangeAsync(id, "Worker", async file =>
        {
            if (!await db.Staff.AnyAsync(s => s.Id == staffMemberId, cancellationToken))
            {
                return false;
            }
            file.AssignWorker(staffMemberId);
            return true;
        }, cancellationToken);

    public Task<IActionResult> OnPostUnassignAsync(Guid id, Guid staffMemberId, CancellationToken cancellationToken) =>
        ChangeAsync(id, "Worker", file =>
        {
            file.UnassignWorker(staffMemberId);
            return Task.FromResult(true);
        }, cancellationToken);

    public Task<IActionResult> OnPostSetFlagAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, nameof(Flag), async file =>
        {
            var flag = Flag.FlagId is { } flagId
                ? await db.ListItems.SingleOrDefaultAsync(i => i.Id == flagId && i.List == ListKind.Flag && i.RetiredOn == null, cancellationToken)
                : null;
            if (flag is null)
            {
                throw new DomainRuleException("Choose a flag.", nameof(FlagInput.FlagId));
            }
            if (flag.FlagValue == FlagValue.JusticeAuthority && Flag.AuthorityId is { } authorityId &&
                !await db.ListItems.AnyAsync(i => i.Id == authorityId && i.List == ListKind.JusticeAuthority, cancellationToken))
            {
                throw new DomainRuleException("Choose the authority.", nameof(FlagInput.AuthorityId));
            }
            file.SetFlag(flag, Flag.Number, Flag.AuthorityId);
            return true;
        }, cancellationToken);

    public Task<IActionResult> OnPostClearFlagAsync(Guid id, Guid flagId, CancellationToken cancellationToken) =>
        ChangeAsync(id, nameof(Flag), file =>
        {
            file.ClearFlag(flagId);
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>
    /// Applies one change to the file and saves it against the version just read, so two changes made at once never
    /// overwrite each other. A refused change shows its message on the page and saves nothing.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(Guid id, string form, Func<CaseFile, Task<bool>> change, CancellationToken cancellationToken)
    {
        var file = await db.CaseFiles.ForChangeAsync(id, cancellationToken);
        if (file is null)
        {
            return NotFound();
        }
        if (!(await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded)
        {
            return Forbid();
        }
        try
        {
            if (!await change(file))
            {
                return NotFound();
            }
            db.SaveAgainst(file, null);
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage(new { org = RouteData.Values["org"], id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, form, rule, localizer);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Someone else changed this case file meanwhile. Nothing was saved: check the page and try again."]);
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await db.CaseFiles.AsNoTracking()
            .Include(c => c.Episodes).Include(c => c.Qualifications).ThenInclude(q => q.Secondary)
            .Include(c => c.Flags).Include(c => c.Access).Include(c => c.Assessments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (file is null)
        {
            return false;
        }
        CaseFile = file;
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        MayRestrict = MayEdit && CaseFileWork.MayRestrict(organisation);
        var language = Choices.Language;
        ServiceName = await db.Services.Where(s => s.Id == file.ServiceId).Select(s => s.Name).SingleAsync(cancellationToken);

        Members = await db.CaseFileMembers.Where(m => m.CaseFileId == id)
            .Join(db.Beneficiaries, m => m.BeneficiaryId, b => b.Id, (m, b) => new MemberRow(b.Id, b.FirstName + " " + b.LastName, b.BirthDate, m.Role))
            .ToListAsync(cancellationToken);
        Members = Members.OrderBy(m => m.Role).ThenBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        Workers = await db.CaseFileWorkers.Where(w => w.CaseFileId == id)
            .Join(db.Staff, w => w.StaffMemberId, s => s.Id, (w, s) => new WorkerRow(s.Id, s.FirstName + " " + s.LastName, s.Profession))
            .ToListAsync(cancellationToken);
        Workers = Workers.OrderBy(w => w.Name, StringComparer.CurrentCulture).ToList();
        if (MayEdit)
        {
            var assigned = Workers.Select(w => w.Id).ToList();
            StaffToAssign = (await db.Staff.Where(s => !assigned.Contains(s.Id))
                    .Select(s => new { s.Id, s.FirstName, s.LastName, OfService = s.ServiceId == file.ServiceId })
                    .ToListAsync(cancellationToken))
                .OrderByDescending(s => s.OfService).ThenBy(s => s.LastName).ThenBy(s => s.FirstName)
                .Select(s => new Option(s.Id, $"{s.FirstName} {s.LastName}"))
                .ToList();
        }

        // Labels of every list entry and category the file refers to, retired ones included: old records keep their meaning.
        var itemIds = file.Flags.SelectMany(f => new[] { f.FlagId, f.AuthorityId ?? Guid.Empty })
            .Concat(file.Episodes.Select(e => e.ClosureReasonId ?? Guid.Empty)).Distinct().ToList();
        var items = await db.ListItems.Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        Flags = file.Flags.Select(f => new FlagRow(f.FlagId, items[f.FlagId].Label.In(language),
                f.Number?.ToString("0.##") ?? (f.AuthorityId is { } a ? items[a].Label.In(language) : null)))
            .OrderBy(f => f.Label).ToList();
        if (MayEdit)
        {
            FlagChoices = (await db.ListItems.ActiveAsync(ListKind.Flag, file.ServiceId, cancellationToken))
                .Select(i => new FlagOption(i.Id, i.Label.In(language), i.FlagValue)).ToList();
            Authorities = (await db.ListItems.ActiveAsync(ListKind.JusticeAuthority, file.ServiceId, cancellationToken))
                .Select(i => new Option(i.Id, i.Label.In(language))).ToList();
        }
        Episodes = file.Episodes.OrderByDescending(e => e.Number)
            .Select(e => new EpisodeRow(e.Number, e.OpenedOn, e.ClosedOn, e.ClosureReasonId is { } r ? items[r].Label.In(language) : null))
            .ToList();

        var schemeIds = file.Qualifications.Select(q => q.SchemeId).Distinct().ToList();
        var schemes = await db.TypologySchemes.Where(s => schemeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name.In(language), cancellationToken);
        var categoryIds = file.Qualifications.SelectMany(q => q.Secondary.Select(s => s.CategoryId).Append(q.PrimaryCategoryId)).Distinct().ToList();
        var categories = await db.TypologyCategories.Where(c => categoryIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new CategoryText(c.Code, c.Label.In(language), c.RetiredOn != null), cancellationToken);
        var people = await NamesAsync(file.Qualifications.Select(q => q.RecordedBy).Concat(file.Access.Select(a => (Guid?)a.UserId)), cancellationToken);
        Qualifications = file.Qualifications
            .OrderBy(q => q.EpisodeNumber).ThenBy(q => q.Stage == QualificationStage.Closing).ThenBy(q => q.On).ThenBy(q => q.Id)
            .Select(q => new QualificationRow(q.EpisodeNumber, q.Stage, schemes[q.SchemeId], q.SchemeEdition, categories[q.PrimaryCategoryId],
                q.Secondary.Select(s => categories[s.CategoryId]).OrderBy(c => c.Code, StringComparer.Ordinal).ToList(), q.On,
                q.RecordedBy is { } by ? people.GetValueOrDefault(by) : null, q.Why))
            .ToList();
        RestrictedTo = file.Access.Select(a => people.GetValueOrDefault(a.UserId) ?? "").Order(StringComparer.CurrentCulture).ToList();
        Assessments = file.Assessments.OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id)
            .Select(a => new AssessmentRow(a.Colour, a.AssessedOn, a.AuthorName, a.Rationale)).ToList();

        var assignedToMe = await CaseFileWork.IsAssignedAsync(db, id, user.Id, cancellationToken);
        Notes = await CaseFileWork.NotesReadableBy(db, id, user.Id, assignedToMe)
            .OrderByDescending(n => n.WrittenAt)
            .Select(n => new NoteRow(n.Text, n.Visibility, n.AuthorName, n.WrittenAt))
            .ToListAsync(cancellationToken);

        var folded = SearchText.Fold(PersonQuery);
        if (MayEdit && folded.Length > 0)
        {
            var members = Members.Select(m => m.Id).ToList();
            Candidates = await db.Beneficiaries
                .Where(b => !members.Contains(b.Id) && b.SearchKey.Contains(folded))
                .OrderBy(b => b.LastName).ThenBy(b => b.FirstName)
                .Take(10)
                .Select(b => new Candidate(b.Id, b.FirstName + " " + b.LastName, b.BirthDate))
                .ToListAsync(cancellationToken);
        }
        return true;
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid?> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.OfType<Guid>().Distinct().ToList();
        return await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
