using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Infrastructure;

/// <summary>
/// Steps many journeys share. Elements are found by name attribute, role or address, not by their
/// (translated) text, so the journeys hold in every language.
/// </summary>
public static partial class SignInSteps
{
    public static ILocator EmailField(this IPage page) => page.Locator("input[name='Input.Email']");

    public static ILocator PasswordField(this IPage page) => page.Locator("input[name='Input.Password']");

    public static ILocator SignInButton(this IPage page) => page.Locator("main form[method='post'] button[type='submit']");

    public static ILocator SignOutButton(this IPage page) => page.Locator("header form[action='/sign-out'] button[type='submit']");

    /// <summary>
    /// Signs in as a person who followed a link to <paramref name="page"/>'s <paramref name="destination"/>
    /// and waits until they are there.
    /// </summary>
    public static async Task SignInAsync(this IPage page, string email, string destination)
    {
        await page.GotoAsync($"/sign-in?ReturnUrl={Uri.EscapeDataString(destination)}");
        await page.EmailField().FillAsync(email);
        await page.PasswordField().FillAsync(DemoAccounts.Password);
        await page.SignInButton().ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(destination) + "$"));
    }

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/$")]
    public static partial Regex HomePage();

    [GeneratedRegex(@"/sign-in(\?|$)")]
    public static partial Regex SignInPage();
}
