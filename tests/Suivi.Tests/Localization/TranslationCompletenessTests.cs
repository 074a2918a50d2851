using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Suivi.Domain;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Localization;

/// <summary>
/// Every text the interface can show has a French and a German translation. The English text is the
/// key; the keys are read from the sources the way tools/extract-strings.py reads them.
/// </summary>
public sealed partial class TranslationCompletenessTests
{
    /// <summary>Enums shown with L[value.ToString()]: every enum of the domain and of the security model.</summary>
    private static readonly Type[] ShownEnums = typeof(IOrganisationOwned).Assembly.GetTypes()
        .Where(t => t.IsEnum && t.IsPublic && t.Namespace is "Suivi.Domain" or "Suivi.Security")
        .ToArray();

    [Theory]
    [InlineData("fr")]
    [InlineData("de")]
    public void EveryTextOfTheInterface_HasATranslation(string language)
    {
        var translations = Translations(language);

        var problems = Keys()
            .Select(key => translations.TryGetValue(key, out var text) switch
            {
                false => $"missing: {key}",
                true when string.IsNullOrWhiteSpace(text) => $"empty: {key}",
                true when !Placeholders(key).SequenceEqual(Placeholders(text!)) => $"placeholders differ: {key} -> {text}",
                _ => null,
            })
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(problems.Count == 0, $"SharedResource.{language}.resx:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("de")]
    public void NoTwoKeys_DifferOnlyByCase(string language)
    {
        // The resource compiler keeps one of two names that differ only by case: the other text is lost.
        var clashes = Translations(language).Keys
            .GroupBy(key => key, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .Select(group => string.Join(" / ", group))
            .ToList();

        Assert.True(clashes.Count == 0, $"SharedResource.{language}.resx: keys differing only by case: {string.Join("; ", clashes)}");
    }

    [Fact]
    public void Keys_AreFoundInTheSources()
    {
        var keys = Keys();

        Assert.Contains("Sign in to Suivi", keys);
        Assert.Contains("This field is required.", keys);
        Assert.Contains("A case file cannot close before it opened.", keys);
        Assert.Contains("Psychologist", keys);
        Assert.Contains("FamilyLink", keys);
    }

    private static HashSet<string> Keys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var web = Path.Combine(TestRepository.Root, "src", "Suivi.Web");
        foreach (var file in SourceFiles(web))
        {
            var text = File.ReadAllText(file);
            foreach (var pattern in new[] { LocalizerKey(), ErrorMessage(), DisplayName(), DomainRule(), MarkedText() })
            {
                keys.UnionWith(pattern.Matches(text).Select(m => Regex.Unescape(m.Groups["key"].Value)));
            }
            if (text.Contains("localizer[error.Description]", StringComparison.Ordinal))
            {
                keys.UnionWith(PasswordErrors());
            }
        }
        keys.UnionWith(ShownEnums.SelectMany(Enum.GetNames));
        // Kinds of record in the audit log: the type names the save interceptor and the audit log write.
        keys.UnionWith(typeof(IOrganisationOwned).Assembly.GetTypes()
            .Where(t => t.IsClass && typeof(IOrganisationOwned).IsAssignableFrom(t)).Select(t => t.Name));
        keys.Add(nameof(UserAccount));
        return keys;
    }

    /// <summary>The Identity messages the password page can show for the password rules the app configures.</summary>
    private static IEnumerable<string> PasswordErrors()
    {
        var rules = new ServiceCollection().AddSuiviAccounts().BuildServiceProvider()
            .GetRequiredService<IOptions<IdentityOptions>>().Value.Password;
        var describe = new IdentityErrorDescriber();
        yield return describe.PasswordTooShort(rules.RequiredLength).Description;
        yield return describe.ConcurrencyFailure().Description;
        if (rules.RequireDigit)
        {
            yield return describe.PasswordRequiresDigit().Description;
        }
        if (rules.RequireLowercase)
        {
            yield return describe.PasswordRequiresLower().Description;
        }
        if (rules.RequireUppercase)
        {
            yield return describe.PasswordRequiresUpper().Description;
        }
        if (rules.RequireNonAlphanumeric)
        {
            yield return describe.PasswordRequiresNonAlphanumeric().Description;
        }
        if (rules.RequiredUniqueChars > 1)
        {
            yield return describe.PasswordRequiresUniqueChars(rules.RequiredUniqueChars).Description;
        }
    }

    private static Dictionary<string, string?> Translations(string language)
    {
        var web = Path.Combine(TestRepository.Root, "src", "Suivi.Web");
        var file = Assert.Single(Directory.EnumerateFiles(web, $"SharedResource.{language}.resx", SearchOption.AllDirectories),
            f => !IsBuildOutput(web, f));
        return XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value"), StringComparer.Ordinal);
    }

    private static IEnumerable<string> SourceFiles(string web) =>
        Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !IsBuildOutput(web, f) && !Path.GetRelativePath(web, f).Split(Path.DirectorySeparatorChar).Contains("Migrations"));

    private static bool IsBuildOutput(string web, string file) =>
        Path.GetRelativePath(web, file).Split(Path.DirectorySeparatorChar) is [var top, ..] && top is "bin" or "obj";

    private static IEnumerable<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);

    /// <summary>A C# string literal; its text is the key.</summary>
    private const string Literal = @"""(?<key>(?:[^""\\]|\\.)*)""";

    [GeneratedRegex(@"\b(?:L|localizer|Localizer|_localizer)\[\s*" + Literal)]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"\bErrorMessage\s*=\s*" + Literal)]
    private static partial Regex ErrorMessage();

    [GeneratedRegex(@"\bDisplay\s*\([^)]*?\bName\s*=\s*" + Literal)]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"\bnew\s+DomainRuleException\s*\(\s*" + Literal)]
    private static partial Regex DomainRule();

    /// <summary>Texts chosen in code and shown with L[…] later, marked TextKey("…").</summary>
    [GeneratedRegex(@"\bTextKey\(\s*" + Literal)]
    private static partial Regex MarkedText();

    [GeneratedRegex(@"\{\d+(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();
}
