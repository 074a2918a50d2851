using System.Text.RegularExpressions;
using Suivi.BrowserTests.Features.CaseWork;
using Suivi.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.Contacts;

/// <summary>
/// A helpline operator logs a call as it comes: the caller is found while their name is typed (no search
/// button pressed), the call is saved and the form is ready for the next one; the call then becomes a request
/// in one step, and the contact shows the request it became.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class HelplineJourneyTests(SuiviInBrowser suivi)
{
    [Fact]
    public Task Operator_FindsTheCallerWhileTyping_LogsTheCall_AndTurnsItIntoARequest() => suivi.JourneyAsync(async page =>
    {
        await page.SignInAsync(DemoAccounts.Coordinator, "/o/mosaique/people");
        var firstPerson = page.Locator("main table tbody tr th a").First;
        var personUrl = await firstPerson.GetAttributeAsync("href") ?? throw new InvalidOperationException("No person in the list.");
        var personId = personUrl[^36..];
        var name = (await firstPerson.TextContentAsync())!.Trim();
        var lastName = name[(name.LastIndexOf(' ') + 1)..];

        await page.GotoAsync("/o/mosaique/contacts/new");
        // A helpline call, now, anonymous until someone is chosen.
        await Expect(page.Locator("main input[name='Input.Kind'][value='HelplineCall']")).ToBeCheckedAsync();
        await Expect(page.Locator("main input[name='Input.BeneficiaryId'][value='']")).ToBeCheckedAsync();
        await page.Locator("main input[data-person-find]").PressSequentiallyAsync(lastName);
        var caller = page.Locator($"main input[name='Input.BeneficiaryId'][value='{personId}']");
        await Expect(caller).ToBeVisibleAsync();
        await caller.CheckAsync();
        await page.Field("Input.DurationMinutes").FillAsync("6");
        await page.Field("Input.Subject").FillAsync("Asks for help at home after a fall.");
        await page.SaveButton().ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/o/mosaique/contacts/new\?.*recorded="));
        await Expect(page.Field("Input.Subject")).ToBeEmptyAsync();
        await page.Locator("main p.notice a").ClickAsync();
        await Expect(page).ToHaveURLAsync(ContactPage());
        var contactUrl = page.Url;
        await Expect(page.Locator($"main dl.details a[href='{personUrl}']")).ToBeVisibleAsync();

        await page.Locator("main a.button[href*='fromContact']").ClickAsync();
        await Expect(page.Field("Input.Summary")).ToHaveValueAsync("Asks for help at home after a fall.");
        await Expect(page.Locator($"main input[name='Input.PersonIds'][value='{personId}']")).ToBeCheckedAsync();
        await page.Field("Input.SourceId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.SaveButton().ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/o/mosaique/requests/[0-9a-f-]{36}$"));
        var requestPath = new Uri(page.Url).AbsolutePath;

        await page.GotoAsync(contactUrl);
        await Expect(page.Locator("main a.contact-request")).ToHaveAttributeAsync("href", requestPath);
        await Expect(page.Locator("main a.button[href*='fromContact']")).ToHaveCountAsync(0);
    });

    [GeneratedRegex("/o/mosaique/contacts/[0-9a-f-]{36}$")]
    private static partial Regex ContactPage();
}
