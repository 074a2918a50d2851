using System.Globalization;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Values as spreadsheets and exports write them: dates as 2024-01-05, 05/01/2024, 05.01.2024 or an
/// Excel serial number; times as 9:30 or 09:30:00; numbers with a decimal point or a decimal comma.
/// </summary>
public static class ImportValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy", "yyyy-M-d"];
    private static readonly string[] TimeFormats = ["H:mm", "H:mm:ss", "HH:mm", "HH:mm:ss"];

    /// <summary>The first day Excel's serial numbers can mean here (1900-01-01 is 1; later numbers are days since 1899-12-30).</summary>
    private const double FirstSerial = 61;

    private const double LastSerial = 2958465;

    public static bool TryDate(string text, out DateOnly date)
    {
        // "2024-01-05 00:00:00" and "2024-01-05T00:00:00": a date written with its (midnight) time.
        var value = text.Length > 10 && text[10] is ' ' or 'T' && text[4] == '-' ? text[..10] : text;
        if (TryIsoDate(value, out date))
        {
            return true;
        }
        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial)
            && serial is >= FirstSerial and <= LastSerial)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            return true;
        }
        return false;
    }

    public static bool TryTime(string text, out TimeOnly time) =>
        TryClockTime(text, out time) || TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>
    /// 2024-01-05, the form nearly every export writes, read digit by digit: the general parser costs more than a
    /// million-row file's writing. Anything else (or an impossible day) is left to the general parser.
    /// </summary>
    private static bool TryIsoDate(string text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>09:30 or 9:30 (and 09:30:00), read digit by digit; anything else is left to the general parser.</summary>
    private static bool TryClockTime(string text, out TimeOnly time)
    {
        time = default;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var end = colon + 3;
        var withSeconds = text.Length == end + 3 && text[end] == ':';
        var second = 0;
        if (colon is not (1 or 2) || (text.Length != end && !withSeconds)
            || !TryDigits(text, 0, colon, out var hour) || !TryDigits(text, colon + 1, 2, out var minute)
            || (withSeconds && !TryDigits(text, end + 1, 2, out second))
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        time = new TimeOnly(hour, minute, second);
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
            value = (value * 10) + (text[i] - '0');
        }
        return true;
    }

    /// <summary>A decimal number: 12.5 or 12,5; no thousands separators.</summary>
    public static bool TryDecimal(string text, out decimal number) =>
        decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out number);

    /// <summary>A list in one cell: values separated by ';' (or '|'), trimmed, empty ones left out.</summary>
    public static string[] List(string? text) =>
        text?.Split([';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>Names compared as people type them: case and runs of spaces do not matter.</summary>
    public static string Folded(string text) =>
        string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant();
}
