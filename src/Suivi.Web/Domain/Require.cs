using System.Text.RegularExpressions;

namespace Suivi.Domain;

/// <summary>Guards shared by the entities' constructors and transitions.</summary>
internal static partial class Require
{
    public static string Text(string? value, string field, int maxLength = 200)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainRuleException("This field is required.", field);
        }
        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException("This field is too long.", field);
        }
        return trimmed;
    }

    public static string? OptionalText(string? value, string field, int maxLength = 200)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException("This field is too long.", field);
        }
        return trimmed;
    }

    /// <summary>Slugs appear in URLs; 60 characters is what the database keeps (OrganisationConfiguration).</summary>
    public static string Slug(string value)
    {
        if (value.Length > 60 || !SlugPattern().IsMatch(value))
        {
            throw new DomainRuleException("Use lower-case letters, digits and dashes only.", nameof(Slug));
        }
        return value;
    }

    /// <summary>A short code as users type them in lists and typologies: letters, digits, dashes, dots, underscores.</summary>
    public static string Code(string? value)
    {
        var code = Text(value, nameof(Code), 40);
        if (!CodePattern().IsMatch(code))
        {
            throw new DomainRuleException("A code uses letters, digits, dashes, dots and underscores only.", nameof(Code));
        }
        return code;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
