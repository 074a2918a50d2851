using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.Requests;

/// <summary>Requests (demandes) and their decisions as JSON. Errors are RFC 9457 problem details.</summary>
public static class RequestsApi
{
    public sealed record RequestSummary(Guid Id, DateOnly ReceivedOn, Guid ServiceId, Guid SourceId, string Source, Urgency Urgency,
        string Summary, int? WaitingDays, DecisionKind? Decision, DateOnly? DecidedOn, IReadOnlyList<RequestQueue.PersonConcerned> Persons);

    public sealed record DecisionDocument(int Number, DecisionKind Kind, DateOnly DecidedOn, Guid? ReasonId, string? Reason,
        Guid? PartnerServiceId, Guid? CaseFileId, string? Note, string? DecidedBy, string? CorrectionWhy);

    public sealed record RequestDocument(Guid Id, DateOnly ReceivedOn, Guid ServiceId, Guid SourceId, string Source, Guid? ChannelId,
        Urgency Urgency, string Summary, int? WaitingDays, DecisionKind? Decision, DateOnly? DecidedOn,
        IReadOnlyList<RequestQueue.PersonConcerned> Persons, IReadOnlyList<DecisionDocument> Decisions, long Version);

    /// <summary>A new request: <c>personIds</c> are recorded persons, <c>newPeople</c> are created, <c>anonymous</c> describe the unnamed.</summary>
    public sealed record RequestWrite(DateOnly? ReceivedOn, Guid? SourceId, Guid? ChannelId, Guid? ServiceId, Urgency? Urgency,
        string? Summary, IReadOnlyList<Guid>? PersonIds, IReadOnlyList<NewPerson>? NewPeople, IReadOnlyList<string>? Anonymous);

    /// <summary>
    /// A decision, or a correction (with <c>why</c>). <c>reasonId</c> comes from the list of the kind (refusal, re-orientation,
    /// no-file reasons); <c>roles</c> and the qualification (<c>schemeId</c>, <c>primaryCategoryId</c>,
    /// <c>secondaryCategoryIds</c>) apply when accepting.
    /// </summary>
    public sealed record DecisionWrite(DecisionKind? Kind, DateOnly? DecidedOn, Guid? ReasonId, Guid? PartnerServiceId, string? Note,
        IReadOnlyList<MemberRole>? Roles, Guid? SchemeId, Guid? PrimaryCategoryId, IReadOnlyList<Guid>? SecondaryCategoryIds, string? Why,
        long? Version);

    public static RouteGroupBuilder MapRequestsApi(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/requests").RequireAuthorization(Policies.SeeNames);
        requests.MapGet("/", List).WithName("ListRequests")
            .WithSummary("Waiting requests (urgent first, then the oldest) or decided ones (latest first), optionally of one service");
        requests.MapGet("/{id:guid}", Get).WithName("GetRequest").WithSummary("A request, its persons and its decision history");
        requests.MapPost("/", Create).WithName("CreateRequest").WithSummary("Records a request").RequireAuthorization(Policies.EditRecords);
        requests.MapPost("/{id:guid}/decision", Decide).WithName("DecideRequest")
            .WithSummary("Decides a waiting request; accepting opens a case file").RequireAuthorization(Policies.EditRecords);
        requests.MapPost("/{id:guid}/corrections", Correct).WithName("CorrectRequestDecision")
            .WithSummary("Replaces the decision in force, saying why; the earlier one stays in the history").RequireAuthorization(Policies.EditRecords);
        return api;
    }

    private static async Task<Results<Ok<PeopleApi.PageOf<RequestSummary>>, ValidationProblem>> List(SuiviDbContext db, TimeProvider clock,
        string? status, Guid? serviceId, int? page, CancellationToken cancellationToken)
    {
        const int pageSize = 50;
        var all = db.Requests.AsQueryable();
        if (serviceId is { } service)
        {
            all = all.Where(r => r.ServiceId == service);
        }
        var query = status?.ToLowerInvariant() switch
        {
            null or "" or "waiting" => all.Waiting(),
            "decided" => all.Decided(),
            _ => null,
        };
        if (query is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Use waiting or decided."] });
        }
        var total = await query.CountAsync(cancellationToken);
        var number = Math.Max(1, page ?? 1);
        var rows = await query.Skip((number - 1) * pageSize).Take(pageSize)
            .Select(r => new { Request = r, Source = db.ListItems.Where(i => i.Id == r.SourceId).Select(i => i.Code).First() })
            .ToListAsync(cancellationToken);
        var persons = await RequestQueue.PersonsAsync(db, rows.Select(r => r.Request.Id).ToList(), cancellationToken);
        var today = clock.Today();
        var items = rows.Select(row => new RequestSummary(row.Request.Id, row.Request.ReceivedOn, row.Request.ServiceId, row.Request.SourceId,
                row.Source, row.Request.Urgency, row.Request.Summary,
                row.Request.IsWaiting ? RequestQueue.WaitingDays(row.Request.ReceivedOn, today) : null,
                row.Request.Decision, row.Request.DecidedOn, persons[row.Request.Id].ToList()))
            .ToList();
        return TypedResults.Ok(new PeopleApi.PageOf<RequestSummary>(items, total, number, pageSize));
    }

    private static async Task<Results<Ok<RequestDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, TimeProvider clock,
        AuditLog audit, CancellationToken cancellationToken)
    {
        var document = await DocumentAsync(db, id, clock.Today(), cancellationToken);
        if (document is null)
        {
            return PeopleApi.NotFound();
        }
        await audit.RecordViewAsync(nameof(IntakeRequest), id, cancellationToken);
        return TypedResults.Ok(document);
    }

    private static async Task<Results<Created<RequestDocument>, ValidationProblem>> Create(RequestWrite body, SuiviDbContext db,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, string[]>();
        if (body.ReceivedOn is null)
        {
            missing["receivedOn"] = ["This field is required."];
        }
        if (body.SourceId is null)
        {
            missing["sourceId"] = ["Choose where the request comes from."];
        }
        if (body.ServiceId is null)
        {
            missing["serviceId"] = ["Choose the service."];
        }
        if (string.IsNullOrWhiteSpace(body.Summary))
        {
            missing["summary"] = ["This field is required."];
        }
        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(missing);
        }
        try
        {
            var request = await Intake.RecordAsync(db, new NewRequest(body.ReceivedOn, body.SourceId, body.ChannelId, body.ServiceId,
                body.Urgency ?? Urgency.Normal, body.Summary, body.PersonIds ?? [], body.NewPeople ?? [], body.Anonymous ?? []),
                clock.Today(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var document = await DocumentAsync(db, request.Id, clock.Today(), cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{request.Id}", document);
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
    }

    private static Task<Results<Ok<RequestDocument>, ValidationProblem, ProblemHttpResult>> Decide(Guid id, DecisionWrite body,
        SuiviDbContext db, TimeProvider clock, CurrentUser user, CancellationToken cancellationToken) =>
        TakeAsync(id, body, why: null, db, clock, user, cancellationToken);

    private static Task<Results<Ok<RequestDocument>, ValidationProblem, ProblemHttpResult>> Correct(Guid id, DecisionWrite body,
        SuiviDbContext db, TimeProvider clock, CurrentUser user, CancellationToken cancellationToken) =>
        TakeAsync(id, body, body.Why ?? "", db, clock, user, cancellationToken);

    private static async Task<Results<Ok<RequestDocument>, ValidationProblem, ProblemHttpResult>> TakeAsync(Guid id, DecisionWrite body,
        string? why, SuiviDbContext db, TimeProvider clock, CurrentUser user, CancellationToken cancellationToken)
    {
        if (body.Kind is not { } kind)
        {
            // Unknown ids answer 404 before the body is judged, as for every other route.
            return await db.Requests.AnyAsync(r => r.Id == id, cancellationToken)
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["This field is required."] })
                : PeopleApi.NotFound();
        }
        var today = clock.Today();
        try
        {
            var decision = new DecisionTaken(kind, body.DecidedOn, body.ReasonId, body.PartnerServiceId, body.Note, body.Roles ?? [],
                body.SchemeId, body.PrimaryCategoryId, body.SecondaryCategoryIds ?? []);
            var taken = await Deciding.TakeAsync(db, id, body.Version, decision, why, today, user.Id, user.Name, cancellationToken);
            if (taken is null)
            {
                return PeopleApi.NotFound();
            }
            return TypedResults.Ok((await DocumentAsync(db, id, today, cancellationToken))!);
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request was changed by someone else",
                detail: "Nothing was saved. Read the request again and decide on the current version.");
        }
    }

    private static async Task<RequestDocument?> DocumentAsync(SuiviDbContext db, Guid id, DateOnly today, CancellationToken cancellationToken)
    {
        var request = await db.Requests.AsNoTracking().Include(r => r.Decisions).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }
        var reasonIds = request.Decisions.Select(d => d.ReasonId).Append(request.SourceId).OfType<Guid>().ToList();
        var codes = await db.ListItems.Where(i => reasonIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
        // A restricted case file stays out of sight for whoever is not named on it, even as an id.
        var fileIds = request.Decisions.Select(d => d.CaseFileId).OfType<Guid>().ToList();
        var visibleFiles = await db.CaseFiles.Where(c => fileIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        var persons = await RequestQueue.PersonsAsync(db, [id], cancellationToken);
        var decisions = request.Decisions.OrderBy(d => d.Number)
            .Select(d => new DecisionDocument(d.Number, d.Kind, d.DecidedOn, d.ReasonId, d.ReasonId is { } r ? codes.GetValueOrDefault(r) : null,
                d.PartnerServiceId, d.CaseFileId is { } f && visibleFiles.Contains(f) ? f : null, d.Note, d.DecidedByName, d.CorrectionWhy))
            .ToList();
        return new RequestDocument(request.Id, request.ReceivedOn, request.ServiceId, request.SourceId, codes[request.SourceId],
            request.ChannelId, request.Urgency, request.Summary, request.IsWaiting ? RequestQueue.WaitingDays(request.ReceivedOn, today) : null,
            request.Decision, request.DecidedOn, persons[id].ToList(), decisions, request.Version);
    }

    private static ValidationProblem Invalid(DomainRuleException rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [JsonName(rule.Field ?? "")] = [rule.Message] });

    /// <summary>"NewPeople[1].LastName" as the JSON body names it: "newPeople[1].lastName".</summary>
    private static string JsonName(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
