using Suivi.Domain;
using Suivi.Features.Reports;

namespace Suivi.Tests.Features.Reports;

/// <summary>How published figures are named, stored and put back in place of today's.</summary>
public sealed class ReportFreezingTests
{
    private static Label L(string fr) => new(fr, null, null);

    private static ReportResult Report() => new(L("Rapport"), 2024, ReportScope.Organisation, [], [new SectionResult(L("S"),
    [
        new ChartResult("chart", L("Graphique"), "hours", ChartKind.Bar, [2023, 2024], 0, [new ChartSeries(L("Bureau"), [10m, 12m])]) { TableRows = [0] },
        new YearTableResult("hours", L("Heures"), [2023, 2024], 0, 1,
        [
            new YearRowResult(L("Bureau"), [10m, 12m], false, true, 0.2m),
            new YearRowResult(L("Domicile"), [null, 8m], false, true, null),
            new YearRowResult(L("Total"), [10m, 20m], true, true, 1m),
            new YearRowResult(L("Bureau"), [1m, 0.6m], false, false, null) { Share = new ShareOf(L("Total"), 1) },
        ]),
        new CrosstabResult("cross", L("Croisé"), 2024, [L("Filles"), L("Garçons")], [L("0-5")], [[3m], [4m]], [3m, 4m], [7m], 7m,
            L("Total"), L("Ensemble"), 0, []),
        new KeyFiguresResult("key", L("En bref"), 2024, [new KeyFigureResult(L("Heures"), 20m, 10m, 1m, 0, 1)]),
    ])]);

    [Fact]
    public void EveryFigure_HasItsOwnKey_ARowInPercentNamedWithItsDenominator()
    {
        var keys = ReportFreezing.Figures(Report()).Select(f => f.Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Contains(new FigureKey("hours", "Bureau ÷ Total", null, 2024), keys);
        Assert.Contains(new FigureKey("hours", "Domicile", null, 2023), keys);
        Assert.Contains(new FigureKey("cross", "Ensemble", "Total", 2024), keys);
        Assert.Contains(new FigureKey("key", "Heures", null, 2023), keys);
        Assert.Equal(8 + 6 + 2, keys.Count);
    }

    [Fact]
    public void StoredFigures_ReadBackUnrounded()
    {
        var report = Report();

        var read = ReportFreezing.Read(ReportFreezing.Write(report));

        Assert.Equal(ReportFreezing.Figures(report).ToDictionary(f => f.Key, f => f.Value), read);
    }

    [Fact]
    public void FrozenFigures_ReplaceTodays_WithARestatementWhereTodayDiffers_AndTheChartFollowsItsTable()
    {
        var published = new Dictionary<FigureKey, decimal?>
        {
            [new("hours", "Bureau", null, 2023)] = 9m,
            [new("cross", "Ensemble", "Total", 2024)] = 6m,
            [new("cross", "Filles", "0-5", 2024)] = 3m,
            [new("key", "Heures", null, 2023)] = 9m,
        };

        var frozen = ReportFreezing.Freeze(Report(), k => published.TryGetValue(k, out var v) ? new Frozen(v, k.Block == "cross" && k.Row == "Filles" ? 3m : 99m) : null);

        var table = frozen.Blocks.OfType<YearTableResult>().Single();
        Assert.Equal([9m, 12m], table.Rows[0].Values);
        Assert.Equal((12m - 9m) / 9m, table.Rows[0].Progression);
        Assert.Equal(new Restatement(0, 0, L("Bureau"), 2023, 9m, 99m), Assert.Single(table.Restatements));
        Assert.Equal([9m, 12m], frozen.Blocks.OfType<ChartResult>().Single().Series[0].Values);
        var cross = frozen.Blocks.OfType<CrosstabResult>().Single();
        Assert.Equal(6m, cross.Total);
        Assert.Equal(2, cross.Restatements.Single().Row);
        Assert.Equal(L("Total"), cross.Restatements.Single().ColumnLabel);
        var key = frozen.Blocks.OfType<KeyFiguresResult>().Single();
        Assert.Equal((20m, 9m, (20m - 9m) / 9m), (key.Figures[0].Value, key.Figures[0].Previous, key.Figures[0].Progression));
        Assert.Equal(1, key.Restatements.Single().Column);
    }
}
