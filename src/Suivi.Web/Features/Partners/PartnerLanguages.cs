using System.Text.RegularExpressions;
using Suivi.Domain;
using Suivi.Features.People;

namespace Suivi.Features.Partners;

/// <summary>
/// The languages a partner or a partner service works in. Stored as comma-separated ISO 639 codes
/// ("lb,fr,de"); the forms offer the usual ones and keep any other code already recorded.
/// </summary>
public static partial class PartnerLanguages
{
    /// <summary>The languages the forms offer, by their own names.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Offered =
        SpokenLanguages.All.Where(l => l.Code != "other").ToList();

    public static IReadOnlyList<string> Split(string? stored) =>
        stored is null ? [] : stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The codes to store, in a stable order; a code that is not a language code is refused.</summary>
    public static string? Join(IEnumerable<string?>? codes)
    {
        var cleaned = (codes ?? []).Select(c => c?.Trim().ToLowerInvariant() ?? "").Where(c => c.Length > 0).Distinct().ToList();
        if (cleaned.Any(c => !CodePattern().IsMatch(c)))
        {
            throw new DomainRuleException("Use two- or three-letter language codes, such as fr, de or lb.", "Languages");
        }
        return cleaned.Count == 0 ? null : string.Join(',', cleaned);
    }

    /// <summary>The options a form shows: the usual languages, then any other recorded code, so that saving never drops one.</summary>
    public static IReadOnlyList<(string Code, string Name)> Choices(IEnumerable<string> current) =>
        Offered.Concat(current.Where(c => Offered.All(o => o.Code != c)).Select(c => (c, c))).ToList();

    public static string Names(string? stored) => string.Join(", ", Split(stored).Select(NameOf));

    public static string NameOf(string code) => Offered.FirstOrDefault(l => l.Code == code).Name ?? code;

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex CodePattern();
}
