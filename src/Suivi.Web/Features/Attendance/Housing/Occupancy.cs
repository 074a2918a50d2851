using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Attendance.Housing;

/// <summary>
/// How many residents a residence housed each day, from its stays. A stay counts on every day from its
/// first day to its last, both included; an open stay counts up to the end of the period asked about.
/// The average daily occupancy of a period is the sum over its days of the residents present, divided by
/// its number of days (365 or 366 for a year).
/// </summary>
public static class Occupancy
{
    /// <summary>The days of a stay, as the calculation needs them.</summary>
    public sealed record Stay(DateOnly From, DateOnly? To);

    /// <summary>The number of days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static int Days(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber + 1;

    /// <summary>The days of <paramref name="stay"/> that fall within from..to (both included); 0 when they do not meet.</summary>
    public static int DaysWithin(Stay stay, DateOnly from, DateOnly to)
    {
        var first = stay.From > from ? stay.From : from;
        var last = stay.To is { } end && end < to ? end : to;
        return last < first ? 0 : Days(first, last);
    }

    /// <summary>The residents present on each day from <paramref name="from"/> to <paramref name="to"/>, one count per day.</summary>
    public static IReadOnlyList<int> PerDay(IEnumerable<Stay> stays, DateOnly from, DateOnly to)
    {
        CheckPeriod(from, to);
        // Each stay adds one from its first day in the period and takes it away after its last: one pass, whatever the stays' length.
        var change = new int[Days(from, to) + 1];
        foreach (var stay in stays)
        {
            var first = stay.From > from ? stay.From : from;
            var last = stay.To is { } end && end < to ? end : to;
            if (last >= first)
            {
                change[first.DayNumber - from.DayNumber]++;
                change[last.DayNumber - from.DayNumber + 1]--;
            }
        }
        var counts = new int[change.Length - 1];
        var present = 0;
        for (var day = 0; day < counts.Length; day++)
        {
            present += change[day];
            counts[day] = present;
        }
        return counts;
    }

    /// <summary>The sum over the days of the period of the residents present, divided by the number of days.</summary>
    public static decimal AverageDaily(IEnumerable<Stay> stays, DateOnly from, DateOnly to)
    {
        CheckPeriod(from, to);
        long residentDays = stays.Sum(stay => (long)DaysWithin(stay, from, to));
        return (decimal)residentDays / Days(from, to);
    }

    /// <summary>Stays that have at least one day within from..to.</summary>
    public static IQueryable<HousingStay> Touching(this IQueryable<HousingStay> stays, DateOnly from, DateOnly to) =>
        stays.Where(s => s.From <= to && (s.To == null || s.To >= from));

    /// <summary>Stays going on on <paramref name="day"/>: the residents of that day.</summary>
    public static IQueryable<HousingStay> On(this IQueryable<HousingStay> stays, DateOnly day) => stays.Touching(day, day);

    /// <summary>The stays of the given residences that touch the period, read as dates only.</summary>
    public static async Task<ILookup<Guid, Stay>> StaysAsync(SuiviDbContext db, IReadOnlyCollection<Guid> residenceIds, DateOnly from, DateOnly to,
        CancellationToken cancellationToken) =>
        (await db.HousingStays.Where(s => residenceIds.Contains(s.ServiceId)).Touching(from, to)
            .Select(s => new { s.ServiceId, s.From, s.To })
            .ToListAsync(cancellationToken))
        .ToLookup(s => s.ServiceId, s => new Stay(s.From, s.To));

    private static void CheckPeriod(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(to));
        }
    }
}
