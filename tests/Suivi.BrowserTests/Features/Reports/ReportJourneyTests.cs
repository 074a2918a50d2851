using Suivi.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.Reports;

/// <summary>
/// The administrator of the home-care organisation uploads a report definition with a mistyped indicator, reads which
/// line is wrong, uploads the corrected file, opens the report, computed from the demo records, in French, and publishes it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportJourneyTests(SuiviInBrowser suivi)
{
    private const string Definition = """
        suivi-report: 1
        title: { fr: Rapport d'activité, de: Tätigkeitsbericht, en: Activity report }
        sections:
          - title: Activité
            blocks:
              - type: table
                id: activite
                title: Prestations et clients
                years: 2
                decimals: 1
                rows:
                  - { label: Heures prestées, indicator: deliveries.HOURS }
                  - { label: Clients servis, indicator: beneficiaries.served }
              - type: crosstab
                id: personnel
                title: Personnel en équivalents temps plein
                indicator: staff.fte
                decimals: 2
                rows: { by: profession, values: [{ label: Soins, codes: [nurse, care-assistant, care-aide] }, { label: Autres, codes: [household-helper, family-social-helper, administrative, physiotherapist, educator, occupational-therapist, social-worker, psychologist, paediatrician, coordinator, other] }] }
                columns: { by: organisation, values: [{ label: Mosaïque, codes: [mosaique] }] }
              - type: chart
                id: evolution
                title: Évolution
                of: activite
                kind: line
        """;

    [Fact]
    public Task Administrator_UploadsADefinition_FixesTheLineItNames_AndReadsTheReport() => suivi.JourneyAsync(async page =>
    {
        await page.SignInAsync(DemoAccounts.Administrator, "/o/mosaique/reports");
        var folder = Directory.CreateTempSubdirectory("suivi-report-journey-");
        try
        {
            var wrong = Path.Combine(folder.FullName, "rapport.yaml");
            await File.WriteAllTextAsync(wrong, Definition);
            await page.Locator("input[name='Key']").FillAsync("rapport");
            await page.Locator("input[name='Upload']").SetInputFilesAsync(wrong);
            await page.Locator("main form[method='post'] button[type='submit']").ClickAsync();

            var problem = page.Locator("table.errors-table tbody tr");
            await Expect(problem).ToHaveCountAsync(1);
            await Expect(problem.Locator("td").First).ToHaveTextAsync("12");
            await Expect(problem).ToContainTextAsync("Unknown indicator 'deliveries.HOURS'");

            var right = Path.Combine(folder.FullName, "rapport-corrige.yaml");
            await File.WriteAllTextAsync(right, Definition.Replace("deliveries.HOURS", "deliveries.hours", StringComparison.Ordinal));
            await page.Locator("input[name='Key']").FillAsync("rapport");
            await page.Locator("input[name='Upload']").SetInputFilesAsync(right);
            await page.Locator("main form[method='post'] button[type='submit']").ClickAsync();
            await Expect(page.Locator("p.notice")).ToContainTextAsync("La version 1 du rapport « rapport » est désormais en vigueur.");

            await page.Locator("tr:has-text('rapport') button[type='submit']").ClickAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync("Rapport d'activité");
            await Expect(page.Locator("table#activite tbody tr")).ToHaveCountAsync(2);
            // French figures: a decimal comma, and the staff total the sum of its rows.
            await Expect(page.Locator("table#personnel tr.total td.figure").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d[\d\u202F]*,\d\d$"));

            // The chart is drawn (Chart.js took the canvas) from the table's two rows.
            await Expect(page.Locator("figure#evolution canvas")).ToBeVisibleAsync();
            var series = await page.EvaluateAsync<int>("() => Chart.getChart(document.querySelector('figure#evolution canvas')).data.datasets.length");
            Assert.Equal(2, series);

            // The PDF to publish: printed by the server's Chromium, downloaded from the report page.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le PDF" }).ClickAsync());
            Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
            var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
            Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);

            // Publishing freezes the year: the box must be ticked, then the page says the figures are those published.
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Publier les chiffres de") }).ClickAsync();
            await Expect(page.Locator(".report-publication")).ToHaveCountAsync(0);
            await page.GetByLabel(new System.Text.RegularExpressions.Regex("sont définitifs")).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Publier les chiffres de") }).ClickAsync();
            await Expect(page.Locator(".report-publication")).ToContainTextAsync("Publié le");
            await Expect(page.Locator("form.report-publish")).ToHaveCountAsync(0);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    });
}
