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
        TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

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
