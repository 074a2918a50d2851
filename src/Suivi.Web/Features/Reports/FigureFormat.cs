using System.Globalization;
using System.Text;

namespace Suivi.Features.Reports;

/// <summary>
/// Writes figures as published reports do, in French by default: <c>7 543</c>, <c>1 129,02</c>, <c>3,6 %</c>,
/// <c>-2,8 %</c>; German <c>7.543</c>, <c>3,6 %</c>; English <c>7,543</c>, <c>3.6%</c>. Values are rounded half away
/// from zero, once, at display. The separators are fixed here rather than taken from the machine's culture data,
/// so a report reads the same on every server.
/// </summary>
public static class FigureFormat
{
    /// <summary>What stands in a cell for a year in which a row did not exist, or a progression with nothing to compare.</summary>
    public const string NotApplicable = "/";

    /// <summary>French thousands separator: the narrow no-break space.</summary>
    public const char FrenchGroup = '\u202F';

    private const char NoBreakSpace = '\u00A0';

    public static string Number(decimal? value, int decimals, string language)
    {
        if (value is not { } number)
        {
            return NotApplicable;
        }
        var (group, point) = Separators(language);
        var rounded = Math.Round(number, decimals, MidpointRounding.AwayFromZero);
        var digits = Math.Abs(rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var dot = digits.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? digits : digits[..dot];
        var text = new StringBuilder(digits.Length + 8);
        if (rounded < 0)
        {
            text.Append('-');
        }
        for (var i = 0; i < whole.Length; i++)
        {
            if (i > 0 && (whole.Length - i) % 3 == 0)
            {
                text.Append(group);
            }
            text.Append(whole[i]);
        }
        if (dot >= 0)
        {
            text.Append(point).Append(digits, dot + 1, digits.Length - dot - 1);
        }
        return text.ToString();
    }

    /// <summary>A fraction as a percentage: 0.0357 with one decimal is "3,6 %" in French.</summary>
    public static string Percent(decimal? fraction, int decimals, string language) =>
        fraction is not { } value
            ? NotApplicable
            : Number(value * 100, decimals, language) + (language == "en" ? "%" : NoBreakSpace + "%");

    private static (string Group, char Point) Separators(string language) => language switch
    {
        "de" => (".", ','),
        "en" => (",", '.'),
        _ => (FrenchGroup.ToString(), ','),
    };
}
