using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Suivi.Features.Reports;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

/// <summary>Every indicator of the catalogue, computed from the test world's records on the database of the run, and documented.</summary>
public sealed partial class IndicatorCatalogueTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public async Task EveryIndicator_CountsTheWorldsRecords_WithEveryFilterAndSplitOfFixedValues()
    {
        using var admin = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var created = await admin.Http.PostAsJsonAsync("/api/o/alpha/reports", new { key = "catalogue", text = EveryIndicator() });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var report = await admin.Http.GetFromJsonAsync<ReportDocument>("/api/o/alpha/reports/catalogue/2024?lang=en");

        var figures = report!.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == "all").Rows!;
        Assert.Equal(Indicators.ByName.Keys.Order(StringComparer.Ordinal), figures.Select(f => f.Label));
        // The world holds one record of each kind in 2024, none with kilometres, and its case file is still open.
        Assert.All(figures.Where(f => f.Label is not ("deliveries.kilometres" or "case-files.closed")), f => Assert.True(f.Values[0].Value > 0, f.Label));
        var crosstabs = report.Sections.SelectMany(s => s.Blocks).Where(b => b.Type == "crosstab").ToList();
        Assert.NotEmpty(crosstabs);
        Assert.All(crosstabs, c => Assert.Empty(c.Warnings!));
    }

    [Fact]
    public void TheFormatDocument_DescribesEveryIndicator()
    {
        var page = File.ReadAllText(Path.Combine(TestRepository.Root, "docs", "formats", "report-definition.md"));

        var documented = DocumentedIndicator().Matches(page).Select(m => m.Groups["name"].Value);

        Assert.Equal(Indicators.ByName.Keys.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A key figure per indicator, then a crosstab per indicator and split dimension with fixed values, split the other
    /// way by organisation and filtered by the world's service where the indicator has that filter.
    /// </summary>
    private static string EveryIndicator()
    {
        var text = new StringBuilder("""
            suivi-report: 1
            title: Catalogue
            sections:
              - title: Tout
                blocks:
                  - type: key-figures
                    id: all
                    title: Every indicator
                    figures:

            """);
        foreach (var name in Indicators.ByName.Keys.Order(StringComparer.Ordinal))
        {
            text.AppendLine($"          - {{ label: {name}, indicator: {name}, decimals: 2 }}");
        }
        foreach (var indicator in Indicators.ByName.Values.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            var filter = indicator.Filter("service") is null ? "" : ", filter: { service: PSY }";
            foreach (var split in indicator.SplitBy.Where(d => d.IsFixed))
            {
                text.AppendLine($"      - {{ type: crosstab, id: {indicator.Name}-{split.Name}, title: x, indicator: {indicator.Name}{filter},");
                text.AppendLine($"          rows: {{ by: {split.Name}, values: [{string.Join(", ", split.FixedValues!.Select(v => $"{{ label: {v}, codes: [{v}] }}"))}] }},");
                text.AppendLine("          columns: { by: organisation, values: [{ label: alpha, codes: [alpha] }] } }");
            }
        }
        return text.ToString();
    }

    [GeneratedRegex(@"^\| `(?<name>[a-z\-]+\.[a-z\-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedIndicator();
}
