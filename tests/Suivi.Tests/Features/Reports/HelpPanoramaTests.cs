using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Suivi.Features.Reports;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// Acceptance on a real published report: the administrator of the network's largest member uploads the shipped
/// definition (docs/formats/examples/report-help-panorama.yaml) and asks for 2023; every number, total and progression
/// of tables T1–T4 and T6 in ../shared/reference/help-panorama-2023.md must come out of the records exactly as
/// published, French formatting included. Runs on SQLite and on PostgreSQL like every integration test.
/// </summary>
public sealed partial class HelpPanoramaTests(HelpNetwork help) : IClassFixture<HelpNetwork>
{
    private static readonly string[] Tables = ["T1", "T2", "T3", "T4", "T6"];

    public static TheoryData<string> PublishedTables => [.. Tables];

    [Theory]
    [MemberData(nameof(PublishedTables))]
    public async Task GeneratedReport_ShowsEveryFigureOfThePublishedTable(string table)
    {
        var report = await PanoramaAsync(2023);

        var published = PublishedRows(table);
        var block = report.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == table);
        // T1's total counts distinct clients on its own and is declared to add up: it does, every year.
        Assert.Empty(block.Warnings ?? []);
        var generated = block.Rows!.Select(r => (IReadOnlyList<string>)[.. r.Values.Select(v => v.Text), .. Progression(block, r)]).ToList();
        Assert.Equal(published.Count, generated.Count);
        for (var r = 0; r < published.Count; r++)
        {
            Assert.Equal(published[r], generated[r].Select(Spaces).ToList());
        }
    }

    [Fact]
    public async Task T2Total_IsTheRoundedSumOfUnroundedHours_OneBelowTheSumOfItsRoundedParts()
    {
        var report = await PanoramaAsync(2023);

        var rows = report.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == "T2").Rows!;
        var lastYear = rows.Select(r => r.Values[^1]).ToList();
        Assert.Equal(961_544m, lastYear.SkipLast(1).Sum(v => Math.Round(v.Value!.Value, MidpointRounding.AwayFromZero)));
        Assert.Equal("961 543", Spaces(lastYear[^1].Text));
        Assert.Equal(961_543.0m, lastYear[^1].Value);
    }

    [Fact]
    public async Task Residence_ShowsASlash_ForYearsBeforeItExisted()
    {
        var report = await PanoramaAsync(2023);

        var vianden = report.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == "T4").Rows![3];
        Assert.Equal(["/", "/", "/", "12"], vianden.Values.Select(v => v.Text));
        Assert.Equal([null, null, null, 12m], vianden.Values.Select(v => v.Value));
    }

    [Fact]
    public async Task Report_CountsOnlyTheMembersTheViewerBelongsTo()
    {
        using var client = await SignedInAsync();
        var report = await PanoramaAsync(2023, client);

        Assert.Equal(["dv", "his", "syr", "uelz"], report.Organisations.Select(o => o.Code));
    }

    [Fact]
    public async Task TheCommandLine_WritesTheSameReport_AsJsonAndAsAWorkbook()
    {
        await PanoramaAsync(2023);
        var folder = Directory.CreateTempSubdirectory("suivi-report-command-");
        try
        {
            var workbook = Path.Combine(folder.FullName, "panorama.xlsx");
            using var output = new StringWriter();
            using var errors = new StringWriter();
            string[] common = ["report", "--org", "dv", "--report", "panorama", "--year", "2023", "--as", HelpNetwork.AdminEmail];

            var json = await Suivi.Infrastructure.Commands.RunAsync(help.Factory.Services, common, output, errors);
            var xlsx = await Suivi.Infrastructure.Commands.RunAsync(help.Factory.Services, [.. common, "--format", "xlsx", "--out", workbook], TextWriter.Null, errors);

            Assert.True(json == 0 && xlsx == 0, errors.ToString());
            var report = System.Text.Json.JsonSerializer.Deserialize<ReportDocument>(output.ToString(), System.Text.Json.JsonSerializerOptions.Web)!;
            var total = report.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == "T1").Rows![2];
            Assert.Equal(("7 543", "3,6 %"), (Spaces(total.Values[^1].Text), Spaces(total.Progression!.Text)));
            using var book = new ClosedXML.Excel.XLWorkbook(workbook);
            Assert.Equal(961_543, book.Worksheet("T2").Cell(9, 5).GetDouble());
            Assert.Equal(1_129.02, book.Worksheet("T6").Cell(14, 6).GetDouble());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The PDF a reader downloads: printed by Chromium, read back with PdfPig. Under each table's caption, every published
    /// row's figures follow one another in order (spacing aside: the text of a PDF has no reliable spaces), so each
    /// number, total and progression is on the page where the published report has it.
    /// </summary>
    [Fact]
    public async Task ThePdf_PrintsEveryFigureOfThePublishedTables_InTheirRows()
    {
        using var client = await SignedInAsync();
        var report = await PanoramaAsync(2023, client);

        var response = await client.Http.GetAsync("/api/o/dv/reports/panorama/2023/pdf?lang=fr");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = PdfText(pdf);
        Assert.Contains(Squeezed("Panorama"), text, StringComparison.Ordinal);
        // The chart G1, drawn by Chart.js before Chromium printed: a picture under its caption.
        Assert.Contains(Squeezed("G1 Heures prestées par catégorie d'actes"), text, StringComparison.Ordinal);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            Assert.NotEmpty(document.GetPages().SelectMany(page => page.GetImages()));
        }
        foreach (var table in Tables)
        {
            var block = report.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == table);
            var at = text.IndexOf(Squeezed($"{block.Id} {block.Title}"), StringComparison.Ordinal);
            Assert.True(at >= 0, $"{table}: caption not in the PDF");
            foreach (var row in PublishedRows(table))
            {
                var figures = Squeezed(string.Concat(row));
                var found = text.IndexOf(figures, at, StringComparison.Ordinal);
                Assert.True(found >= 0, $"{table}: the row {string.Join(" | ", row)} is not in the PDF after its caption");
                at = found + figures.Length;
            }
        }
    }

    [Fact]
    public async Task TheChart_DrawsTheFiguresOfItsTable_EveryRowButTheTotal()
    {
        var report = await PanoramaAsync(2023);

        var blocks = report.Sections.SelectMany(s => s.Blocks).ToList();
        var chart = blocks.Single(b => b.Id == "G1");
        var table = blocks.Single(b => b.Id == "T2");
        Assert.Equal(("chart", "stacked-bar", "T2"), (chart.Type, chart.ChartKind, chart.Of));
        Assert.Equal(table.Years, chart.Years);
        Assert.Equal(
            table.Rows!.Where(r => !r.Total).Select(r => (r.Label, string.Join(";", r.Values.Select(v => v.Value)))),
            chart.Rows!.Select(r => (r.Label, string.Join(";", r.Values.Select(v => v.Value)))));
        Assert.Equal(5, chart.Rows!.Count);
    }

    [Fact]
    public async Task TheCommandLine_PrintsThePdf()
    {
        await PanoramaAsync(2023);
        var pdf = Path.Combine(Directory.CreateTempSubdirectory("suivi-report-pdf-").FullName, "panorama.pdf");
        using var errors = new StringWriter();

        var exit = await Suivi.Infrastructure.Commands.RunAsync(help.Factory.Services,
            ["report", "--org", "dv", "--report", "panorama", "--year", "2023", "--format", "pdf", "--lang", "de", "--out", pdf], TextWriter.Null, errors);

        Assert.True(exit == 0, errors.ToString());
        var text = PdfText(await File.ReadAllBytesAsync(pdf));
        Assert.Contains(Squeezed("7.543"), text, StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(pdf)!, recursive: true);
    }

    /// <summary>All the text of a PDF in reading order, without any white space.</summary>
    private static string PdfText(byte[] pdf)
    {
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return Squeezed(string.Concat(document.GetPages().Select(page => UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor.ContentOrderTextExtractor.GetText(page))));
    }

    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static IEnumerable<string> Progression(BlockDocument block, RowDocument row) =>
        block.Type == "crosstab" ? [] : [row.Progression?.Text ?? ""];

    private async Task<ReportDocument> PanoramaAsync(int year, TestClient? signedIn = null)
    {
        using var own = signedIn is null ? await SignedInAsync() : null;
        var client = signedIn ?? own!;
        var definition = await File.ReadAllTextAsync(Path.Combine(TestRepository.Root, "docs", "formats", "examples", "report-help-panorama.yaml"));
        var exists = await client.GetAsync("/api/o/dv/reports/panorama/definition");
        var upload = exists.StatusCode == HttpStatusCode.NotFound
            ? await client.Http.PostAsJsonAsync("/api/o/dv/reports", new { key = "panorama", text = definition })
            : await client.Http.PutAsJsonAsync("/api/o/dv/reports/panorama/definition", new { text = definition });
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var report = await client.Http.GetFromJsonAsync<ReportDocument>($"/api/o/dv/reports/panorama/{year}?lang=fr");
        return report!;
    }

    private async Task<TestClient> SignedInAsync()
    {
        var client = new TestClient(help.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await client.SignInAsync(HelpNetwork.AdminEmail, TestWorld.Password);
        return client;
    }

    /// <summary>The figure cells of a table of the reference file, row by row, the label left out; an empty cell stays empty.</summary>
    private static List<List<string>> PublishedRows(string table)
    {
        var reference = File.ReadAllText(ReferencePath);
        var section = Regex.Match(reference, $@"^## {table} — .*?\n(?<body>(?:(?!^## ).*\n?)*)", RegexOptions.Multiline).Groups["body"].Value;
        return [.. section.Split('\n')
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| |", StringComparison.Ordinal))
            .Select(line => line.Trim().Trim('|').Split('|').Skip(1).Select(cell => Spaces(cell.Trim())).ToList())];
    }

    /// <summary>The published tables, kept in the repository so that a clean clone checks against them.</summary>
    private static string ReferencePath => Path.Combine(TestRepository.Root, "docs", "reference", "help-panorama-2023.md");

    [Fact]
    public void TheRepositorysCopyOfThePublishedTables_IsTheSharedReference()
    {
        var shared = Path.Combine(TestRepository.Root, "..", "shared", "reference", "help-panorama-2023.md");
        // Outside the workplace (a clean clone in CI) only the repository's copy exists, and it is the one checked against.
        if (File.Exists(shared))
        {
            Assert.Equal(File.ReadAllText(shared), File.ReadAllText(ReferencePath));
        }
        Assert.Contains("| **Total** | 879 944 | 882 149 | 921 206 | 961 543 | 4,4 % |", File.ReadAllText(ReferencePath), StringComparison.Ordinal);
    }

    /// <summary>The reference file writes the no-break spaces of the printed report as plain spaces.</summary>
    private static string Spaces(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');
}
