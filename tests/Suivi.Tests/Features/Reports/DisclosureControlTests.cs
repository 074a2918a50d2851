using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Features.Reports;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// A report under disclosure control, through the real pipeline on the database of the run: Alpha's staff counted by
/// profession, one psychologist among twelve nurses and seven educators. Every output publishes "&lt; 5" and never the
/// number; <c>exact=true</c> gives the numbers back to the staff preparing the report.
/// </summary>
public sealed class DisclosureControlTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Key = "publie";

    private const string Definition = """
        suivi-report: 1
        title: Rapport publié
        disclosure: { threshold: 5 }
        sections:
          - title: Personnel
            blocks:
              - type: table
                id: team
                title: Personnel par profession
                years: 2
                rows:
                  - { label: Infirmiers, indicator: staff.count, filter: { profession: nurse } }
                  - { label: Éducateurs, indicator: staff.count, filter: { profession: educator } }
                  - { label: Psychologues, indicator: staff.count, filter: { profession: psychologist } }
                  - { label: Total, sum: above, total: true }
                  - { label: ETP des psychologues, indicator: staff.fte, filter: { profession: psychologist } }
              - type: key-figures
                id: key
                title: Chiffres clés
                figures:
                  - { label: Travailleurs sociaux, indicator: staff.count, filter: { profession: social-worker }, previous-year: true }
              - type: crosstab
                id: services
                title: Personnel par service
                indicator: staff.count
                rows:
                  by: profession
                  values:
                    - { label: Infirmiers, codes: [nurse] }
                    - { label: Éducateurs, codes: [educator] }
                    - { label: Psychologues, codes: [psychologist] }
                columns: { by: service, values: [{ label: PSY, codes: [PSY] }, { label: FOYER, codes: [FOYER] }] }
        """;

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task ThePublishedJson_HasNoValueForAHiddenFigure_AndReadsLessThan5()
    {
        using var worker = await ReadyAsync();

        var report = await worker.Http.GetFromJsonAsync<ReportDocument>($"/api/o/alpha/reports/{Key}/2024?lang=fr");

        var team = Block(report!, "team").Rows!;
        Assert.Equal(
            [
                "Infirmiers: 12 | 12 | 0,0 %",
                "Éducateurs: x | x | x",
                "Psychologues: < 5 | < 5 | x",
                "Total: 20 | 20 | 0,0 %",
                "ETP des psychologues: 1 | 1 | 0,0 %",
            ],
            team.Select(Line));
        Assert.Equal([null, null], team[2].Values.Select(v => v.Value));
        Assert.Equal(["primary", "primary"], team[2].Values.Select(v => v.Suppressed));
        Assert.Equal(["secondary", "secondary"], team[1].Values.Select(v => v.Suppressed));
        Assert.Equal(0.8m, team[4].Values[1].Value);
        var social = Block(report!, "key").Rows!.Single();
        Assert.Equal("Travailleurs sociaux: < 5 | < 5 | x", Line(social));
        Assert.Equal(new DisclosureDocument(5, Exact: false), report!.Disclosure);
        Assert.All(report.Sections.SelectMany(s => s.Blocks).SelectMany(Figures).Where(f => f.Suppressed is not null), f => Assert.Null(f.Value));
    }

    [Fact]
    public async Task ThePublishedJson_DoesNotCarryAHiddenNumberAnywhere()
    {
        using var worker = await ReadyAsync();

        var json = await worker.Http.GetStringAsync($"/api/o/alpha/reports/{Key}/2024?lang=fr");

        using var document = JsonDocument.Parse(json);
        var team = document.RootElement.GetProperty("sections")[0].GetProperty("blocks")[0].GetProperty("rows");
        var psychologists = team[2].GetProperty("values")[1];
        Assert.Equal(JsonValueKind.Null, psychologists.GetProperty("value").ValueKind);
        Assert.Equal("< 5", psychologists.GetProperty("text").GetString()!.Replace('\u00A0', ' '));
        Assert.Equal("primary", psychologists.GetProperty("suppressed").GetString());
        Assert.False(team[0].GetProperty("values")[1].TryGetProperty("suppressed", out _));
    }

    [Fact]
    public async Task TheExactJson_GivesTheValues_AndMarksWhatThePublishedOneHides()
    {
        using var worker = await ReadyAsync();

        var exact = await worker.Http.GetFromJsonAsync<ReportDocument>($"/api/o/alpha/reports/{Key}/2024?lang=fr&exact=true");
        var published = await worker.Http.GetFromJsonAsync<ReportDocument>($"/api/o/alpha/reports/{Key}/2024?lang=fr");

        var team = Block(exact!, "team").Rows!;
        Assert.Equal(["12", "7", "1", "20"], team.Take(4).Select(r => r.Values[1].Text));
        Assert.Equal([null, "secondary", "primary", null], team.Take(4).Select(r => r.Values[1].Suppressed));
        Assert.Equal(new DisclosureDocument(5, Exact: true), exact!.Disclosure);
        // The same figures are marked in both; only the published one drops their values.
        Assert.Equal(
            published!.Sections.SelectMany(s => s.Blocks).SelectMany(Figures).Select(f => f.Suppressed),
            exact.Sections.SelectMany(s => s.Blocks).SelectMany(Figures).Select(f => f.Suppressed));
        Assert.All(exact.Sections.SelectMany(s => s.Blocks).SelectMany(Figures).Where(f => f.Suppressed is not null), f => Assert.NotNull(f.Value));
        Assert.Contains(Block(exact, "services").Rows!.SelectMany(r => r.Values), f => f.Suppressed is not null);
    }

    [Fact]
    public async Task ThePublishedWorkbook_HoldsNoHiddenNumber()
    {
        using var worker = await ReadyAsync();

        var exact = await worker.Http.GetFromJsonAsync<ReportDocument>($"/api/o/alpha/reports/{Key}/2024?lang=fr&exact=true");
        var response = await worker.GetAsync($"/api/o/alpha/reports/{Key}/2024/xlsx?lang=fr");

        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var hidden = 0;
        foreach (var block in exact!.Sections.SelectMany(s => s.Blocks).Where(b => b.Rows is not null))
        {
            var sheet = book.Worksheet(block.Id);
            for (var r = 0; r < block.Rows!.Count; r++)
            {
                var row = block.Rows[r];
                var figures = row.Values.Append(row.Progression).ToList();
                for (var c = 0; c < figures.Count; c++)
                {
                    if (figures[c]?.Suppressed is not { } why)
                    {
                        continue;
                    }
                    var cell = sheet.Cell(4 + r, 2 + c);
                    Assert.Equal(XLDataType.Text, cell.DataType);
                    Assert.Equal(why == "primary" ? "< 5" : "x", cell.GetString().Replace('\u00A0', ' '));
                    hidden++;
                }
            }
        }
        Assert.True(hidden >= 8, $"only {hidden} hidden figures checked");
        Assert.Equal(12, book.Worksheet("team").Cell(4, 3).GetDouble());
        Assert.Contains(book.Worksheet("team").CellsUsed(), c => c.GetString().Replace('\u00A0', ' ').StartsWith("< 5 : de 1 à 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheReportPage_PublishesLessThan5_AndOffersTheExactFiguresMarked()
    {
        using var worker = await ReadyAsync();

        var (_, published) = await worker.GetPageAsync($"/o/alpha/reports/{Key}?year=2024");
        var (_, exact) = await worker.GetPageAsync($"/o/alpha/reports/{Key}?year=2024&exact=true");

        var psychologists = published.QuerySelectorAll("table#team tbody tr")[2].QuerySelectorAll("td");
        Assert.Equal(("< 5", "figure suppressed-primary"), (psychologists[1].TextContent.Replace('\u00A0', ' '), psychologists[1].ClassName));
        Assert.Equal("?year=2024&exact=true", published.QuerySelector("a.report-exact-link")!.GetAttribute("href"));
        Assert.Equal("Chiffres exacts (usage interne)", published.QuerySelector("a.report-exact-link")!.TextContent);
        var marked = exact.QuerySelectorAll("table#team tbody tr")[2].QuerySelectorAll("td")[1];
        Assert.Equal(("1", "figure suppressed-primary"), (marked.TextContent, marked.ClassName));
        Assert.NotNull(exact.QuerySelector(".report-exact-note"));
        Assert.Equal(("Version publique", "?year=2024"), (exact.QuerySelector("a.report-public-link")!.TextContent, exact.QuerySelector("a.report-public-link")!.GetAttribute("href")));
        Assert.Contains(exact.QuerySelectorAll(".report-legend"), p => p.TextContent.Replace('\u00A0', ' ').Contains("Inférieur à 5 : publié comme < 5.", StringComparison.Ordinal));
        Assert.EndsWith("&exact=true", exact.QuerySelector(".report-downloads a[href*='/xlsx']")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandLine_PublishesByDefault_AndGivesTheExactFiguresWithExact()
    {
        await ReadyAsync();
        string[] command = ["report", "--org", "alpha", "--report", Key, "--year", "2024"];
        using var published = new StringWriter();
        using var exact = new StringWriter();
        using var errors = new StringWriter();

        var first = await Suivi.Infrastructure.Commands.RunAsync(app.Factory.Services, command, published, errors);
        var second = await Suivi.Infrastructure.Commands.RunAsync(app.Factory.Services, [.. command, "--exact"], exact, errors);

        Assert.True(first == 0 && second == 0, errors.ToString());
        ReportDocument Read(StringWriter output) => JsonSerializer.Deserialize<ReportDocument>(output.ToString(), JsonSerializerOptions.Web)!;
        Assert.Null(Block(Read(published), "team").Rows![2].Values[1].Value);
        Assert.Equal(1m, Block(Read(exact), "team").Rows![2].Values[1].Value);
    }

    [Fact]
    public async Task APdf_PrintsLessThan5_WhereTheNumberWouldBe()
    {
        using var worker = await ReadyAsync();

        var response = await worker.Http.GetAsync($"/api/o/alpha/reports/{Key}/2024/pdf?lang=fr");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = Squeezed(string.Concat(pdf.GetPages().Select(page => UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor.ContentOrderTextExtractor.GetText(page))));
        var table = text.IndexOf("teamPersonnelparprofession", StringComparison.Ordinal);
        Assert.True(table >= 0, text);
        Assert.Contains("Infirmiers12120,0%ÉducateursxxxPsychologues<5<5xTotal20200,0%", text[table..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AThresholdUnder2_IsRefusedWithItsLine()
    {
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);

        var response = await admin.Http.PostAsJsonAsync("/api/o/alpha/reports",
            new { key = "seuil", text = Definition.Replace("threshold: 5", "threshold: 1", StringComparison.Ordinal) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var first = problem.RootElement.GetProperty("problems").EnumerateArray().Single();
        Assert.Equal((3, 26), (first.GetProperty("line").GetInt32(), first.GetProperty("column").GetInt32()));
        Assert.Equal("Expected a threshold (the smallest count published) from 2 to 1000, found '1'.", first.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/o/alpha/reports/seuil/definition")).StatusCode);
    }

    /// <summary>Twelve nurses (eight in the psychological service, four in the day centre) and seven educators join Alpha; the definition is uploaded. Once per class.</summary>
    private async Task<TestClient> ReadyAsync()
    {
        var nurses = await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.Staff.CountAsync(s => s.Profession == Profession.Nurse));
        if (nurses == 0)
        {
            await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
            {
                for (var i = 0; i < 12; i++)
                {
                    db.Staff.Add(new StaffMember($"Infirmier{i}", "Test", Profession.Nurse, 1m, i < 8 ? Alpha.Service.Id : Alpha.Activities.DayCentre.Id));
                }
                for (var i = 0; i < 7; i++)
                {
                    db.Staff.Add(new StaffMember($"Éducateur{i}", "Test", Profession.Educator, 1m, Alpha.Service.Id));
                }
                return await db.SaveChangesAsync();
            });
            using var admin = await app.SignedInAsync(Alpha.AdminEmail);
            var created = await admin.Http.PostAsJsonAsync("/api/o/alpha/reports", new { key = Key, text = Definition });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
        return await app.SignedInAsync(Alpha.WorkerEmail);
    }

    private static BlockDocument Block(ReportDocument report, string id) => report.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == id);

    private static IEnumerable<FigureDocument> Figures(BlockDocument block) =>
        (block.Rows ?? []).SelectMany(r => r.Progression is null ? r.Values : r.Values.Append(r.Progression));

    private static string Line(RowDocument row) =>
        $"{row.Label}: {string.Join(" | ", row.Values.Append(row.Progression).OfType<FigureDocument>().Select(f => f.Text.Replace('\u00A0', ' ').Replace('\u202F', ' ')))}";

    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
