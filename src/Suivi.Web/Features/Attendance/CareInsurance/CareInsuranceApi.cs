using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Partners;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.Attendance.CareInsurance;

/// <summary>Long-term-care insurance periods as JSON: a person's periods, a new one, ending and correcting one.</summary>
public static class CareInsuranceApi
{
    public sealed record PeriodDocument(Guid Id, Guid PersonId, DateOnly From, DateOnly? To, long Version);

    public sealed record PeriodWrite(DateOnly? From, DateOnly? To);

    public sealed record PeriodCorrection(DateOnly? From, DateOnly? To, long? Version);

    public sealed record EndWrite(DateOnly? On, long? Version);

    public static RouteGroupBuilder MapCareInsuranceApi(this RouteGroupBuilder api)
    {
        var ofPerson = api.MapGroup("/people/{id:guid}/care-insurance").RequireAuthorization(Policies.SeeNames).WithTags("Attendance");
        ofPerson.MapGet("/", List).WithName("ListCareInsurancePeriods").WithSummary("A person's long-term-care insurance periods, the latest first");
        ofPerson.MapPost("/", Create).RequireAuthorization(Policies.EditRecords).WithName("CreateCareInsurancePeriod")
            .WithSummary("Adds a period to a person; the periods of one person do not overlap");

        var periods = api.MapGroup("/care-insurance").RequireAuthorization(Policies.SeeNames).WithTags("Attendance");
        periods.MapGet("/{id:guid}", Get).WithName("GetCareInsurancePeriod").WithSummary("One long-term-care insurance period");
        periods.MapPost("/{id:guid}/end", End).RequireAuthorization(Policies.EditRecords).WithName("EndCareInsurancePeriod")
            .WithSummary("Ends a period on its last day; send the version you read");
        periods.MapPut("/{id:guid}", Correct).RequireAuthorization(Policies.EditRecords).WithName("CorrectCareInsurancePeriod")
            .WithSummary("Corrects the dates of a period (no end: open again); send the version you read");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<PeriodDocument>>, ProblemHttpResult>> List(Guid id, SuiviDbContext db, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!await db.Beneficiaries.AnyAsync(b => b.Id == id, cancellationToken))
        {
            return PeopleApi.NotFound();
        }
        var periods = await CarePeriods.OfAsync(db, id, cancellationToken);
        await audit.RecordViewAsync(nameof(Beneficiary), id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PeriodDocument>>(periods.Select(Document).ToList());
    }

    private static async Task<Results<Created<PeriodDocument>, ValidationProblem, ProblemHttpResult>> Create(Guid id, PeriodWrite body,
        SuiviDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.Beneficiaries.AnyAsync(b => b.Id == id, cancellationToken))
        {
            return PeopleApi.NotFound();
        }
        try
        {
            var period = await CarePeriods.AddAsync(db, id, body.From, body.To, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var org = http.GetRouteValue("org");
            return TypedResults.Created($"/api/o/{org}/care-insurance/{period.Id}", Document(period));
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
    }

    private static async Task<Results<Ok<PeriodDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, CancellationToken cancellationToken) =>
        await db.CareInsurancePeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is { } period
            ? TypedResults.Ok(Document(period))
            : PeopleApi.NotFound();

    private static Task<Results<Ok<PeriodDocument>, ValidationProblem, ProblemHttpResult>> End(Guid id, EndWrite body, SuiviDbContext db,
        CancellationToken cancellationToken) =>
        ChangeAsync(db, id, body.Version, (period, ct) => CarePeriods.EndAsync(db, period, body.On, ct), cancellationToken);

    private static Task<Results<Ok<PeriodDocument>, ValidationProblem, ProblemHttpResult>> Correct(Guid id, PeriodCorrection body,
        SuiviDbContext db, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, body.Version, (period, ct) => CarePeriods.CorrectAsync(db, period, body.From, body.To, ct), cancellationToken);

    private static async Task<Results<Ok<PeriodDocument>, ValidationProblem, ProblemHttpResult>> ChangeAsync(SuiviDbContext db, Guid id,
        long? version, Func<CareInsurancePeriod, CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        var period = await db.CareInsurancePeriods.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null)
        {
            return PeopleApi.NotFound();
        }
        if (version is not { } read)
        {
            return PartnersApi.VersionMissing();
        }
        try
        {
            await change(period, cancellationToken);
            db.Entry(period).Property(p => p.Version).OriginalValue = read;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(Document(period));
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PartnersApi.Conflict("The period was changed by someone else",
                "Nothing was saved. Read the period again and apply your change to the current version.");
        }
    }

    private static PeriodDocument Document(CareInsurancePeriod p) => new(p.Id, p.BeneficiaryId, p.From, p.To, p.Version);
}
