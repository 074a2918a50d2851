using System.Globalization;
using System.Text;

namespace Suivi.Domain;

/// <summary>
/// The folded form of names used for search, so that "goncalves" finds "Gonçalves" and "MULLER"
/// finds "Müller" identically on every database: lower case, diacritics removed, spaces collapsed.
/// </summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace && folded.Length > 0)
                {
                    folded.Append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            // Lower case first, so that capitals with a special spelling ("STRAẞE") fold like their small letters.
            switch (char.ToLowerInvariant(c))
            {
                case 'ß': folded.Append("ss"); break;
                case 'æ': folded.Append("ae"); break;
                case 'œ': folded.Append("oe"); break;
                case 'ø': folded.Append('o'); break;
                case 'ł': folded.Append('l'); break;
                case var lower: folded.Append(lower); break;
            }
        }
        return folded.ToString().TrimEnd();
    }
}
