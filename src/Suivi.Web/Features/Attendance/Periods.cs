using System.Globalization;

namespace Suivi.Features.Attendance;

/// <summary>The periods the attendance pages count over: today, a calendar month, a calendar year.</summary>
public static class Periods
{
    public static (DateOnly From, DateOnly To) Year(int year) => (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static (DateOnly From, DateOnly To) MonthOf(DateOnly day) =>
        (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month)));

    /// <summary>A month as URLs give it ("2024-03"): its first day, or null for anything else.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact($"{text}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) ? first : null;

    public static string MonthKey(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The years a page offers, newest first: from the first recorded one (this year when none) to this year.</summary>
    public static IReadOnlyList<int> Years(DateOnly? firstRecorded, int thisYear)
    {
        var first = Math.Min(firstRecorded?.Year ?? thisYear, thisYear);
        return Enumerable.Range(first, thisYear - first + 1).Reverse().ToList();
    }

    /// <summary>The year asked for when it is one of <paramref name="offered"/>, this year otherwise.</summary>
    public static int Chosen(int? asked, IReadOnlyList<int> offered, int thisYear) =>
        asked is { } year && offered.Contains(year) ? year : thisYear;
}
