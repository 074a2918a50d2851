using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Alarms;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.Contacts;

/// <summary>
/// The contact log as JSON (helpline calls, client-relations contacts), and the alarm service's endpoints
/// (<see cref="AlarmsApi"/>). Errors are RFC 9457 problem details naming the JSON field.
/// </summary>
public static class ContactsApi
{
    public const int PageSize = 50;

    /// <summary>A contact; <c>beneficiaryId</c> is null for an anonymous one, <c>requestId</c> set once it was turned into a request.</summary>
    public sealed record ContactDocument(Guid Id, Guid ServiceId, ContactKind Kind, ContactDirection Direction, DateOnly OnDate, TimeOnly? AtTime,
        int? DurationSeconds, Guid? ChannelId, Guid? BeneficiaryId, bool Anonymous, Guid? OutcomeId, string? OutcomeCode, Guid? StaffMemberId,
        string? Subject, Guid? RequestId, long Version);

    /// <summary>A page of the log, with the counts of every matching contact (not only this page's).</summary>
    public sealed record ContactPage(IReadOnlyList<ContactDocument> Items, int Total, int Page, int PageSize, ContactCounts Counts);

    /// <summary>
    /// A contact to record, or the correction of one (with the <c>version</c> read). Leave <c>beneficiaryId</c> out for an
    /// anonymous contact: no person is created. <c>durationSeconds</c> lies between 0 and 12 hours.
    /// </summary>
    public sealed record ContactWrite(Guid? ServiceId, ContactKind? Kind, ContactDirection? Direction, DateOnly? OnDate, TimeOnly? AtTime,
        int? DurationSeconds, Guid? ChannelId, Guid? BeneficiaryId, Guid? OutcomeId, Guid? StaffMemberId, string? Subject, long? Version);

    public static RouteGroupBuilder MapContactsApi(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("/contacts").RequireAuthorization(Policies.SeeNames);
        contacts.MapGet("/", List).WithName("ListContacts")
            .WithSummary("The contact log of a period (today by default), latest first, with counts by direction and of anonymous contacts");
        contacts.MapGet("/{id:guid}", Get).WithName("GetContact").WithSummary("A contact of the log");
        contacts.MapPost("/", Create).WithName("CreateContact").WithSummary("Logs a contact").RequireAuthorization(Policies.EditRecords);
        contacts.MapPut("/{id:guid}", Update).WithName("CorrectContact")
            .WithSummary("Corrects a contact; send the version read").RequireAuthorization(Policies.EditRecords);
        api.MapAlarmsApi();
        return api;
    }

    private static async Task<Ok<ContactPage>> List(SuiviDbContext db, TimeProvider clock, DateOnly? from, DateOnly? to, Guid? serviceId,
        ContactKind? kind, ContactDirection? direction, Guid? outcomeId, int? page, CancellationToken cancellationToken)
    {
        var first = from ?? to ?? ContactLog.LocalNow(clock).Day;
        var last = to ?? first;
        var filtered = new ContactFilter(first < last ? first : last, first < last ? last : first, serviceId, kind, direction, outcomeId)
            .Apply(db.Contacts);
        var (counts, _) = await ContactLog.CountAsync(filtered, cancellationToken);
        var number = Math.Max(1, page ?? 1);
        var contacts = await filtered.OrderByDescending(c => c.OnDate).ThenByDescending(c => c.AtTime).ThenByDescending(c => c.Id)
            .Skip((number - 1) * PageSize).Take(PageSize).AsNoTracking().ToListAsync(cancellationToken);
        var codes = await CodesAsync(db, contacts, cancellationToken);
        return TypedResults.Ok(new ContactPage(contacts.Select(c => Document(c, codes)).ToList(), counts.Total, number, PageSize, counts));
    }

    private static async Task<Results<Ok<ContactDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return PeopleApi.NotFound();
        }
        await audit.RecordViewAsync(nameof(Contact), id, cancellationToken);
        return TypedResults.Ok(Document(contact, await CodesAsync(db, [contact], cancellationToken)));
    }

    private static async Task<Results<Created<ContactDocument>, ValidationProblem>> Create(ContactWrite body, SuiviDbContext db,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (Missing(body) is { } missing)
        {
            return missing;
        }
        try
        {
            var contact = await ContactLog.RecordAsync(db, Entry(body), clock.Today(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{contact.Id}",
                Document(contact, await CodesAsync(db, [contact], cancellationToken)));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
    }

    private static async Task<Results<Ok<ContactDocument>, ValidationProblem, ProblemHttpResult>> Update(Guid id, ContactWrite body,
        SuiviDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return PeopleApi.NotFound();
        }
        if (body.Version is not { } version)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["version"] = ["Send the version you read, so that a concurrent change is not overwritten."],
            });
        }
        if (Missing(body) is { } missing)
        {
            return missing;
        }
        try
        {
            await ContactLog.CorrectAsync(db, contact, Entry(body), clock.Today(), cancellationToken);
            db.Entry(contact).Property(c => c.Version).OriginalValue = version;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(Document(contact, await CodesAsync(db, [contact], cancellationToken)));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The contact was changed by someone else",
                detail: "Nothing was saved. Read the contact again and apply your correction to the current version.");
        }
    }

    private static ValidationProblem? Missing(ContactWrite body)
    {
        var missing = new Dictionary<string, string[]>();
        if (body.Kind is null)
        {
            missing["kind"] = ["This field is required."];
        }
        if (body.Direction is null)
        {
            missing["direction"] = ["This field is required."];
        }
        if (body.OnDate is null)
        {
            missing["onDate"] = ["This field is required."];
        }
        return missing.Count > 0 ? TypedResults.ValidationProblem(missing) : null;
    }

    private static ContactEntry Entry(ContactWrite body) =>
        new(body.ServiceId, body.Kind!.Value, body.Direction!.Value, body.OnDate, body.AtTime,
            body.DurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, body.ChannelId, body.BeneficiaryId, body.OutcomeId,
            body.StaffMemberId, body.Subject);

    private static Task<Dictionary<Guid, string>> CodesAsync(SuiviDbContext db, IReadOnlyCollection<Contact> contacts, CancellationToken ct)
    {
        var ids = contacts.Select(c => c.OutcomeId).OfType<Guid>().Distinct().ToList();
        return db.ListItems.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Code, ct);
    }

    private static ContactDocument Document(Contact c, IReadOnlyDictionary<Guid, string> codes) =>
        new(c.Id, c.ServiceId, c.Kind, c.Direction, c.OnDate, c.AtTime, c.DurationSeconds, c.ChannelId, c.BeneficiaryId, c.IsAnonymous,
            c.OutcomeId, c.OutcomeId is { } outcome ? codes.GetValueOrDefault(outcome) : null, c.StaffMemberId, c.Subject, c.RequestId, c.Version);

    private static ValidationProblem Invalid(DomainRuleException rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [JsonName(rule.Field)] = [rule.Message] });

    private static string JsonName(string? field) => field switch
    {
        null or "" => "",
        nameof(ContactEntry.Duration) => "durationSeconds",
        _ => char.ToLowerInvariant(field[0]) + field[1..],
    };
}
