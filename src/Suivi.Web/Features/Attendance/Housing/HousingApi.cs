using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Partners;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.Attendance.Housing;

/// <summary>Supervised housing as JSON: residences, stays (recorded, ended, corrected) and the occupancy per day.</summary>
public static class HousingApi
{
    public sealed record ResidenceSummary(Guid Id, string Code, string Name, int ResidentsToday);

    public sealed record StayDocument(Guid Id, Guid ResidenceId, string Residence, Guid PersonId, string FirstName, string LastName,
        DateOnly From, DateOnly? To, long Version);

    public sealed record StayWrite(Guid? ResidenceId, Guid? PersonId, DateOnly? From, DateOnly? To);

    public sealed record StayCorrection(DateOnly? From, DateOnly? To, long? Version);

    public sealed record EndWrite(DateOnly? On, long? Version);

    public sealed record DayOccupancy(DateOnly Date, int Residents);

    /// <summary>Residents per day; the average daily occupancy is the sum of the days' residents divided by the number of days.</summary>
    public sealed record OccupancyDocument(Guid ResidenceId, DateOnly From, DateOnly To, int Days, long ResidentDays, decimal AverageDaily,
        IReadOnlyList<DayOccupancy> PerDay);

    public static RouteGroupBuilder MapHousingApi(this RouteGroupBuilder api)
    {
        var residences = api.MapGroup("/housing").RequireAuthorization(Policies.SeeNames).WithTags("Attendance");
        residences.MapGet("/", Residences).WithName("ListResidences").WithSummary("The supervised-housing residences with their residents today");
        residences.MapGet("/{id:guid}/occupancy", OccupancyPerDay).WithName("GetResidenceOccupancy")
            .WithSummary("Residents of a residence on each day from one day to another (this month by default, at most 366 days)");

        var stays = api.MapGroup("/housing-stays").RequireAuthorization(Policies.SeeNames).WithTags("Attendance");
        stays.MapGet("/", List).WithName("ListHousingStays").WithSummary("Stays, of a residence or a person, the latest first, 100 a page");
        stays.MapGet("/{id:guid}", Get).WithName("GetHousingStay").WithSummary("One stay");
        stays.MapPost("/", Create).RequireAuthorization(Policies.EditRecords).WithName("CreateHousingStay")
            .WithSummary("Records a stay; a person has one stay at a time, in whichever residence");
        stays.MapPost("/{id:guid}/end", End).RequireAuthorization(Policies.EditRecords).WithName("EndHousingStay")
            .WithSummary("Ends a stay on its last night; send the version you read");
        stays.MapPut("/{id:guid}", Correct).RequireAuthorization(Policies.EditRecords).WithName("CorrectHousingStay")
            .WithSummary("Corrects the dates of a stay (no end: open again); send the version you read");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ResidenceSummary>>> Residences(SuiviDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var residents = await db.HousingStays.On(today).GroupBy(s => s.ServiceId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var residences = await db.Services.Where(s => s.Kind == ServiceKind.SupervisedHousing).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ResidenceSummary>>(residences
            .Select(r => new ResidenceSummary(r.Id, r.Code, r.Name, residents.GetValueOrDefault(r.Id))).ToList());
    }

    private static async Task<Results<Ok<OccupancyDocument>, ValidationProblem, ProblemHttpResult>> OccupancyPerDay(Guid id, DateOnly? from,
        DateOnly? to, SuiviDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await Stays.FindResidenceAsync(db, id, cancellationToken) is null)
        {
            return PeopleApi.NotFound();
        }
        try
        {
            var (first, last) = AttendanceApi.Period(from, to, clock.Today());
            var stays = (await Occupancy.StaysAsync(db, [id], first, last, cancellationToken))[id].ToList();
            var perDay = Occupancy.PerDay(stays, first, last);
            return TypedResults.Ok(new OccupancyDocument(id, first, last, perDay.Count, perDay.Sum(d => (long)d),
                Occupancy.AverageDaily(stays, first, last),
                perDay.Select((residents, day) => new DayOccupancy(first.AddDays(day), residents)).ToList()));
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
    }

    private static async Task<Ok<PeopleApi.PageOf<StayDocument>>> List(Guid? residence, Guid? person, int? page, SuiviDbContext db,
        CancellationToken cancellationToken)
    {
        const int pageSize = 100;
        var stays = db.HousingStays.AsQueryable();
        if (residence is { } residenceId)
        {
            stays = stays.Where(s => s.ServiceId == residenceId);
        }
        if (person is { } personId)
        {
            stays = stays.Where(s => s.BeneficiaryId == personId);
        }
        var total = await stays.CountAsync(cancellationToken);
        var number = Math.Max(1, page ?? 1);
        var rows = await Stays.Rows(db, stays).OrderByDescending(r => r.From).ThenBy(r => r.LastName).ThenBy(r => r.Id)
            .Skip((number - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PeopleApi.PageOf<StayDocument>(rows.Select(Document).ToList(), total, number, pageSize));
    }

    private static async Task<Results<Ok<StayDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, CancellationToken cancellationToken) =>
        await RowAsync(db, id, cancellationToken) is { } row ? TypedResults.Ok(Document(row)) : PeopleApi.NotFound();

    private static async Task<Results<Created<StayDocument>, ValidationProblem>> Create(StayWrite body, SuiviDbContext db, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            var stay = await Stays.StartAsync(db, body.ResidenceId, body.PersonId, body.From, body.To, clock.Today(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var row = await RowAsync(db, stay.Id, cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{stay.Id}", Document(row!));
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
    }

    private static Task<Results<Ok<StayDocument>, ValidationProblem, ProblemHttpResult>> End(Guid id, EndWrite body, SuiviDbContext db,
        CancellationToken cancellationToken) =>
        ChangeAsync(db, id, body.Version, (stay, ct) => Stays.EndAsync(db, stay, body.On, ct), cancellationToken);

    private static Task<Results<Ok<StayDocument>, ValidationProblem, ProblemHttpResult>> Correct(Guid id, StayCorrection body, SuiviDbContext db,
        TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, body.Version, (stay, ct) => Stays.CorrectAsync(db, stay, body.From, body.To, clock.Today(), ct), cancellationToken);

    private static async Task<Results<Ok<StayDocument>, ValidationProblem, ProblemHttpResult>> ChangeAsync(SuiviDbContext db, Guid id,
        long? version, Func<HousingStay, CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        var stay = await db.HousingStays.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (stay is null)
        {
            return PeopleApi.NotFound();
        }
        if (version is not { } read)
        {
            return PartnersApi.VersionMissing();
        }
        try
        {
            await change(stay, cancellationToken);
            db.Entry(stay).Property(s => s.Version).OriginalValue = read;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            return PartnersApi.Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PartnersApi.Conflict("The stay was changed by someone else", "Nothing was saved. Read the stay again and apply your change to the current version.");
        }
        return TypedResults.Ok(Document((await RowAsync(db, id, cancellationToken))!));
    }

    private static Task<Stays.Row?> RowAsync(SuiviDbContext db, Guid id, CancellationToken cancellationToken) =>
        Stays.Rows(db, db.HousingStays.Where(s => s.Id == id)).SingleOrDefaultAsync(cancellationToken);

    private static StayDocument Document(Stays.Row r) =>
        new(r.Id, r.ResidenceId, r.Residence, r.PersonId, r.FirstName, r.LastName, r.From, r.To, r.Version);
}
