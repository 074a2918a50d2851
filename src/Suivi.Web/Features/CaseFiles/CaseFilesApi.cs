using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>
/// The case files of an organisation as JSON, and each step of their life: opening, qualification and
/// requalification, closing, reopening, assessments, notes, flags and restriction. A step the rules refuse answers
/// a validation problem naming the field, and changes nothing.
/// </summary>
public static class CaseFilesApi
{
    public sealed record CaseFileSummary(Guid Id, string Reference, Guid ServiceId, DateOnly OpenedOn, DateOnly? ClosedOn, CaseFileStatus Status,
        TrafficLight? CurrentColour, bool IsRestricted);

    public sealed record Member(Guid BeneficiaryId, CaseMemberRole Role);

    public sealed record EpisodeDocument(int Number, DateOnly OpenedOn, DateOnly? ClosedOn, Guid? ClosureReasonId);

    public sealed record QualificationDocument(Guid Id, int EpisodeNumber, QualificationStage Stage, Guid SchemeId, int SchemeEdition,
        Guid PrimaryCategoryId, IReadOnlyList<Guid> SecondaryCategoryIds, DateOnly On, Guid? RecordedBy, string? Why);

    public sealed record FlagDocument(Guid FlagId, decimal? Number, Guid? AuthorityId);

    public sealed record AssessmentDocument(Guid Id, TrafficLight Colour, DateOnly AssessedOn, Guid? AssessedBy, string? AuthorName, string Rationale);

    public sealed record CaseFileDocument(Guid Id, string Reference, Guid ServiceId, DateOnly OpenedOn, DateOnly? ClosedOn,
        CaseFileStatus Status, TrafficLight? CurrentColour, bool IsRestricted, IReadOnlyList<Guid> RestrictedTo, Guid? RequestId,
        IReadOnlyList<Member> Members, IReadOnlyList<Guid> Workers, IReadOnlyList<EpisodeDocument> Episodes,
        IReadOnlyList<QualificationDocument> Qualifications, IReadOnlyList<FlagDocument> Flags, IReadOnlyList<AssessmentDocument> Assessments,
        long Version);

    public sealed record NoteDocument(Guid Id, Guid CaseFileId, string Text, NoteVisibility Visibility, DateTime WrittenAt, Guid? AuthorId,
        string AuthorName);

    /// <summary>A qualification: a scheme, its main category and optional secondary ones.</summary>
    public sealed record QualificationWrite(Guid? SchemeId, Guid? PrimaryCategoryId, IReadOnlyList<Guid>? SecondaryCategoryIds);

    public sealed record OpeningWrite(Guid? ServiceId, DateOnly? OpenedOn, IReadOnlyList<Member>? Members, QualificationWrite? Qualification);

    /// <summary>The opening qualification when the file has none yet, a requalification (with its date and why) otherwise.</summary>
    public sealed record QualifyingWrite(Guid? SchemeId, Guid? PrimaryCategoryId, IReadOnlyList<Guid>? SecondaryCategoryIds, DateOnly? On,
        string? Why, long? Version);

    public sealed record ClosingWrite(DateOnly? ClosedOn, Guid? ClosureReasonId, QualificationWrite? Qualification, long? Version);

    public sealed record ReopeningWrite(DateOnly? ReopenedOn, long? Version);

    public sealed record AssessmentWrite(TrafficLight? Colour, DateOnly? AssessedOn, string? Rationale, long? Version);

    public sealed record NoteWrite(string? Text, NoteVisibility? Visibility);

    public sealed record FlagWrite(Guid? FlagId, decimal? Number, Guid? AuthorityId, long? Version);

    public sealed record RestrictionWrite(IReadOnlyList<Guid>? UserIds, long? Version);

    public static RouteGroupBuilder MapCaseFilesApi(this RouteGroupBuilder api)
    {
        var files = api.MapGroup("/case-files").RequireAuthorization(Policies.SeeNames).WithTags("Case files");
        files.MapGet("/", List).WithName("ListCaseFiles").WithSummary("The case files, newest first; filter by status, colour or year worked in (opened in it or carried over).");
        files.MapGet("/{id:guid}", Get).WithName("GetCaseFile")
            .WithSummary("A case file with its members, workers, episodes, qualifications, flags and assessments.");
        files.MapPost("/", Open).RequireAuthorization(Policies.EditRecords).WithName("OpenCaseFile")
            .WithSummary("Opens a case file directly (service, date, members, optional opening qualification).");
        files.MapPost("/{id:guid}/qualifications", Qualify).RequireAuthorization(Policies.EditRecords).WithName("QualifyCaseFile")
            .WithSummary("The opening qualification, or a requalification in the opening scheme once the file has one.");
        files.MapPost("/{id:guid}/closing", Close).RequireAuthorization(Policies.EditRecords).WithName("CloseCaseFile")
            .WithSummary("Closes the current episode with its reason and, when the file was qualified, its closing qualification.");
        files.MapPost("/{id:guid}/reopening", Reopen).RequireAuthorization(Policies.EditRecords).WithName("ReopenCaseFile")
            .WithSummary("Reopens a closed file in a new episode; the closed one is kept.");
        files.MapPost("/{id:guid}/assessments", Assess).RequireAuthorization(Policies.EditRecords).WithName("AssessCaseFile")
            .WithSummary("A traffic-light assessment; a red one notifies the coordinators of the file's service.");
        files.MapPost("/{id:guid}/notes", AddNote).RequireAuthorization(Policies.EditRecords).WithName("AddCaseNote")
            .WithSummary("A note for the team or for the assigned workers only.");
        files.MapPost("/{id:guid}/flags", SetFlag).RequireAuthorization(Policies.EditRecords).WithName("SetCaseFileFlag")
            .WithSummary("Sets a flag, with its number or authority when the flag records one.");
        files.MapDelete("/{id:guid}/flags", ClearFlag).RequireAuthorization(Policies.EditRecords).WithName("ClearCaseFileFlag")
            .WithSummary("Clears the flag given as ?flagId=.");
        files.MapPut("/{id:guid}/restriction", Restrict).RequireAuthorization(Policies.EditRecords).WithName("RestrictCaseFile")
            .WithSummary("Restricts the file to named members (coordinators and administrators only); the caller stays named.");
        files.MapDelete("/{id:guid}/restriction", LiftRestriction).RequireAuthorization(Policies.EditRecords).WithName("LiftCaseFileRestriction")
            .WithSummary("Lifts the restriction (coordinators and administrators only).");
        return api;
    }

    private static async Task<Ok<PeopleApi.PageOf<CaseFileSummary>>> List(SuiviDbContext db, CaseFileStatus? status, TrafficLight? colour, int? year,
        int? page, CancellationToken cancellationToken)
    {
        const int pageSize = 50;
        var query = db.CaseFiles.AsQueryable();
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }
        if (colour is { } c)
        {
            query = query.Where(f => f.CurrentColour == c);
        }
        if (year is { } y)
        {
            query = WorkedInYear.WorkedIn(db, query, y);
        }
        var total = await query.CountAsync(cancellationToken);
        var number = Math.Max(1, page ?? 1);
        var items = await query.OrderByDescending(f => f.OpenedOn).ThenBy(f => f.Reference)
            .Skip((number - 1) * pageSize).Take(pageSize)
            .Select(f => new CaseFileSummary(f.Id, f.Reference, f.ServiceId, f.OpenedOn, f.ClosedOn, f.Status, f.CurrentColour, f.IsRestricted))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PeopleApi.PageOf<CaseFileSummary>(items, total, number, pageSize));
    }

    private static async Task<Results<Ok<CaseFileDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var file = await db.CaseFiles.AsNoTracking().ForChangeAsync(id, cancellationToken);
        if (file is null)
        {
            return PeopleApi.NotFound();
        }
        await audit.RecordViewAsync(nameof(CaseFile), id, cancellationToken);
        return TypedResults.Ok(Document(file));
    }

    private static async Task<Results<Created<CaseFileDocument>, ValidationProblem>> Open(OpeningWrite body, SuiviDbContext db,
        CurrentUser user, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            var service = body.ServiceId is { } serviceId ? await db.Services.SingleOrDefaultAsync(s => s.Id == serviceId, cancellationToken) : null;
            if (service is null)
            {
                throw new DomainRuleException("Choose a service.", "ServiceId");
            }
            var openedOn = body.OpenedOn ?? throw new DomainRuleException("This field is required.", "OpenedOn");
            if (openedOn > clock.Today())
            {
                throw new DomainRuleException("A case file cannot open in the future.", "OpenedOn");
            }
            var members = body.Members ?? [];
            var ids = members.Select(m => m.BeneficiaryId).Distinct().ToList();
            if (members.Count == 0 || await db.Beneficiaries.CountAsync(b => ids.Contains(b.Id), cancellationToken) != ids.Count)
            {
                throw new DomainRuleException("Choose the first member.", "Members");
            }
            var choice = body.Qualification is { } q
                ? await CaseFileWork.ChoiceAsync(db, q.SchemeId, q.PrimaryCategoryId, q.SecondaryCategoryIds, cancellationToken)
                    ?? throw new DomainRuleException("Choose the main category.", "PrimaryCategoryId")
                : null;
            var file = await CaseFileWork.OpenAsync(db, service, openedOn, file =>
            {
                foreach (var member in members)
                {
                    file.AddMember(member.BeneficiaryId, member.Role);
                }
                if (choice is not null)
                {
                    file.QualifyAtOpening(choice, user.Id);
                }
            }, cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{file.Id}", Document(file));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
    }

    private static Task<Results<Ok<CaseFileDocument>, ValidationProblem, ProblemHttpResult>> Qualify(Guid id, QualifyingWrite body,
        SuiviDbContext db, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, body.Version, async file =>
        {
            var choice = await CaseFileWork.ChoiceAsync(db, body.SchemeId, body.PrimaryCategoryId, body.SecondaryCategoryIds, cancellationToken);
            if (file.Status == CaseFileStatus.Open && file.OpeningQualification is null)
            {
                CaseFileWork.QualifyAtOpening(file, choice, user.Id);
            }
            else
            {
                CaseFileWork.Requalify(file, choice, body.On ?? clock.Today(), user.Id, body.Why);
            }
        }, cancellationToken);

    private static Task<Results<Ok<CaseFileDocument>, ValidationProblem, ProblemHttpResult>> Close(Guid id, ClosingWrite body,
        SuiviDbContext db, CurrentUser user, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, body.Version, async file =>
        {
            var closedOn = body.ClosedOn ?? throw new DomainRuleException("This field is required.", "ClosedOn");
            if (body.ClosureReasonId is { } reason &&
                !await db.ListItems.AnyAsync(i => i.Id == reason && i.List == ListKind.ClosureReason, cancellationToken))
            {
                throw new DomainRuleException("Choose the reason for closing.", "ClosureReasonId");
            }
            var closing = body.Qualification is { } q
                ? await CaseFileWork.ChoiceAsync(db, q.SchemeId, q.PrimaryCategoryId, q.SecondaryCategoryIds, cancellationToken)
                : null;
            file.Close(closedOn, body.ClosureReasonId ?? Guid.Empty, closing, user.Id);
        }, cancellationToken);

    private static Task<Results<Ok<CaseFileDocument>, ValidationProblem, ProblemHttpResult>> Reopen(Guid id, ReopeningWrite body,
        SuiviDbContext db, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, body.Version, file =>
        {
            file.Reopen(body.ReopenedOn ?? throw new DomainRuleException("This field is required.", "ReopenedOn"));
            return Task.CompletedTask;
        }, cancellationToken);

    private static Task<Results<Ok<CaseFileDocument>, ValidationProblem, ProblemHttpResult>> Assess(Guid id, AssessmentWrite body,
        SuiviDbContext db, CurrentOrganisation organisation, CurrentUser user, ClaimsPrincipal principal, TimeProvider clock,
        CancellationToken cancellationToken) =>
        ChangeAsync(db, id, body.Version, async file =>
        {
            var colour = body.Colour ?? throw new DomainRuleException("Choose a colour.", "Colour");
            await CaseFileWork.AssessAsync(db, organisation, file, colour, body.AssessedOn ?? clock.Today(), user.Id,
                CaseFileWork.AuthorName(principal), body.Rationale, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }, cancellationToken);

    private static async Task<Results<Created<NoteDocument>, ValidationProblem, ProblemHttpResult>> AddNote(Guid id, NoteWrite body,
        SuiviDbContext db, CurrentUser user, ClaimsPrincipal principal, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.CaseFiles.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return PeopleApi.NotFound();
        }
        try
        {
            var note = new CaseNote(id, body.Text ?? "", body.Visibility ?? NoteVisibility.Team, clock.GetUtcNow().UtcDateTime, user.Id,
                CaseFileWork.AuthorName(principal));
            db.CaseNotes.Add(note);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{note.Id}",
                new NoteDocument(note.Id, id, note.Text, note.Visibility, note.WrittenAt, note.AuthorId, note.AuthorName));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
    }

    private static Task<Results<Ok<CaseFileDocument>, ValidationProblem, ProblemHttpResult>> SetFlag(Guid id, FlagWrite body,
        SuiviDbContext db, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, body.Version, async file =>
        {
            var flag = body.FlagId is { } flagId
                ? await db.ListItems.SingleOrDefaultAsync(i => i.Id == flagId && i.List == ListKind.Flag && i.RetiredOn == null, cancellationToken)
                : null;
            if (flag is null)
            {
                throw new DomainRuleException("Choose a flag.", "FlagId");
            }
            if (flag.FlagValue == FlagValue.JusticeAuthority && body.AuthorityId is { } authorityId &&
                !await db.ListItems.AnyAsync(i => i.Id == authorityId && i.List == ListKind.JusticeAuthority, cancellationToken))
            {
                throw new DomainRuleException("Choose the authority.", "AuthorityId");
            }
            file.SetFlag(flag, body.Number, body.AuthorityId);
        }, cancellationToken);

    private static Task<Results<Ok<CaseFileDocument>, ValidationProblem, ProblemHttpResult>> ClearFlag(Guid id, Guid? flagId,
        SuiviDbContext db, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, null, file =>
        {
            if (flagId is not { } flag || file.Flags.All(f => f.FlagId != flag))
            {
                throw new DomainRuleException("This flag is not set on the file.", "FlagId");
            }
            file.ClearFlag(flag);
            return Task.CompletedTask;
        }, cancellationToken);

    private static Task<Results<Ok<CaseFileDocument>, ValidationProblem, ProblemHttpResult>> Restrict(Guid id, RestrictionWrite body,
        SuiviDbContext db, CurrentOrganisation organisation, CurrentUser user, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, body.Version,
            file => CaseFileWork.RestrictAsync(db, organisation, file, body.UserIds ?? [], user.Id, cancellationToken),
            cancellationToken, mayAct: CaseFileWork.MayRestrict(organisation));

    private static Task<Results<Ok<CaseFileDocument>, ValidationProblem, ProblemHttpResult>> LiftRestriction(Guid id, SuiviDbContext db,
        CurrentOrganisation organisation, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, null, file =>
        {
            file.LiftRestriction();
            return Task.CompletedTask;
        }, cancellationToken, mayAct: CaseFileWork.MayRestrict(organisation));

    /// <summary>
    /// One step on a file: 404 when the caller may not see it, 403 when they may see but not take this step, a
    /// validation problem when the rules refuse it, 409 when the file changed since <paramref name="version"/>.
    /// </summary>
    private static async Task<Results<Ok<CaseFileDocument>, ValidationProblem, ProblemHttpResult>> ChangeAsync(SuiviDbContext db, Guid id,
        long? version, Func<CaseFile, Task> step, CancellationToken cancellationToken, bool mayAct = true)
    {
        var file = await db.CaseFiles.ForChangeAsync(id, cancellationToken);
        if (file is null)
        {
            return PeopleApi.NotFound();
        }
        if (!mayAct)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only coordinators and administrators may do this");
        }
        try
        {
            await step(file);
            db.SaveAgainst(file, version);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The case file was changed by someone else",
                detail: "Nothing was saved. Read the case file again and apply your change to the current version.");
        }
        return TypedResults.Ok(Document(file));
    }

    private static CaseFileDocument Document(CaseFile f) =>
        new(f.Id, f.Reference, f.ServiceId, f.OpenedOn, f.ClosedOn, f.Status, f.CurrentColour, f.IsRestricted,
            f.Access.Select(a => a.UserId).ToList(), f.RequestId,
            f.Members.Select(m => new Member(m.BeneficiaryId, m.Role)).ToList(),
            f.Workers.Select(w => w.StaffMemberId).ToList(),
            f.Episodes.OrderBy(e => e.Number).Select(e => new EpisodeDocument(e.Number, e.OpenedOn, e.ClosedOn, e.ClosureReasonId)).ToList(),
            f.Qualifications.OrderBy(q => q.EpisodeNumber).ThenBy(q => q.Stage == QualificationStage.Closing).ThenBy(q => q.On).ThenBy(q => q.Id)
                .Select(q => new QualificationDocument(q.Id, q.EpisodeNumber, q.Stage, q.SchemeId, q.SchemeEdition, q.PrimaryCategoryId,
                    q.Secondary.Select(s => s.CategoryId).ToList(), q.On, q.RecordedBy, q.Why)).ToList(),
            f.Flags.Select(x => new FlagDocument(x.FlagId, x.Number, x.AuthorityId)).ToList(),
            f.Assessments.OrderBy(a => a.AssessedOn).ThenBy(a => a.Id)
                .Select(a => new AssessmentDocument(a.Id, a.Colour, a.AssessedOn, a.AssessedBy, a.AuthorName, a.Rationale)).ToList(),
            f.Version);

    private static ValidationProblem Invalid(DomainRuleException rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [JsonName(rule.Field ?? "")] = [rule.Message],
        });

    private static string JsonName(string field) => field.Length == 0 ? "" : char.ToLowerInvariant(field[0]) + field[1..];
}
