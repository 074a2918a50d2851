using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Contacts;

namespace Suivi.Features.Appointments;

/// <summary>An appointment as the form or the API asks for it.</summary>
public sealed record NewAppointment(
    Guid? ServiceId,
    DateOnly? RequestedOn,
    DateOnly? OnDate,
    TimeOnly? StartTime,
    Guid? SiteId,
    Guid? TypeId,
    Guid? BeneficiaryId,
    Guid? CaseFileId,
    Guid? StaffMemberId,
    string? Note);

/// <summary>A postponement or a cancellation: who asked for it, why, and for a postponement the new day.</summary>
public sealed record AppointmentChange(AppointmentParty? By, string? Reason, DateOnly? NewDate, TimeOnly? NewTime);

/// <summary>
/// The appointments of a period by what became of them: still requested, held, postponed and cancelled —
/// each by the family or by the service, as reports count them.
/// </summary>
public sealed record AppointmentCounts(int Total, int Requested, int Held, int PostponedByFamily, int PostponedByService, int CancelledByFamily,
    int CancelledByService)
{
    public static readonly AppointmentCounts None = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// Booking appointments and recording what became of them, from the pages and the API alike. References are
/// checked to be the organisation's own (a case file restricted to others is not found either); the rules of
/// <see cref="Appointment"/> do the rest. Refused rules name the field of <see cref="NewAppointment"/> or
/// <see cref="AppointmentChange"/>.
/// </summary>
public static class AppointmentBook
{
    public static async Task<Appointment> BookAsync(SuiviDbContext db, NewAppointment entry, DateOnly today, CancellationToken ct)
    {
        var service = await References.ServiceAsync(db, entry.ServiceId, nameof(NewAppointment.ServiceId), ct);
        var onDate = entry.OnDate ?? throw new DomainRuleException("This field is required.", nameof(NewAppointment.OnDate));
        if (entry.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == siteId && s.ServiceId == service.Id, ct))
        {
            throw new DomainRuleException("Choose a site of the service.", nameof(NewAppointment.SiteId));
        }
        await References.CheckOfferedAsync(db, ListKind.DeliveryType, entry.TypeId, service.Id, null, nameof(NewAppointment.TypeId),
            "Choose the type of appointment.", ct);
        await References.CheckPersonAsync(db, entry.BeneficiaryId, nameof(NewAppointment.BeneficiaryId), ct);
        if (entry.CaseFileId is { } fileId)
        {
            var file = await db.CaseFiles.Include(c => c.Episodes).AsNoTracking().SingleOrDefaultAsync(c => c.Id == fileId, ct)
                ?? throw new DomainRuleException("Choose a case file of the organisation.", nameof(NewAppointment.CaseFileId));
            if (!file.WasOpenOn(onDate))
            {
                throw new DomainRuleException("The case file was not open on this date.", nameof(NewAppointment.CaseFileId));
            }
        }
        await References.CheckStaffAsync(db, entry.StaffMemberId, nameof(NewAppointment.StaffMemberId), ct);
        var appointment = new Appointment(service.Id,
            new AppointmentDetails(onDate, entry.StartTime, entry.SiteId, entry.TypeId, entry.BeneficiaryId, entry.CaseFileId, entry.StaffMemberId,
                entry.Note),
            entry.RequestedOn ?? today, today);
        db.Appointments.Add(appointment);
        return appointment;
    }

    /// <summary>Postpones the appointment to a new one, added to the unit of work, which keeps everything but the day and time.</summary>
    public static Appointment Postpone(SuiviDbContext db, Appointment appointment, AppointmentChange change, DateOnly today)
    {
        var by = change.By ?? throw new DomainRuleException("Say who postponed or cancelled it: family or service.", nameof(AppointmentChange.By));
        var newDate = change.NewDate ?? throw new DomainRuleException("This field is required.", nameof(AppointmentChange.NewDate));
        try
        {
            var next = appointment.Postpone(by, change.Reason, newDate, change.NewTime, today);
            db.Appointments.Add(next);
            return next;
        }
        catch (DomainRuleException rule) when (rule.Field == nameof(Appointment.OnDate))
        {
            throw new DomainRuleException("The new date is today or later.", nameof(AppointmentChange.NewDate));
        }
        catch (DomainRuleException rule) when (rule.Field == nameof(Appointment.ChangeReason))
        {
            throw new DomainRuleException(rule.Message, nameof(AppointmentChange.Reason));
        }
    }

    public static void Cancel(Appointment appointment, AppointmentChange change)
    {
        var by = change.By ?? throw new DomainRuleException("Say who postponed or cancelled it: family or service.", nameof(AppointmentChange.By));
        try
        {
            appointment.Cancel(by, change.Reason);
        }
        catch (DomainRuleException rule) when (rule.Field == nameof(Appointment.ChangeReason))
        {
            throw new DomainRuleException(rule.Message, nameof(AppointmentChange.Reason));
        }
    }

    /// <summary>The days a view covers around <paramref name="on"/> (weeks start on Monday), and where "previous" and "next" lead.</summary>
    public static (DateOnly From, DateOnly To, DateOnly Previous, DateOnly Next) Period(string view, DateOnly on)
    {
        switch (view)
        {
            case "day":
                return (on, on, on.AddDays(-1), on.AddDays(1));
            case "month":
                var first = new DateOnly(on.Year, on.Month, 1);
                return (first, first.AddMonths(1).AddDays(-1), first.AddMonths(-1), first.AddMonths(1));
            default:
                var monday = on.AddDays(-(((int)on.DayOfWeek + 6) % 7));
                return (monday, monday.AddDays(6), monday.AddDays(-7), monday.AddDays(7));
        }
    }

    public static IQueryable<Appointment> Between(this IQueryable<Appointment> appointments, DateOnly from, DateOnly to, Guid? serviceId,
        Guid? siteId)
    {
        appointments = appointments.Where(a => a.OnDate >= from && a.OnDate <= to);
        if (serviceId is { } service)
        {
            appointments = appointments.Where(a => a.ServiceId == service);
        }
        if (siteId is { } site)
        {
            appointments = appointments.Where(a => a.SiteId == site);
        }
        return appointments;
    }

    public static async Task<AppointmentCounts> CountAsync(IQueryable<Appointment> appointments, CancellationToken ct)
    {
        var groups = await appointments.GroupBy(a => new { a.Status, a.ChangedBy })
            .Select(g => new { g.Key.Status, g.Key.ChangedBy, Count = g.Count() })
            .ToListAsync(ct);
        int Count(AppointmentStatus status, AppointmentParty? by = null) =>
            groups.Where(g => g.Status == status && (by is null || g.ChangedBy == by)).Sum(g => g.Count);
        return new AppointmentCounts(groups.Sum(g => g.Count), Count(AppointmentStatus.Requested), Count(AppointmentStatus.Held),
            Count(AppointmentStatus.Postponed, AppointmentParty.Family), Count(AppointmentStatus.Postponed, AppointmentParty.Service),
            Count(AppointmentStatus.Cancelled, AppointmentParty.Family), Count(AppointmentStatus.Cancelled, AppointmentParty.Service));
    }
}
