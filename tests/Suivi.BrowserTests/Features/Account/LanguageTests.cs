using System.Text.RegularExpressions;
using Suivi.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.Account;

/// <summary>The choice is stored on the account: the worker's account is used so no other journey sees it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(SuiviInBrowser suivi)
{
    [Fact]
    public Task SwitchingToGerman_KeepsGermanOnTheNextPages_AndFrenchComesBack() => suivi.JourneyAsync(async page =>
    {
        var html = page.Locator("html");
        await page.SignInAsync(DemoAccounts.Worker, "/o/arc-en-ciel/people");
        await Expect(html).ToHaveAttributeAsync("lang", "fr");
        var frenchSignOut = (await page.SignOutButton().InnerTextAsync()).Trim();

        await ChooseLanguageAsync(page, "de");
        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel/people$"));
        await Expect(html).ToHaveAttributeAsync("lang", "de");
        await Expect(page.SignOutButton()).ToHaveTextAsync("Abmelden");

        await page.Locator("header nav a[href='/o/arc-en-ciel']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel$"));
        await Expect(html).ToHaveAttributeAsync("lang", "de");
        await Expect(page.Locator("header select[name='language']")).ToHaveValueAsync("de");

        await ChooseLanguageAsync(page, "fr");
        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel$"));
        await Expect(html).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.SignOutButton()).ToHaveTextAsync(frenchSignOut);
    });

    private static async Task ChooseLanguageAsync(IPage page, string language)
    {
        var form = page.Locator("header form[action='/language']");
        await form.Locator("select[name='language']").SelectOptionAsync(language);
        await form.Locator("button[type='submit']").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }
}
