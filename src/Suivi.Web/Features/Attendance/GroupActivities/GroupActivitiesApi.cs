using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Partners;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.Attendance.GroupActivities;

/// <summary>Group activities as JSON: a period's activities with their counts, one activity with its participants, and changes.</summary>
public static class GroupActivitiesApi
{
    public sealed record ActivitySummary(Guid Id, Guid ServiceId, string Service, Guid KindId, string Title, DateOnly OnDate, DateOnly? EndDate,
        int NamedParticipants, int UnnamedParticipants);

    public sealed record ActivityList(DateOnly From, DateOnly To, int Activities, int Participations, int DistinctParticipants,
        PeopleApi.PageOf<ActivitySummary> Page);

    public sealed record ParticipantDocument(Guid PersonId, string FirstName, string LastName);

    public sealed record ActivityDocument(Guid Id, Guid ServiceId, Guid KindId, string KindCode, string Title, DateOnly OnDate, DateOnly? EndDate,
        Guid? SiteId, int UnnamedParticipants, int ParticipantCount, IReadOnlyList<ParticipantDocument> Participants, long Version);

    public sealed record ActivityCreate(Guid? ServiceId, Guid? KindId, string? Title, DateOnly? OnDate, DateOnly? EndDate, Guid? SiteId,
        int? UnnamedParticipants, IReadOnlyList<Guid>? ParticipantIds);

    public sealed record ActivityChange(Guid? KindId, string? Title, DateOnly? OnDate, DateOnly? EndDate, Guid? SiteId,
        int? UnnamedParticipants, long? Version);

    public sealed record ParticipantWrite(Guid? PersonId);

    public static RouteGroupBuilder MapGroupActivitiesApi(this RouteGroupBuilder api)
    {
        var activities = api.MapGroup("/group-activities").RequireAuthorization(Policies.SeeNames).WithTags("Attendance");
        activities.MapGet("/", List).WithName("ListGroupActivities")
            .WithSummary("Group activities of a period (this year by default), by service and kind, with their counts; 100 a page");
        activities.MapGet("/{id:guid}", Get).WithName("GetGroupActivity").WithSummary("A group activity with its participants");
        activities.MapPost("/", Create).RequireAuthorization(Policies.EditRecords).WithName("CreateGroupActivity")
            .WithSummary("Records a group activity, with participants named from the start if wanted");
        activities.MapPut("/{id:guid}", Change).RequireAuthorization(Policies.EditRecords).WithName("ChangeGroupActivity")
            .WithSummary("Changes a group activity (its service stays); send the version you read");
        activities.MapPost("/{id:guid}/participants", AddParticipant).RequireAuthorization(Policies.EditRecords)
            .WithName("AddGroupActivityParticipant").WithSummary("Adds a person of the organisation to the participants; adding twice changes nothing");
        activities.MapDelete("/{id:guid}/participants", RemoveParticipant).RequireAuthorization(Policies.EditRecords)
            .WithName("RemoveGroupActivityParticipant").WithSummary("Removes the person given by ?person= from the participants");
        return api;
    }

    private static async Task<Ok<ActivityList>> List(Guid? service, Guid? kind, DateOnly? from, DateOnly? to, int? page, SuiviDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        const int pageSize = 100;
        var (yearFrom, yearTo) = Periods.Year(clock.Today().Year);
        var filter = new ActivityRecords.Filter(service, kind, from ?? yearFrom, to ?? yearTo);
        var activities = db.GroupActivities.Matching(filter);
        var figures = await ActivityRecords.FiguresAsync(db, activities, cancellationToken);
        var number = Math.Max(1, page ?? 1);
        var rows = await ActivityRecords.Rows(db, activities).Skip((number - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var items = rows.Select(r => new ActivitySummary(r.Id, r.ServiceId, r.Service, r.KindId, r.Title, r.OnDate, r.EndDate, r.Named, r.Unnamed))
            .ToList();
        return TypedResults.Ok(new ActivityList(filter.From, filter.To, figures.Activities, figures.Participations, figures.DistinctParticipants,
            new PeopleApi.PageOf<ActivitySummary>(items, figures.Activities, number, pageSize)));
    }

    private static async Task<Results<Ok<ActivityDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, CancellationToken cancellationToken) =>
        await ActivityRecords.FindAsync(db, id, cancellationToken) is { } activity
            ? TypedResults.Ok(await DocumentAsync(db, activity, cancellationToken))
            : PeopleApi.NotFound();

    private static async Task<Results<Created<ActivityDocument>, ValidationProblem>> Create(ActivityCreate body, SuiviDbContext db,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            var serviceId = await ActivityRecords.ServiceAsync(db, body.ServiceId, cancellationToken);
            var details = await ActivityRecords.DetailsAsync(db, serviceId,
                new ActivityWrite(body.KindId, body.Title, body.OnDate, body.EndDate, body.SiteId, body.UnnamedParticipants), null,
                clock.Today(), cancellationToken);
            var activity = new GroupActivity(serviceId, details);
            var participants = (body.ParticipantIds ?? []).Distinct().ToList();
            if (await db.Beneficiaries.CountAsync(b => participants.Contains(b.Id), cancellationToken) != participants.Count)
            {
                throw new DomainRuleException("Choose people recorded in the organisation.", nameof(ActivityCreate.ParticipantIds));
            }
            foreach (var person in participants)
            {
                activity.AddParticipant(person);
            }
            db.GroupActivities.Add(activity);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{activity.Id}", await DocumentAsync(db, activity, cancellationToken));
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
    }

    private static async Task<Results<Ok<ActivityDocument>, ValidationProblem, ProblemHttpResult>> Change(Guid id, ActivityChange body,
        SuiviDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var activity = await ActivityRecords.FindAsync(db, id, cancellationToken);
        if (activity is null)
        {
            return PeopleApi.NotFound();
        }
        if (body.Version is not { } version)
        {
            return PartnersApi.VersionMissing();
        }
        try
        {
            activity.Change(await ActivityRecords.DetailsAsync(db, activity.ServiceId,
                new ActivityWrite(body.KindId, body.Title, body.OnDate, body.EndDate, body.SiteId, body.UnnamedParticipants), activity.KindId,
                clock.Today(), cancellationToken));
            db.Entry(activity).Property(a => a.Version).OriginalValue = version;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(await DocumentAsync(db, activity, cancellationToken));
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PartnersApi.Conflict("The activity was changed by someone else",
                "Nothing was saved. Read the activity again and apply your change to the current version.");
        }
    }

    private static async Task<Results<Ok<ActivityDocument>, ValidationProblem, ProblemHttpResult>> AddParticipant(Guid id, ParticipantWrite body,
        SuiviDbContext db, CancellationToken cancellationToken)
    {
        var activity = await ActivityRecords.FindAsync(db, id, cancellationToken);
        if (activity is null)
        {
            return PeopleApi.NotFound();
        }
        try
        {
            await ActivityRecords.AddParticipantAsync(db, activity, body.PersonId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(await DocumentAsync(db, activity, cancellationToken));
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
    }

    private static async Task<Results<Ok<ActivityDocument>, ProblemHttpResult>> RemoveParticipant(Guid id, Guid? person, SuiviDbContext db,
        CancellationToken cancellationToken)
    {
        var activity = await ActivityRecords.FindAsync(db, id, cancellationToken);
        if (activity is null)
        {
            return PeopleApi.NotFound();
        }
        if (person is { } personId)
        {
            activity.RemoveParticipant(personId);
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(await DocumentAsync(db, activity, cancellationToken));
    }

    private static async Task<ActivityDocument> DocumentAsync(SuiviDbContext db, GroupActivity a, CancellationToken cancellationToken)
    {
        var ids = a.Participants.Select(p => p.BeneficiaryId).ToList();
        var participants = await db.Beneficiaries.Where(b => ids.Contains(b.Id)).InListOrder()
            .Select(b => new ParticipantDocument(b.Id, b.FirstName, b.LastName)).ToListAsync(cancellationToken);
        var kind = await db.ListItems.Where(i => i.Id == a.KindId).Select(i => i.Code).SingleAsync(cancellationToken);
        return new(a.Id, a.ServiceId, a.KindId, kind, a.Title, a.OnDate, a.EndDate, a.SiteId, a.UnnamedParticipants, a.ParticipantCount,
            participants, a.Version);
    }
}
