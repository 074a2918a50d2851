using System.Text.RegularExpressions;
using Suivi.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.People;

[Collection(BrowserCollection.Name)]
public sealed partial class CreatePersonTests(SuiviInBrowser suivi)
{
    [Fact]
    public Task MissingLastName_IsShownNextToTheField_KeepsTheFirstName_ThenFixingItCreatesThePerson() => suivi.JourneyAsync(async page =>
    {
        await page.SignInAsync(DemoAccounts.Coordinator, "/o/arc-en-ciel/people");
        await page.Locator("main a[href='/o/arc-en-ciel/people/new']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel/people/new$"));

        var firstName = page.Locator("input[name='Input.FirstName']");
        var lastName = page.Locator("input[name='Input.LastName']");
        var save = page.Locator("main form[method='post'] button[type='submit']");
        await firstName.FillAsync("Zélie");
        await save.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel/people/new$"));
        var lastNameField = page.Locator(".field").Filter(new() { Has = lastName });
        var lastNameError = lastNameField.Locator("[data-valmsg-for='Input.LastName']");
        await Expect(lastNameError).ToBeVisibleAsync();
        await Expect(lastNameError).Not.ToBeEmptyAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.FirstName']")).ToBeEmptyAsync();
        await Expect(firstName).ToHaveValueAsync("Zélie");
        var fieldBox = await lastName.BoundingBoxAsync();
        var errorBox = await lastNameError.BoundingBoxAsync();
        Assert.True(fieldBox is not null && errorBox is not null && Math.Abs(errorBox.Y - (fieldBox.Y + fieldBox.Height)) < 40,
            $"The message is not next to the last name field (field at y={fieldBox?.Y}, message at y={errorBox?.Y}).");

        var family = $"Essai-{Guid.NewGuid().ToString("N")[..6]}";
        await lastName.FillAsync(family);
        await save.ClickAsync();

        await Expect(page).ToHaveURLAsync(PersonPage());
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Zélie {family}");
    });

    [GeneratedRegex("/o/arc-en-ciel/people/[0-9a-f-]{36}$")]
    private static partial Regex PersonPage();
}
