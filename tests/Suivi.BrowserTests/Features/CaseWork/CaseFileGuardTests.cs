using System.Text.RegularExpressions;
using Suivi.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.CaseWork;

[Collection(BrowserCollection.Name)]
public sealed partial class CaseFileGuardTests(SuiviInBrowser suivi)
{
    [Fact]
    public Task ClosingWithoutAReason_ShowsTheMessageNextToTheField_AndTheFileStaysOpen() => suivi.JourneyAsync(async page =>
    {
        await page.SignInAsync(DemoAccounts.Coordinator, "/o/arc-en-ciel");
        await page.Locator("header nav a[href='/o/arc-en-ciel/case-files']").ClickAsync();
        await page.Locator("main form[role='search'] select[name='status']").SelectOptionAsync("Open");
        await page.Locator("main form[role='search'] button[type='submit']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/o/arc-en-ciel/case-files\?.*status=Open"));
        await page.Locator("main table tbody tr th a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(CaseWorkSteps.CaseFilePage());
        var fileUrl = page.Url;
        await Expect(page.Locator("main .badges .status-open")).ToBeVisibleAsync();

        await page.CaseWorkLink("close").ClickAsync();
        // Everything but the reason: the date stays today's, and a qualified file gets its closing category.
        var closingCategory = page.Field("Input.PrimaryCategoryId");
        if (await closingCategory.CountAsync() > 0)
        {
            await closingCategory.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        }
        await page.SaveButton().ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/close$"));
        await page.ExpectMessageNextToTheFieldAsync("Input.ClosureReasonId");
        await Expect(page.Locator("main [data-valmsg-for='Input.ClosureReasonId']")).ToHaveTextAsync("Choisissez le motif de clôture.");
        await page.Locator("main form .actions a").ClickAsync();
        await Expect(page).ToHaveURLAsync(fileUrl);
        await Expect(page.Locator("main .badges .status-open")).ToBeVisibleAsync();
        await Expect(page.Locator("#episodes tbody tr").Last.Locator("td").Nth(1)).ToBeEmptyAsync();
    });

    [Fact]
    public async Task FileRestrictedToTheWorker_IsNotFoundForTheCoordinator_NorInTheirList()
    {
        var family = $"Restreint-{Guid.NewGuid().ToString("N")[..6]}";
        var fileUrl = "";
        var reference = "";

        // The administrator opens a file for a new person and restricts it to the worker, Nico Bauer.
        await suivi.JourneyAsync(async page =>
        {
            await page.SignInAsync(DemoAccounts.Administrator, "/o/arc-en-ciel");
            await page.Locator("header nav a[href='/o/arc-en-ciel/people']").ClickAsync();
            await page.Locator("main a[href='/o/arc-en-ciel/people/new']").ClickAsync();
            await page.Field("Input.FirstName").FillAsync("Maël");
            await page.Field("Input.LastName").FillAsync(family);
            await page.SaveButton().ClickAsync();
            await Expect(page).ToHaveURLAsync(CaseWorkSteps.PersonPage());

            await page.Locator("main a[href^='/o/arc-en-ciel/case-files/new?beneficiary=']").ClickAsync();
            await Expect(page.Locator($"main input[name='Input.BeneficiaryId']")).ToBeCheckedAsync();
            await page.Field("Input.ServiceId").ChooseAsync("Visites à domicile");
            await page.SaveButton().ClickAsync();
            await Expect(page).ToHaveURLAsync(CaseWorkSteps.CaseFilePage());
            fileUrl = new Uri(page.Url).AbsolutePath;
            reference = (await page.Locator("main h1").InnerTextAsync()).Split(' ')[^1];
            Assert.Matches(HomeVisitsReference(), reference);

            await page.CaseWorkLink("restrict").ClickAsync();
            await page.Locator("main .check").Filter(new() { HasText = "Nico Bauer" }).Locator("input[type='checkbox']").CheckAsync();
            await page.SaveButton().ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(fileUrl) + "$"));
            await Expect(page.Locator("main .badges .status-restricted")).ToBeVisibleAsync();
            await Expect(page.Detail("Visible uniquement par")).ToContainTextAsync("Nico Bauer");

            // Those named on the file still find it in the list.
            await page.Locator("header nav a[href='/o/arc-en-ciel/case-files']").ClickAsync();
            await page.Locator("main input[name='q']").FillAsync(reference);
            await page.Locator("main input[name='q']").PressAsync("Enter");
            await Expect(page.Locator($"main table a[href='{fileUrl}']")).ToHaveTextAsync(reference);
        }, $"{nameof(FileRestrictedToTheWorker_IsNotFoundForTheCoordinator_NorInTheirList)}_Administrator");

        // The coordinator, in a browser of her own, finds no trace of it.
        await suivi.JourneyAsync(async page =>
        {
            await page.SignInAsync(DemoAccounts.Coordinator, "/o/arc-en-ciel");
            await page.Locator("header nav a[href='/o/arc-en-ciel/case-files']").ClickAsync();
            await page.Locator("main input[name='q']").FillAsync(reference);
            await page.Locator("main input[name='q']").PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex(@"/o/arc-en-ciel/case-files\?q="));
            await Expect(page.Locator("main p[aria-live]")).ToHaveTextAsync(new Regex(@"^0\b"));
            await Expect(page.Locator($"main a[href='{fileUrl}']")).ToHaveCountAsync(0);
            await page.Locator("main input[name='q']").FillAsync(family);
            await page.Locator("main input[name='q']").PressAsync("Enter");
            await Expect(page.Locator("main p[aria-live]")).ToHaveTextAsync(new Regex(@"^0\b"));

            // A link kept from before the restriction leads to the not-found page, which names no file.
            var answer = await page.GotoAsync(fileUrl);
            Assert.Equal(404, answer?.Status);
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Page introuvable");
            await Expect(page.Locator("main")).Not.ToContainTextAsync(reference);
        }, $"{nameof(FileRestrictedToTheWorker_IsNotFoundForTheCoordinator_NorInTheirList)}_Coordinator");
    }

    [GeneratedRegex(@"^VAD-\d{4}-\d{4}$")]
    private static partial Regex HomeVisitsReference();
}
