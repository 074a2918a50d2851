using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.Alarms;

/// <summary>
/// The alarm service as JSON: subscriptions (list on a day, read, subscribe, end, change the device, record
/// an alarm) and the alarms of a period by outcome. Mapped by ContactsApi. Errors are RFC 9457 problem details.
/// </summary>
public static class AlarmsApi
{
    public const int PageSize = 50;

    public sealed record AlarmDocument(Guid Id, Guid SubscriptionId, Guid ServiceId, DateOnly OnDate, TimeOnly? AtTime, Guid OutcomeId,
        string? OutcomeCode, string? Note);

    public sealed record SubscriptionDocument(Guid Id, Guid ServiceId, Guid BeneficiaryId, Guid DeviceId, string? DeviceCode, DateOnly From,
        DateOnly? To, IReadOnlyList<AlarmDocument> Alarms, long Version);

    /// <summary>The subscriptions active on <c>on</c>; <c>subscribers</c> counts people once ("subscribers at year end" on 31 December).</summary>
    public sealed record SubscriptionPage(DateOnly On, int Subscribers, IReadOnlyList<SubscriptionDocument> Items, int Total, int Page, int PageSize);

    public sealed record AlarmPage(DateOnly From, DateOnly To, IReadOnlyList<OutcomeCount> ByOutcome, IReadOnlyList<AlarmDocument> Items,
        int Total, int Page, int PageSize);

    public sealed record SubscriptionWrite(Guid? ServiceId, Guid? BeneficiaryId, Guid? DeviceId, DateOnly? From);

    /// <summary>The last day of the subscription.</summary>
    public sealed record EndWrite(DateOnly? On);

    public sealed record DeviceWrite(Guid? DeviceId);

    public sealed record AlarmWrite(DateOnly? OnDate, TimeOnly? AtTime, Guid? OutcomeId, string? Note);

    public static RouteGroupBuilder MapAlarmsApi(this RouteGroupBuilder api)
    {
        var subscriptions = api.MapGroup("/alarm-subscriptions").RequireAuthorization(Policies.SeeNames);
        subscriptions.MapGet("/", List).WithName("ListAlarmSubscriptions")
            .WithSummary("The subscriptions active on a day (today by default) and the number of subscribers");
        subscriptions.MapGet("/{id:guid}", Get).WithName("GetAlarmSubscription").WithSummary("A subscription and its alarms");
        subscriptions.MapPost("/", Subscribe).WithName("CreateAlarmSubscription").WithSummary("Subscribes a person to the alarm service")
            .RequireAuthorization(Policies.EditRecords);
        subscriptions.MapPost("/{id:guid}/end", End).WithName("EndAlarmSubscription").WithSummary("Ends a subscription on its last day")
            .RequireAuthorization(Policies.EditRecords);
        subscriptions.MapPost("/{id:guid}/device", ChangeDevice).WithName("ChangeAlarmDevice").WithSummary("Gives the subscriber another device")
            .RequireAuthorization(Policies.EditRecords);
        subscriptions.MapPost("/{id:guid}/alarms", RecordAlarm).WithName("RecordAlarm")
            .WithSummary("Records an alarm of the subscriber; it falls within the subscription").RequireAuthorization(Policies.EditRecords);
        api.MapGet("/alarms", Alarms).WithName("ListAlarms").WithSummary("The alarms of a period (this month by default), counted by outcome")
            .RequireAuthorization(Policies.SeeNames);
        return api;
    }

    private static async Task<Ok<SubscriptionPage>> List(SuiviDbContext db, TimeProvider clock, DateOnly? on, Guid? serviceId, int? page,
        CancellationToken cancellationToken)
    {
        var day = on ?? clock.Today();
        var active = db.AlarmSubscriptions.ActiveOn(day);
        if (serviceId is { } service)
        {
            active = active.Where(s => s.ServiceId == service);
        }
        var number = Math.Max(1, page ?? 1);
        var subscriptions = await active.OrderBy(s => s.From).ThenBy(s => s.Id).Skip((number - 1) * PageSize).Take(PageSize).AsNoTracking()
            .ToListAsync(cancellationToken);
        var codes = await CodesAsync(db, subscriptions.Select(s => s.DeviceId), cancellationToken);
        return TypedResults.Ok(new SubscriptionPage(day, await AlarmSubscriptions.SubscribersAsync(active, cancellationToken),
            subscriptions.Select(s => Document(s, [], codes)).ToList(), await active.CountAsync(cancellationToken), number, PageSize));
    }

    private static async Task<Results<Ok<SubscriptionDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var document = await DocumentAsync(db, id, cancellationToken);
        if (document is null)
        {
            return PeopleApi.NotFound();
        }
        await audit.RecordViewAsync(nameof(AlarmSubscription), id, cancellationToken);
        return TypedResults.Ok(document);
    }

    private static async Task<Results<Created<SubscriptionDocument>, ValidationProblem>> Subscribe(SubscriptionWrite body, SuiviDbContext db,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            var subscription = await AlarmSubscriptions.SubscribeAsync(db,
                new NewSubscription(body.ServiceId, body.BeneficiaryId, body.DeviceId, body.From), clock.Today(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{subscription.Id}",
                await DocumentAsync(db, subscription.Id, cancellationToken));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
    }

    private static Task<Results<Ok<SubscriptionDocument>, ValidationProblem, ProblemHttpResult>> End(Guid id, EndWrite body, SuiviDbContext db,
        CancellationToken cancellationToken) =>
        ChangeAsync(db, id, subscription => AlarmSubscriptions.EndAsync(db, subscription, body.On, cancellationToken),
            field => field == nameof(AlarmSubscription.To) ? "on" : field, cancellationToken);

    private static Task<Results<Ok<SubscriptionDocument>, ValidationProblem, ProblemHttpResult>> ChangeDevice(Guid id, DeviceWrite body,
        SuiviDbContext db, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, subscription => AlarmSubscriptions.ChangeDeviceAsync(db, subscription, body.DeviceId, cancellationToken),
            field => field, cancellationToken);

    private static async Task<Results<Created<AlarmDocument>, ValidationProblem, ProblemHttpResult>> RecordAlarm(Guid id, AlarmWrite body,
        SuiviDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var subscription = await db.AlarmSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return PeopleApi.NotFound();
        }
        try
        {
            var alarm = await AlarmSubscriptions.RecordAlarmAsync(db, subscription, new NewAlarm(body.OnDate, body.AtTime, body.OutcomeId, body.Note),
                clock.Today(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var codes = await CodesAsync(db, [alarm.OutcomeId], cancellationToken);
            // An alarm is read with its subscription: there is no address of its own to give.
            return TypedResults.Created((string?)null, Document(alarm, codes));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
    }

    private static async Task<Ok<AlarmPage>> Alarms(SuiviDbContext db, TimeProvider clock, DateOnly? from, DateOnly? to, Guid? serviceId,
        Guid? outcomeId, int? page, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var first = from ?? new DateOnly(today.Year, today.Month, 1);
        var last = to ?? today;
        if (last < first)
        {
            (first, last) = (last, first);
        }
        var alarms = db.Alarms.Between(first, last, serviceId, outcomeId);
        var byOutcome = await AlarmSubscriptions.CountByOutcomeAsync(db, alarms, cancellationToken);
        var number = Math.Max(1, page ?? 1);
        var items = await alarms.OrderByDescending(a => a.OnDate).ThenByDescending(a => a.AtTime).ThenByDescending(a => a.Id)
            .Skip((number - 1) * PageSize).Take(PageSize).AsNoTracking().ToListAsync(cancellationToken);
        var codes = byOutcome.ToDictionary(o => o.OutcomeId, o => o.Code);
        return TypedResults.Ok(new AlarmPage(first, last, byOutcome, items.Select(a => Document(a, codes)).ToList(), byOutcome.Sum(o => o.Count),
            number, PageSize));
    }

    private static async Task<Results<Ok<SubscriptionDocument>, ValidationProblem, ProblemHttpResult>> ChangeAsync(SuiviDbContext db, Guid id,
        Func<AlarmSubscription, Task> change, Func<string?, string?> field, CancellationToken cancellationToken)
    {
        var subscription = await db.AlarmSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return PeopleApi.NotFound();
        }
        try
        {
            await change(subscription);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok((await DocumentAsync(db, id, cancellationToken))!);
        }
        catch (DomainRuleException rule)
        {
            return Invalid(new DomainRuleException(rule.Message, field(rule.Field)));
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The subscription was changed by someone else",
                detail: "Nothing was saved. Read the subscription again and retry.");
        }
    }

    private static async Task<SubscriptionDocument?> DocumentAsync(SuiviDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.AlarmSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return null;
        }
        var alarms = await db.Alarms.Where(a => a.SubscriptionId == id).OrderByDescending(a => a.OnDate).ThenByDescending(a => a.AtTime)
            .AsNoTracking().ToListAsync(cancellationToken);
        var codes = await CodesAsync(db, alarms.Select(a => a.OutcomeId).Append(subscription.DeviceId), cancellationToken);
        return Document(subscription, alarms, codes);
    }

    private static Task<Dictionary<Guid, string>> CodesAsync(SuiviDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return db.ListItems.Where(i => wanted.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
    }

    private static SubscriptionDocument Document(AlarmSubscription s, IEnumerable<Alarm> alarms, IReadOnlyDictionary<Guid, string> codes) =>
        new(s.Id, s.ServiceId, s.BeneficiaryId, s.DeviceId, codes.GetValueOrDefault(s.DeviceId), s.From, s.To,
            alarms.Select(a => Document(a, codes)).ToList(), s.Version);

    private static AlarmDocument Document(Alarm a, IReadOnlyDictionary<Guid, string> codes) =>
        new(a.Id, a.SubscriptionId, a.ServiceId, a.OnDate, a.AtTime, a.OutcomeId, codes.GetValueOrDefault(a.OutcomeId), a.Note);

    private static ValidationProblem Invalid(DomainRuleException rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [rule.Field is { Length: > 0 } field ? char.ToLowerInvariant(field[0]) + field[1..] : ""] = [rule.Message],
        });
}
