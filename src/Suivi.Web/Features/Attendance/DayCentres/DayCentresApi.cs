using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Partners;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.Attendance.DayCentres;

/// <summary>Day-centre visits as JSON: the visits of a centre over a period, and the register of a day, read and saved whole.</summary>
public static class DayCentresApi
{
    public sealed record CentreSummary(Guid Id, string Code, string Name);

    public sealed record VisitDocument(Guid Id, Guid CentreId, Guid PersonId, string FirstName, string LastName, DateOnly Date);

    public sealed record VisitsDocument(Guid CentreId, DateOnly From, DateOnly To, IReadOnlyList<VisitDocument> Visits);

    /// <summary>Who came on a day: every person of the register, those not listed did not come.</summary>
    public sealed record RegisterWrite(DateOnly? Date, IReadOnlyList<Guid>? PersonIds);

    public sealed record RegisterDocument(Guid CentreId, DateOnly Date, IReadOnlyList<Guid> PersonIds);

    /// <summary>The register as saved, and how many visits the save added and removed.</summary>
    public sealed record RegisterSaved(Guid CentreId, DateOnly Date, IReadOnlyList<Guid> PersonIds, int Added, int Removed);

    public static RouteGroupBuilder MapDayCentresApi(this RouteGroupBuilder api)
    {
        var centres = api.MapGroup("/day-centres").RequireAuthorization(Policies.SeeNames).WithTags("Attendance");
        centres.MapGet("/", List).WithName("ListDayCentres").WithSummary("The organisation's day centres");
        centres.MapGet("/{id:guid}/visits", Visits).WithName("ListDayCentreVisits")
            .WithSummary("The visits to a day centre from one day to another (this month by default, at most 366 days)");
        centres.MapGet("/{id:guid}/register", Register).WithName("GetDayCentreRegister")
            .WithSummary("Who came to a day centre on a day (today by default)");
        centres.MapPost("/{id:guid}/register", SaveRegister).RequireAuthorization(Policies.EditRecords).WithName("SaveDayCentreRegister")
            .WithSummary("Saves the register of a day: the people listed came, the others registered that day did not; all or nothing");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<CentreSummary>>> List(SuiviDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<CentreSummary>>(await db.Services.Where(s => s.Kind == ServiceKind.DayCentre).OrderBy(s => s.Name)
            .Select(s => new CentreSummary(s.Id, s.Code, s.Name)).ToListAsync(cancellationToken));

    private static async Task<Results<Ok<VisitsDocument>, ValidationProblem, ProblemHttpResult>> Visits(Guid id, DateOnly? from, DateOnly? to,
        SuiviDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await DayRegister.FindCentreAsync(db, id, cancellationToken) is null)
        {
            return PeopleApi.NotFound();
        }
        try
        {
            var (first, last) = AttendanceApi.Period(from, to, clock.Today());
            var visits = await (from v in db.DayCentreVisits.Where(v => v.ServiceId == id).Between(first, last)
                                join b in db.Beneficiaries on v.BeneficiaryId equals b.Id
                                orderby v.OnDate, b.LastName, b.FirstName
                                select new VisitDocument(v.Id, v.ServiceId, b.Id, b.FirstName, b.LastName, v.OnDate))
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(new VisitsDocument(id, first, last, visits));
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
    }

    private static async Task<Results<Ok<RegisterDocument>, ProblemHttpResult>> Register(Guid id, DateOnly? date, SuiviDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await DayRegister.FindCentreAsync(db, id, cancellationToken) is null)
        {
            return PeopleApi.NotFound();
        }
        var day = date ?? clock.Today();
        var present = await db.DayCentreVisits.Where(v => v.ServiceId == id && v.OnDate == day).Select(v => v.BeneficiaryId)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new RegisterDocument(id, day, present));
    }

    private static async Task<Results<Ok<RegisterSaved>, ValidationProblem, ProblemHttpResult>> SaveRegister(Guid id, RegisterWrite body,
        SuiviDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await DayRegister.FindCentreAsync(db, id, cancellationToken) is null)
        {
            return PeopleApi.NotFound();
        }
        try
        {
            if (body.Date is not { } day)
            {
                throw new DomainRuleException("This field is required.", nameof(RegisterWrite.Date));
            }
            if (body.PersonIds is not { } present)
            {
                throw new DomainRuleException("This field is required.", nameof(RegisterWrite.PersonIds));
            }
            var outcome = await DayRegister.ApplyAsync(db, id, day, present.ToList(), null, clock.Today(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(new RegisterSaved(id, day, present.Distinct().ToList(), outcome.Added, outcome.Removed));
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
        catch (DbUpdateException)
        {
            return PartnersApi.Conflict("The register was saved by someone else meanwhile",
                "Nothing was saved. Read the register again and send it once more.");
        }
    }
}
