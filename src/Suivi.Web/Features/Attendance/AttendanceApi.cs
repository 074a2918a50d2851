using Suivi.Domain;
using Suivi.Features.Attendance.CareInsurance;
using Suivi.Features.Attendance.DayCentres;
using Suivi.Features.Attendance.GroupActivities;
using Suivi.Features.Attendance.Housing;

namespace Suivi.Features.Attendance;

/// <summary>
/// Attendance as JSON: day-centre visits and registers, supervised-housing stays and occupancy, group
/// activities and their participants, long-term-care insurance periods. Members who may see names read;
/// members who record the daily work write. Errors are RFC 9457 problem details; a record of another
/// organisation answers 404 like an unknown one.
/// </summary>
public static class AttendanceApi
{
    /// <summary>The longest period one request reads day by day.</summary>
    public const int MaxDays = 366;

    public static RouteGroupBuilder MapAttendanceApi(this RouteGroupBuilder api)
    {
        api.MapDayCentresApi();
        api.MapHousingApi();
        api.MapGroupActivitiesApi();
        api.MapCareInsuranceApi();
        return api;
    }

    /// <summary>A period from the query string: the month of whichever end is given (this month by default), at most <see cref="MaxDays"/> days.</summary>
    internal static (DateOnly From, DateOnly To) Period(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var first = from ?? Periods.MonthOf(to ?? today).From;
        var last = to ?? Periods.MonthOf(from ?? today).To;
        if (last < first)
        {
            throw new DomainRuleException("The period ends before it starts.", "To");
        }
        if (Occupancy.Days(first, last) > MaxDays)
        {
            throw new DomainRuleException("Ask for 366 days or fewer.", "To");
        }
        return (first, last);
    }
}
