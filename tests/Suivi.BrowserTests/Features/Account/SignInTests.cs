using System.Text.RegularExpressions;
using Suivi.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.Account;

[Collection(BrowserCollection.Name)]
public sealed partial class SignInTests(SuiviInBrowser suivi)
{
    [Fact]
    public Task WrongPassword_ShowsAnError_AndStaysOnTheSignInPage() => suivi.JourneyAsync(async page =>
    {
        await page.GotoAsync("/sign-in");
        await page.EmailField().FillAsync(DemoAccounts.Coordinator);
        await page.PasswordField().FillAsync("not-the-password");
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.SignInButton().ClickAsync(), response => response.Request.Method == "POST");

        Assert.Equal(200, answer.Status);
        await Expect(page).ToHaveURLAsync(SignInSteps.SignInPage());
        var error = page.Locator("main [role='alert']");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).Not.ToBeEmptyAsync();
        await Expect(page.EmailField()).ToHaveValueAsync(DemoAccounts.Coordinator);
        await Expect(page.PasswordField()).ToHaveValueAsync("");
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotMatch(StackTrace(), text);
    });

    [Fact]
    public Task SignOut_ThenOpeningPeople_LeadsToTheSignInPage() => suivi.JourneyAsync(async page =>
    {
        await page.SignInAsync(DemoAccounts.Coordinator, "/o/arc-en-ciel/people");

        await page.SignOutButton().ClickAsync();
        await Expect(page).ToHaveURLAsync(SignInSteps.SignInPage());
        await Expect(page.SignOutButton()).ToHaveCountAsync(0);

        await page.GotoAsync("/o/arc-en-ciel/people");
        await Expect(page).ToHaveURLAsync(SignInSteps.SignInPage());
        await Expect(page.EmailField()).ToBeVisibleAsync();
        await Expect(page.Locator("main table")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task SignInForm_CanBeCompletedWithTheKeyboardAlone_AndTheSkipLinkComesFirst() => suivi.JourneyAsync(async page =>
    {
        await page.GotoAsync($"/sign-in?ReturnUrl={Uri.EscapeDataString("/o/arc-en-ciel/people")}");
        // The e-mail field has the focus on arrival (autofocus); if not, Tab must lead there.
        for (var presses = 0; presses < 10 && !await IsFocusedAsync(page.EmailField()); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await Expect(page.EmailField()).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(DemoAccounts.Coordinator);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.PasswordField()).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(DemoAccounts.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel/people$"));

        // On a page without autofocus, the first Tab reaches the skip link, visibly, and Enter moves into the content.
        await page.Keyboard.PressAsync("Tab");
        var skipLink = page.Locator("a[href='#main']");
        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToBeInViewportAsync();
        var box = await skipLink.BoundingBoxAsync();
        Assert.True(box is { Width: > 20, Height: > 10 }, $"The focused skip link is too small to be seen: {box?.Width}×{box?.Height}.");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
    });

    private static Task<bool> IsFocusedAsync(ILocator locator) =>
        locator.EvaluateAsync<bool>("element => element === document.activeElement");

    [GeneratedRegex(@"Exception|\bat Suivi\.|\bat Microsoft\.|\.cs:line \d+")]
    private static partial Regex StackTrace();
}
