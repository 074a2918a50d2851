using System.Globalization;
using Suivi.Domain;

namespace Suivi.Features.Deliveries;

/// <summary>
/// Reads what people type for a delivery — hours ("1.5", "1,5", "1:30"), a start time ("9:30", "9h30"),
/// kilometres ("12,5"), a week ("2026-W47") — whatever the language of the page, and shows hours back.
/// </summary>
public static class DeliveryText
{
    // "%H": a lone "H" would be read as a standard format, not as the hour.
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss", "H'h'mm", "H'h'", "%H"];

    /// <summary>Hours as typed; see <see cref="DeliveryRules.TryParseDuration"/>.</summary>
    public static bool TryReadDuration(string? text, out TimeSpan duration) => DeliveryRules.TryParseDuration(text, out duration);

    /// <summary>
    /// Hours as typed for a delivery that had <paramref name="keptSeconds"/>: the text shown for them, left as it was,
    /// keeps them exactly (an imported 1:00:07 shows as "1,0019" yet stays 3607 seconds).
    /// </summary>
    public static bool TryReadDuration(string? text, int? keptSeconds, out TimeSpan duration)
    {
        if (keptSeconds is { } kept && text?.Trim() == EditableHours(kept))
        {
            duration = TimeSpan.FromSeconds(kept);
            return true;
        }
        return TryReadDuration(text, out duration);
    }

    /// <summary>A time of day: "9:30", "09:30", "9h30", "9h" or "9"; empty means not given.</summary>
    public static bool TryReadStartTime(string? text, out TimeOnly? time)
    {
        time = null;
        var value = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        if (TimeOnly.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            time = parsed;
            return true;
        }
        return false;
    }

    /// <summary>Kilometres with a decimal point or comma; empty means not given.</summary>
    public static bool TryReadKilometres(string? text, out decimal? kilometres)
    {
        kilometres = null;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        if (decimal.TryParse(value.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var parsed))
        {
            kilometres = parsed;
            return true;
        }
        return false;
    }

    /// <summary>A day as date fields send it (yyyy-MM-dd).</summary>
    public static bool TryReadDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The Monday of an ISO week written as week fields send it ("2026-W47").</summary>
    public static bool TryReadWeek(string? text, out DateOnly monday)
    {
        monday = default;
        var value = text?.Trim();
        if (value is not { Length: >= 7 } || value[4] != '-' || char.ToUpperInvariant(value[5]) != 'W'
            || !int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(value.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || year is < 1900 or > 2999 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }
        monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        return true;
    }

    /// <summary>The Monday of the ISO week holding <paramref name="day"/>.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The ISO week of <paramref name="day"/> as week fields write it ("2026-W47").</summary>
    public static string Week(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date):0000}-W{ISOWeek.GetWeekOfYear(date):00}");
    }

    /// <summary>Exact hours of a number of seconds; displays round them, sums never do.</summary>
    public static decimal Hours(long seconds) => (decimal)seconds / 3600;

    /// <summary>Hours rounded to two decimals in the reader's culture ("1,50" in French).</summary>
    public static string ShowHours(long seconds) => Hours(seconds).ToString("N2", CultureInfo.CurrentCulture);

    /// <summary>
    /// Hours as the grid and forms take them back, so that saving unchanged keeps the same seconds: decimal
    /// ("1,5" in French, "1.5" in English) when they are exact in decimals, hours and minutes ("1:20") otherwise.
    /// </summary>
    public static string EditableHours(int seconds) =>
        // seconds / 3600 has a finite decimal expansion exactly when the seconds are a multiple of 9.
        seconds % 9 != 0 && seconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}")
            : Hours(seconds).ToString("0.####", CultureInfo.CurrentCulture);

    /// <summary>Kilometres as forms take them back.</summary>
    public static string? EditableKilometres(int? metres) =>
        metres is { } m ? ((decimal)m / 1000).ToString("0.###", CultureInfo.CurrentCulture) : null;

    public static string? EditableTime(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);
}
