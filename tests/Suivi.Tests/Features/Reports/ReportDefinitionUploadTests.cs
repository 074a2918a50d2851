using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Suivi.Features.Reports;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

/// <summary>Uploading definitions through the API and the page, and reading the reports they describe.</summary>
public sealed class ReportDefinitionUploadTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task ADefinitionNamingAnUnknownService_IsRefusedWithItsLine_AndTheVersionInForceStays()
    {
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        var wrong = TestWorld.AnnualReport.Replace("codes: [PSY]", "codes: [PSYCH]", StringComparison.Ordinal);

        var response = await admin.Http.PutAsJsonAsync($"/api/o/alpha/reports/{Alpha.Report.Key}/definition", new { text = wrong });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var first = problem.RootElement.GetProperty("problems")[0];
        Assert.Equal(19, first.GetProperty("line").GetInt32());
        Assert.Equal("The organisation has no service with the code 'PSYCH'.", first.GetProperty("message").GetString());
        var current = await admin.Http.GetFromJsonAsync<ReportsApi.DefinitionDocument>($"/api/o/alpha/reports/{Alpha.Report.Key}/definition");
        Assert.Equal((1, TestWorld.AnnualReport), (current!.Version, current.Text));
    }

    [Fact]
    public async Task ANewVersion_IsStoredNextToTheFormer_AndTakesOver()
    {
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        var created = await admin.Http.PostAsJsonAsync("/api/o/alpha/reports", new { key = "versions", text = TestWorld.AnnualReport });
        var renamed = TestWorld.AnnualReport.Replace("Rapport annuel", "Rapport d'activité", StringComparison.Ordinal);

        var updated = await admin.Http.PutAsJsonAsync("/api/o/alpha/reports/versions/definition", new { text = renamed });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(new ReportsApi.Uploaded("versions", 2), await updated.Content.ReadFromJsonAsync<ReportsApi.Uploaded>());
        var report = await admin.Http.GetFromJsonAsync<ReportDocument>("/api/o/alpha/reports/versions/2024?lang=fr");
        Assert.Equal(("Rapport d'activité", 2), (report!.Title, report.DefinitionVersion));
    }

    [Fact]
    public async Task AStatistician_ReadsTheReport_ButCannotUploadDefinitions()
    {
        using var statistician = await app.SignedInAsync(Alpha.StatisticianEmail);

        var report = await statistician.GetAsync($"/api/o/alpha/reports/{Alpha.Report.Key}/2024");
        var upload = await statistician.Http.PostAsJsonAsync("/api/o/alpha/reports", new { key = "mine", text = TestWorld.AnnualReport });

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
    }

    [Fact]
    public async Task TheReportPage_ShowsTheTables_AndTheWorkbookHoldsTheSameFigures()
    {
        using var worker = await app.SignedInAsync(Alpha.WorkerEmail);

        var (response, page) = await worker.GetPageAsync($"/o/alpha/reports/{Alpha.Report.Key}?year=2024");
        var workbook = await worker.GetAsync($"/api/o/alpha/reports/{Alpha.Report.Key}/2024/xlsx?lang=fr");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var staff = page.QuerySelector("table#staff")!;
        Assert.Equal("0,80", staff.QuerySelector("tbody tr td.figure")!.TextContent);
        Assert.Equal(ReportWorkbook.ContentType, workbook.Content.Headers.ContentType!.MediaType);
        using var book = new XLWorkbook(await workbook.Content.ReadAsStreamAsync());
        Assert.Equal(0.8, book.Worksheet("staff").Cell(4, 2).GetDouble());
    }

    [Fact]
    public async Task ABadYear_IsAProblem_AndAnUnknownReportIsNotFound()
    {
        using var worker = await app.SignedInAsync(Alpha.WorkerEmail);

        var year = await worker.GetAsync($"/api/o/alpha/reports/{Alpha.Report.Key}/99999");
        var unknown = await worker.GetAsync("/api/o/alpha/reports/nothing/2024");

        Assert.Equal(HttpStatusCode.BadRequest, year.StatusCode);
        Assert.Equal("application/problem+json", year.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task APdf_WithoutChromiumOnTheServer_AnswersServiceUnavailable_SayingWhatToInstall()
    {
        await using var withoutChromium = app.Factory.WithWebHostBuilder(web => web.UseSetting("Suivi:Chromium", "/nowhere/chromium"));
        using var admin = new TestClient(withoutChromium.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));
        await admin.SignInAsync(Alpha.AdminEmail, TestWorld.Password);

        var response = await admin.Http.GetAsync($"/api/o/alpha/reports/{Alpha.Report.Key}/2024/pdf");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("chromium", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherOrganisationsReport_AsPdf_IsNotFound()
    {
        using var outsider = await app.SignedInAsync(app.World.Beta.AdminEmail);

        var response = await outsider.Http.GetAsync($"/api/o/alpha/reports/{Alpha.Report.Key}/2024/pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>A report typed by hand, as organisations keep the years before Suivi: the total that doesn't add up is named.</summary>
    [Fact]
    public async Task ATotalThatIsNotTheSumOfItsParts_IsFlagged_WithTheYearAndTheDifference()
    {
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        const string typed = """
            suivi-report: 1
            title: Rapport saisi
            sections:
              - title: Consultations
                blocks:
                  - type: table
                    id: consultations
                    title: Consultations par lieu
                    years: 2
                    decimals: 1
                    rows:
                      - { label: Au bureau, values: { 2022: 120.5, 2023: 130 } }
                      - { label: À domicile, values: { 2022: 80, 2023: 95.25 } }
                      - { label: Total, values: { 2022: 200.5, 2023: 226 }, total: true, adds-up: above }
                      - { label: Part au bureau, values: { 2022: 60.1, 2023: 57.8 }, share-of: 3, part: 1 }
                      - { label: À domicile, indicator: appointments.count, values: { 2022: 80, 2023: 95.25 }, share-of: 3 }
            """;
        var created = await admin.Http.PostAsJsonAsync("/api/o/alpha/reports", new { key = "saisi", text = typed });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var report = await admin.Http.GetFromJsonAsync<ReportDocument>("/api/o/alpha/reports/saisi/2023?lang=fr");

        var table = report!.Sections.Single().Blocks.Single();
        Assert.Equal(["200,5", "226,0"], table.Rows![2].Values.Select(v => v.Text.Replace('\u202F', ' ')));
        // Percentages name their denominator; a typed one that is not its part over that denominator is flagged.
        Assert.Equal(("Part au bureau (en % de Total)", "60,1 %", "57,8 %"), (table.Rows[3].Label, Spaced(table.Rows[3].Values[0].Text), Spaced(table.Rows[3].Values[1].Text)));
        Assert.Equal(("À domicile (en % de Total)", "39,9 %", "42,1 %"), (table.Rows[4].Label, Spaced(table.Rows[4].Values[0].Text), Spaced(table.Rows[4].Values[1].Text)));
        Assert.Equal(
            [
                "Total, 2023: 226,00 is not the sum of its parts, 225,25 (difference 0,75).",
                "Part au bureau, 2023: 57,8 % is not Au bureau over Total, 57,5 %: its denominator is not the stated one.",
            ],
            table.Warnings!.Select(Spaced));
    }

    private static string Spaced(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');

    [Fact]
    public async Task APercentageNamingARowTheTableDoesNotHave_IsRefused()
    {
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        var wrong = TestWorld.AnnualReport.Replace("indicator: deliveries.hours", "indicator: deliveries.hours, share-of: 9", StringComparison.Ordinal);

        var response = await admin.Http.PutAsJsonAsync($"/api/o/alpha/reports/{Alpha.Report.Key}/definition", new { text = wrong });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'share-of' and 'part' name rows by their position", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
