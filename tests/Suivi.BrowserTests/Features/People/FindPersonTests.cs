using System.Text.RegularExpressions;
using Suivi.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.People;

[Collection(BrowserCollection.Name)]
public sealed partial class FindPersonTests(SuiviInBrowser suivi)
{
    [Fact]
    public Task Coordinator_SignsIn_FindsPersonByAccentlessSpelling_OpensTheirCaseFile() => suivi.JourneyAsync(async page =>
    {
        await page.GotoAsync("/sign-in");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await page.EmailField().FillAsync(DemoAccounts.Coordinator);
        await page.PasswordField().FillAsync(DemoAccounts.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();

        await Expect(page).ToHaveURLAsync(SignInSteps.HomePage());
        var organisations = page.Locator("main a[href^='/o/']");
        await Expect(organisations).ToHaveCountAsync(2);
        await organisations.And(page.Locator("[href='/o/arc-en-ciel']")).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel$"));
        await page.Locator("header nav a[href='/o/arc-en-ciel/people']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel/people$"));
        await page.Locator("input[name='q']").FillAsync("goncalves");
        await page.Locator("form[role='search'] button[type='submit']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/o/arc-en-ciel/people\?q=goncalves"));
        var anas = page.GetByRole(AriaRole.Link, new() { Name = "Gonçalves, Ana", Exact = true });
        await Expect(anas.First).ToBeVisibleAsync();

        // The demo network may invent another Ana Gonçalves: the one of the quick tour is Inês's daughter.
        var mother = page.Locator("main a[href^='/o/arc-en-ciel/people/']", new() { HasText = "Inês Gonçalves" });
        var candidates = await anas.CountAsync();
        for (var candidate = 0; ; candidate++)
        {
            await anas.Nth(candidate).ClickAsync();
            await Expect(page).ToHaveURLAsync(PersonPage());
            await Expect(page.Locator("h1")).ToHaveTextAsync("Ana Gonçalves");
            if (await mother.CountAsync() > 0 || candidate == candidates - 1)
            {
                break;
            }
            await page.GoBackAsync();
        }
        await Expect(mother).ToBeVisibleAsync();

        var caseFile = page.Locator("main table a[href^='/o/arc-en-ciel/case-files/']").First;
        var reference = (await caseFile.InnerTextAsync()).Trim();
        Assert.Matches(CaseFileReference(), reference);
        await caseFile.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel/case-files/[0-9a-f-]{36}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync(reference);
        var members = page.Locator("main table tbody tr");
        await Expect(members.Filter(new() { HasText = "Ana Gonçalves" })).ToHaveCountAsync(1);
        await Expect(members.Filter(new() { HasText = "Inês Gonçalves" })).ToHaveCountAsync(1);
    });

    [GeneratedRegex("/o/arc-en-ciel/people/[0-9a-f-]{36}$")]
    private static partial Regex PersonPage();

    [GeneratedRegex(@"^[A-Z]+(-[A-Z]+)?-\d{4}-\d{4}$")]
    private static partial Regex CaseFileReference();
}
