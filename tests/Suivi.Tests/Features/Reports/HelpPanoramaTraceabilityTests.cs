using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// Traceability on the published report: each 2023 figure of T1–T4 and T6 links to the records behind it, and the
/// list recomputes it — T2's 961 543 hours from the deliveries of every act category, each member's FTE under that
/// member's address, where the publisher's administrator is only a statistician and reads staff without names.
/// </summary>
public sealed partial class HelpPanoramaTests
{
    [Fact]
    public async Task EveryPublishedFigureOf2023_LinksToTheRecordsBehindIt_WhichRecomputeIt()
    {
        using var client = await SignedInAsync();
        var report = await PanoramaAsync(2023, client);

        var blocks = report.Sections.SelectMany(s => s.Blocks).Where(b => Tables.Contains(b.Id)).ToList();
        var figures = blocks.SelectMany(b => b.Rows!.Select(r => (b.Id, r.Label, Figure: b.Type == "crosstab" ? r.Values : [r.Values[^1]])))
            .SelectMany(r => r.Figure.Select(f => (Table: r.Id, Row: r.Label, Figure: f))).ToList();
        var failures = new List<string>();
        foreach (var (table, row, figure) in figures)
        {
            if (figure.Records is null)
            {
                failures.Add($"{table} / {row}: {figure.Text} has no records");
                continue;
            }
            var (response, page) = await client.GetPageAsync(figure.Records);
            var (shown, recomputed) = (DataValue(page, "dd.figure"), DataValue(page, "dd.recomputed"));
            if (response.StatusCode != HttpStatusCode.OK || shown != figure.Value || recomputed != figure.Value)
            {
                failures.Add($"{table} / {row}: {(int)response.StatusCode}, the report says {figure.Value}, the page {shown}, the records {recomputed}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var total = blocks.Single(b => b.Id == "T2").Rows![^1].Values[^1];
        Assert.Equal("/o/dv/reports/records?indicator=deliveries.hours&year=2023"
            + "&act-category=AEV,AIDES-TECH,AUTONOMIE,COURSES,FORMATION-AIDANT,GARDE,GARDE-GROUPE,GARDE-NUIT,MENAGE&organisation=dv,his,syr,uelz", total.Records);
        var (_, hours) = await client.GetPageAsync(total.Records!);
        Assert.Equal(961_543.0m, DataValue(hours, "strong.record-total"));
        Assert.Contains("961543:00:00", hours.QuerySelector("table.records tfoot")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMembersFte_IsListedUnderItsAddress_WithoutNames_ForTheStatisticianThere()
    {
        using var client = await SignedInAsync();
        var report = await PanoramaAsync(2023, client);

        var nurses = report.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == "T6").Rows![0].Values[1];
        var (response, page) = await client.GetPageAsync(nurses.Records!);

        Assert.Equal("/o/syr/reports/records?indicator=staff.fte&year=2023&profession=nurse", nurses.Records);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(15.427m, DataValue(page, "strong.record-total"));
        Assert.Equal(16, page.QuerySelectorAll("table.records tbody tr").Length);
        Assert.DoesNotContain("Nurse-", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    private static decimal? DataValue(IHtmlDocument page, string selector) =>
        page.QuerySelector(selector)?.GetAttribute("data-value") is { } value ? decimal.Parse(value, CultureInfo.InvariantCulture) : null;
}
