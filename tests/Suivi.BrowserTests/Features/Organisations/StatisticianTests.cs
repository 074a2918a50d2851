using System.Text.RegularExpressions;
using Suivi.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.Organisations;

[Collection(BrowserCollection.Name)]
public sealed partial class StatisticianTests(SuiviInBrowser suivi)
{
    [Fact]
    public Task Statistician_SeesFigures_ButNoPeopleLink_AndPeopleIsRefused() => suivi.JourneyAsync(async page =>
    {
        await page.SignInAsync(DemoAccounts.Statistician, "/o/mosaique");

        var figures = page.Locator("main dl dd");
        await Expect(figures.First).ToBeVisibleAsync();
        Assert.True(await figures.CountAsync() >= 3, "The organisation page shows fewer than three figures.");
        foreach (var figure in await figures.AllInnerTextsAsync())
        {
            Assert.Matches(Figure(), figure);
        }
        await Expect(page.Locator("a[href^='/o/mosaique/people']")).ToHaveCountAsync(0);
        await Expect(page.Locator("a[href^='/o/mosaique/case-files']")).ToHaveCountAsync(0);

        var answer = await page.GotoAsync("/o/mosaique/people");
        Assert.Equal(403, answer?.Status);
        await Expect(page.Locator("input[name='q']")).ToHaveCountAsync(0);
        await Expect(page.Locator("main a[href^='/o/mosaique/people/']")).ToHaveCountAsync(0);
    });

    [GeneratedRegex(@"^\s*\d[\d\s\u00a0\u202f.,']*\s*$")]
    private static partial Regex Figure();
}
