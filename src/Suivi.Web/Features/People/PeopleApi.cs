using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Features.People;

/// <summary>The people of an organisation as JSON, for integrations. Errors are RFC 9457 problem details.</summary>
public static class PeopleApi
{
    public sealed record PersonSummary(Guid Id, string FirstName, string LastName, DateOnly? BirthDate, Region? Region);

    public sealed record PersonDocument(Guid Id, string FirstName, string LastName, DateOnly? BirthDate, Sex Sex, Region? Region,
        string Language, string? Phone, string? Email, string? Address, string? Notes, long Version);

    public sealed record PersonWrite(string? FirstName, string? LastName, DateOnly? BirthDate, Sex? Sex, Region? Region,
        string? Language, string? Phone, string? Email, string? Address, string? Notes, long? Version);

    public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").RequireAuthorization(Policies.SeeNames);
        people.MapGet("/", List);
        people.MapGet("/{id:guid}", Get);
        people.MapPost("/", Create).RequireAuthorization(Policies.EditRecords);
        people.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.EditRecords);
        return api;
    }

    private static async Task<Ok<PageOf<PersonSummary>>> List(SuiviDbContext db, string? q, int? page, CancellationToken cancellationToken)
    {
        const int pageSize = 50;
        var query = db.Beneficiaries.Matching(q);
        var total = await query.CountAsync(cancellationToken);
        var number = Math.Max(1, page ?? 1);
        var items = await query.InListOrder()
            .Skip((number - 1) * pageSize).Take(pageSize)
            .Select(b => new PersonSummary(b.Id, b.FirstName, b.LastName, b.BirthDate, b.Region))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PageOf<PersonSummary>(items, total, number, pageSize));
    }

    private static async Task<Results<Ok<PersonDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var person = await db.Beneficiaries.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }
        await audit.RecordViewAsync(nameof(Beneficiary), id, cancellationToken);
        return TypedResults.Ok(Document(person));
    }

    private static async Task<Results<Created<PersonDocument>, ValidationProblem>> Create(PersonWrite body, SuiviDbContext db,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            var person = new Beneficiary(Details(body));
            person.CheckBirthDate(clock.Today());
            db.Beneficiaries.Add(person);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{person.Id}", Document(person));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
    }

    private static async Task<Results<Ok<PersonDocument>, ValidationProblem, ProblemHttpResult>> Update(Guid id, PersonWrite body,
        SuiviDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var person = await db.Beneficiaries.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }
        if (body.Version is not { } version)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["version"] = ["Send the version you read, so that a concurrent change is not overwritten."],
            });
        }
        try
        {
            person.Update(Details(body));
            person.CheckBirthDate(clock.Today());
            db.Entry(person).Property(p => p.Version).OriginalValue = version;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(Document(person));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The person was changed by someone else",
                detail: "Nothing was saved. Read the person again and apply your change to the current version.");
        }
    }

    private static BeneficiaryDetails Details(PersonWrite body) =>
        new(body.FirstName ?? "", body.LastName ?? "", body.BirthDate, body.Sex ?? Sex.Unknown, body.Region, body.Language,
            body.Phone, body.Email, body.Address, body.Notes);

    private static PersonDocument Document(Beneficiary b) =>
        new(b.Id, b.FirstName, b.LastName, b.BirthDate, b.Sex, b.Region, b.Language, b.Phone, b.Email, b.Address, b.Notes, b.Version);

    private static ValidationProblem Invalid(DomainRuleException rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [JsonName(rule.Field ?? "")] = [rule.Message],
        });

    private static string JsonName(string field) => field.Length == 0 ? "" : char.ToLowerInvariant(field[0]) + field[1..];

    internal static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
