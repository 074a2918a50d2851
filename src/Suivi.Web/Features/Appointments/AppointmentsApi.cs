using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.Appointments;

/// <summary>
/// Appointments as JSON: the agenda of a period with its counts, one appointment, booking, and what became of
/// it (held, postponed — which books the replacing appointment —, cancelled). Appointments of a case file
/// restricted to others do not exist here. Errors are RFC 9457 problem details naming the JSON field.
/// </summary>
public static class AppointmentsApi
{
    public const int PageSize = 100;

    public sealed record AppointmentDocument(Guid Id, Guid ServiceId, DateOnly RequestedOn, DateOnly OnDate, TimeOnly? StartTime, Guid? SiteId,
        Guid? TypeId, string? TypeCode, Guid? BeneficiaryId, Guid? CaseFileId, Guid? StaffMemberId, AppointmentStatus Status,
        AppointmentParty? ChangedBy, string? ChangeReason, Guid? PostponedToId, string? Note, long Version);

    /// <summary>The appointments of a period (by day and time), with the counts of all of them, whatever the page.</summary>
    public sealed record AppointmentPage(DateOnly From, DateOnly To, AppointmentCounts Counts, IReadOnlyList<AppointmentDocument> Items, int Total,
        int Page, int PageSize);

    /// <summary>The postponed appointment and the one booked in its place.</summary>
    public sealed record Postponement(AppointmentDocument Postponed, AppointmentDocument Replacement);

    /// <summary>An appointment to book: for a person (<c>beneficiaryId</c>), a case file (<c>caseFileId</c>) or both; <c>requestedOn</c> is today when left out.</summary>
    public sealed record AppointmentWrite(Guid? ServiceId, DateOnly? RequestedOn, DateOnly? OnDate, TimeOnly? StartTime, Guid? SiteId,
        Guid? TypeId, Guid? BeneficiaryId, Guid? CaseFileId, Guid? StaffMemberId, string? Note);

    /// <summary>Who postponed or cancelled (<c>Family</c> or <c>Service</c>), why, and for a postponement the new day and time.</summary>
    public sealed record ChangeWrite(AppointmentParty? By, string? Reason, DateOnly? NewDate, TimeOnly? NewTime);

    public static RouteGroupBuilder MapAppointmentsApi(this RouteGroupBuilder api)
    {
        var appointments = api.MapGroup("/appointments").RequireAuthorization(Policies.SeeNames);
        appointments.MapGet("/", List).WithName("ListAppointments")
            .WithSummary("The appointments of a period (this week by default), by day and time, with counts by status and by whom");
        appointments.MapGet("/{id:guid}", Get).WithName("GetAppointment").WithSummary("An appointment");
        appointments.MapPost("/", Book).WithName("CreateAppointment").WithSummary("Books an appointment").RequireAuthorization(Policies.EditRecords);
        appointments.MapPost("/{id:guid}/held", Held).WithName("HoldAppointment")
            .WithSummary("Records that the appointment was held (on its day or later)").RequireAuthorization(Policies.EditRecords);
        appointments.MapPost("/{id:guid}/postponed", Postponed).WithName("PostponeAppointment")
            .WithSummary("Postpones the appointment, by the family or the service, and books the new one").RequireAuthorization(Policies.EditRecords);
        appointments.MapPost("/{id:guid}/cancelled", Cancelled).WithName("CancelAppointment")
            .WithSummary("Cancels the appointment, by the family or the service").RequireAuthorization(Policies.EditRecords);
        return api;
    }

    private static async Task<Ok<AppointmentPage>> List(SuiviDbContext db, TimeProvider clock, DateOnly? from, DateOnly? to, Guid? serviceId,
        Guid? siteId, AppointmentStatus? status, int? page, CancellationToken cancellationToken)
    {
        var (weekStart, weekEnd, _, _) = AppointmentBook.Period("week", clock.Today());
        var first = from ?? (to is { } end ? end : weekStart);
        var last = to ?? (from is null ? weekEnd : first);
        if (last < first)
        {
            (first, last) = (last, first);
        }
        var period = db.Appointments.Between(first, last, serviceId, siteId);
        var counts = await AppointmentBook.CountAsync(period, cancellationToken);
        var shown = status is { } wanted ? period.Where(a => a.Status == wanted) : period;
        var number = Math.Max(1, page ?? 1);
        var items = await shown.OrderBy(a => a.OnDate).ThenBy(a => a.StartTime).ThenBy(a => a.Id)
            .Skip((number - 1) * PageSize).Take(PageSize).AsNoTracking().ToListAsync(cancellationToken);
        var codes = await CodesAsync(db, items, cancellationToken);
        return TypedResults.Ok(new AppointmentPage(first, last, counts, items.Select(a => Document(a, codes)).ToList(),
            await shown.CountAsync(cancellationToken), number, PageSize));
    }

    private static async Task<Results<Ok<AppointmentDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return PeopleApi.NotFound();
        }
        await audit.RecordViewAsync(nameof(Appointment), id, cancellationToken);
        return TypedResults.Ok(Document(appointment, await CodesAsync(db, [appointment], cancellationToken)));
    }

    private static async Task<Results<Created<AppointmentDocument>, ValidationProblem>> Book(AppointmentWrite body, SuiviDbContext db,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            var appointment = await AppointmentBook.BookAsync(db, new NewAppointment(body.ServiceId, body.RequestedOn, body.OnDate, body.StartTime,
                body.SiteId, body.TypeId, body.BeneficiaryId, body.CaseFileId, body.StaffMemberId, body.Note), clock.Today(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{appointment.Id}",
                Document(appointment, await CodesAsync(db, [appointment], cancellationToken)));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
    }

    private static async Task<Results<Ok<AppointmentDocument>, ValidationProblem, ProblemHttpResult>> Held(Guid id, SuiviDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return PeopleApi.NotFound();
        }
        try
        {
            appointment.Hold(clock.Today());
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(Document(appointment, await CodesAsync(db, [appointment], cancellationToken)));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }
    }

    private static async Task<Results<Created<Postponement>, ValidationProblem, ProblemHttpResult>> Postponed(Guid id, ChangeWrite body,
        SuiviDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return PeopleApi.NotFound();
        }
        try
        {
            var replacement = AppointmentBook.Postpone(db, appointment, new AppointmentChange(body.By, body.Reason, body.NewDate, body.NewTime),
                clock.Today());
            await db.SaveChangesAsync(cancellationToken);
            var codes = await CodesAsync(db, [appointment], cancellationToken);
            var path = http.Request.Path.Value!;
            return TypedResults.Created($"{path[..path.LastIndexOf($"/{id}", StringComparison.OrdinalIgnoreCase)]}/{replacement.Id}",
                new Postponement(Document(appointment, codes), Document(replacement, codes)));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }
    }

    private static async Task<Results<Ok<AppointmentDocument>, ValidationProblem, ProblemHttpResult>> Cancelled(Guid id, ChangeWrite body,
        SuiviDbContext db, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return PeopleApi.NotFound();
        }
        try
        {
            AppointmentBook.Cancel(appointment, new AppointmentChange(body.By, body.Reason, null, null));
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(Document(appointment, await CodesAsync(db, [appointment], cancellationToken)));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }
    }

    private static ProblemHttpResult Conflict() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The appointment was changed by someone else",
            detail: "Nothing was saved. Read the appointment again to see what became of it.");

    private static Task<Dictionary<Guid, string>> CodesAsync(SuiviDbContext db, IReadOnlyCollection<Appointment> appointments,
        CancellationToken cancellationToken)
    {
        var ids = appointments.Select(a => a.TypeId).OfType<Guid>().Distinct().ToList();
        return db.ListItems.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
    }

    private static AppointmentDocument Document(Appointment a, IReadOnlyDictionary<Guid, string> codes) =>
        new(a.Id, a.ServiceId, a.RequestedOn, a.OnDate, a.StartTime, a.SiteId, a.TypeId, a.TypeId is { } type ? codes.GetValueOrDefault(type) : null,
            a.BeneficiaryId, a.CaseFileId, a.StaffMemberId, a.Status, a.ChangedBy, a.ChangeReason, a.PostponedToId, a.Note, a.Version);

    private static ValidationProblem Invalid(DomainRuleException rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [rule.Field is { Length: > 0 } field ? char.ToLowerInvariant(field[0]) + field[1..] : ""] = [rule.Message],
        });
}
