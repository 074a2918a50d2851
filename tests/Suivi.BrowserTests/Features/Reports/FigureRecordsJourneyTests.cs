using System.Text.RegularExpressions;
using Suivi.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.Reports;

/// <summary>
/// The administrator of the home-care organisation reads a report of this year's demo records, clicks a figure and
/// lands on the list of the records behind it, whose total, recomputed from them, is the figure clicked; then
/// follows one record's person to their page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FigureRecordsJourneyTests(SuiviInBrowser suivi)
{
    private const string Definition = """
        suivi-report: 1
        title: { fr: Traçabilité, de: Nachvollziehbarkeit, en: Traceability }
        sections:
          - title: Activité
            blocks:
              - type: table
                id: activite
                title: Prestations de l'année
                years: 1
                decimals: 1
                rows:
                  - { label: Prestations, indicator: deliveries.count }
                  - { label: Heures, indicator: deliveries.hours }
                  - { label: Clients, indicator: beneficiaries.served }
        """;

    [Fact]
    public Task Administrator_ClicksAFigure_AndSeesTheRecordsBehindIt_AddingUpToIt() => suivi.JourneyAsync(async page =>
    {
        await page.SignInAsync(DemoAccounts.Administrator, "/o/mosaique/reports");
        var folder = Directory.CreateTempSubdirectory("suivi-trace-journey-");
        try
        {
            var file = Path.Combine(folder.FullName, "tracabilite.yaml");
            await File.WriteAllTextAsync(file, Definition);
            await page.Locator("input[name='Key']").FillAsync("tracabilite");
            await page.Locator("input[name='Upload']").SetInputFilesAsync(file);
            await page.Locator("main form[method='post'] button[type='submit']").ClickAsync();
            await Expect(page.Locator("p.notice")).ToBeVisibleAsync();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        var year = TimeProvider.System.GetUtcNow().Year;
        await page.GotoAsync($"/o/mosaique/reports/tracabilite?year={year}");

        var hours = page.Locator("table#activite tbody tr").Nth(1).Locator("td.figure a").First;
        var figure = await hours.TextContentAsync();
        await hours.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($@"/o/mosaique/reports/records\?indicator=deliveries\.hours&year={year}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Heures prestées");
        await Expect(page.Locator("p.notice")).ToBeVisibleAsync();
        // The report shows the hours to one decimal, the list to two: the same figure, rounded alike.
        var recomputed = await page.Locator("strong.record-total").GetAttributeAsync("data-value");
        Assert.Equal(figure, Rounded(decimal.Parse(recomputed!, System.Globalization.CultureInfo.InvariantCulture)));

        await page.GoBackAsync();
        await page.Locator("table#activite tbody tr").Nth(2).Locator("td.figure a").First.ClickAsync();
        var person = page.Locator("table.records tbody tr").First.Locator("a[href*='/people/']");
        var name = await person.TextContentAsync();
        await person.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(name!.Trim());
    });

    /// <summary>One decimal, French: a narrow no-break space between thousands, a decimal comma.</summary>
    private static string Rounded(decimal value)
    {
        var text = Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("#,##0.0", System.Globalization.CultureInfo.InvariantCulture);
        return text.Replace(",", "\u202F", StringComparison.Ordinal).Replace('.', ',');
    }
}
