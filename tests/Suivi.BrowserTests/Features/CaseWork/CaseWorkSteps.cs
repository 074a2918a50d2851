using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.CaseWork;

/// <summary>
/// Small steps of case work. Fields are found by their name attribute; the choices in a list by the label a person
/// reads there (a category may show its code before it: "PHYS — Violence physique").
/// </summary>
internal static partial class CaseWorkSteps
{
    public static ILocator Field(this IPage page, string name) => page.Locator($"main [name='{name}']");

    /// <summary>The main button of the form on the page (not the secondary ones, such as "search" or "add a row").</summary>
    public static ILocator SaveButton(this IPage page) => page.Locator("main form .actions button[type='submit']");

    /// <summary>A link of the case file's action bar, by the page it leads to (assess, note, close, …).</summary>
    public static ILocator CaseWorkLink(this IPage page, string action) =>
        page.Locator($"main nav.actions a[href$='/{action}']");

    /// <summary>The value a details list (dl) of the page gives for <paramref name="term"/>, as the page names it.</summary>
    public static ILocator Detail(this IPage page, string term) =>
        page.Locator("main dl.details > div")
            .Filter(new() { Has = page.Locator("dt").Filter(new() { HasTextRegex = new Regex($@"^\s*{Regex.Escape(term)}\s*$") }) })
            .Locator("dd");

    /// <summary>Chooses, in <paramref name="select"/>, the one option that reads <paramref name="label"/>, with or without a code before it.</summary>
    public static async Task ChooseAsync(this ILocator select, string label)
    {
        var option = select.Locator("option").Filter(new() { HasTextRegex = new Regex($@"^\s*(\S+ — )?{Regex.Escape(label)}\s*$") });
        await Expect(option).ToHaveCountAsync(1);
        await select.SelectOptionAsync(await option.GetAttributeAsync("value") ?? "");
    }

    /// <summary>The message of <paramref name="name"/>'s field is shown, and just under the field.</summary>
    public static async Task ExpectMessageNextToTheFieldAsync(this IPage page, string name)
    {
        var field = page.Field(name);
        var message = page.Locator($"main [data-valmsg-for='{name}']");
        await Expect(message).ToBeVisibleAsync();
        await Expect(message).Not.ToBeEmptyAsync();
        var fieldBox = await field.BoundingBoxAsync();
        var messageBox = await message.BoundingBoxAsync();
        Assert.True(fieldBox is not null && messageBox is not null && Math.Abs(messageBox.Y - (fieldBox.Y + fieldBox.Height)) < 40,
            $"The message of {name} is not next to its field (field at y={fieldBox?.Y}, message at y={messageBox?.Y}).");
    }

    /// <summary>The date the app calls today (it counts days in UTC), as a date field holds it.</summary>
    public static string Today => TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("/o/arc-en-ciel/requests/[0-9a-f-]{36}$")]
    public static partial Regex RequestPage();

    [GeneratedRegex("/o/arc-en-ciel/case-files/[0-9a-f-]{36}$")]
    public static partial Regex CaseFilePage();

    [GeneratedRegex("/o/arc-en-ciel/case-files/[0-9a-f-]{36}/referrals$")]
    public static partial Regex ReferralsPage();

    [GeneratedRegex("/o/arc-en-ciel/people/[0-9a-f-]{36}$")]
    public static partial Regex PersonPage();
}
