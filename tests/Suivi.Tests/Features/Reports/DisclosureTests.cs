using Suivi.Domain;
using Suivi.Features.Reports;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// Disclosure control as arithmetic: which figures a published report hides, from hand-made computed reports (the
/// engine's own figures are checked elsewhere). Threshold 5 throughout: 1 to 4 read "&lt; 5".
/// </summary>
public sealed class DisclosureTests
{
    private const string Under5 = "< 5";
    private const string X = Disclosure.Hidden;
    private static Suppression? Shown => null;
    private const Suppression P = Suppression.Primary;
    private const Suppression S = Suppression.Secondary;

    [Fact]
    public void ACountFrom1To4_IsHidden_ButZeroAndFiveAreShown()
    {
        var figures = new DisclosureTable();
        foreach (var value in new[] { 1m, 4m, 0m, 5m })
        {
            figures.Figure(value, counted: true);
        }

        Assert.Equal([P, P, Shown, Shown], figures.Suppress(5).Hidden);
    }

    [Fact]
    public void HoursAndOtherMeasures_AreNeverHiddenForBeingSmall()
    {
        var figures = new DisclosureTable();
        figures.Figure(1.5m, counted: false);

        Assert.Equal([Shown], figures.Suppress(5).Hidden);
    }

    [Fact]
    public void OneHiddenPartUnderAShownTotal_HidesTheSmallestOtherNonZeroPart()
    {
        var figures = new DisclosureTable();
        var parts = new[] { 3m, 0m, 40m, 12m }.Select(v => figures.Figure(v, counted: true)).ToList();
        figures.Sum(figures.Figure(55, counted: true), parts);

        // 55 − 40 = 3 + 12: the 3 is somewhere from 1 to 4, the 12 from 11 down to 8.
        Assert.Equal([P, Shown, Shown, S, Shown], figures.Suppress(5).Hidden);
    }

    [Fact]
    public void APartThatWouldGiveTheCountBack_IsPassedOverForTheNextOne()
    {
        var figures = new DisclosureTable();
        var parts = new[] { 1m, 5m, 30m }.Select(v => figures.Figure(v, counted: true)).ToList();
        figures.Sum(figures.Figure(36, counted: true), parts);

        // Hiding the 5 would leave 36 − 30 = 6 for "< 5" plus "x": with "x" at least 5, the "< 5" could only be 1.
        Assert.Equal([P, Shown, S, Shown], figures.Suppress(5).Hidden);
    }

    [Fact]
    public void WithNoOtherPartToHide_TheTotalIsHidden()
    {
        var figures = new DisclosureTable();
        var parts = new[] { 3m, 0m }.Select(v => figures.Figure(v, counted: true)).ToList();
        // A total counted on its own (distinct clients), declared to add up.
        figures.Sum(figures.Figure(7, counted: true), parts);

        Assert.Equal([P, Shown, S], figures.Suppress(5).Hidden);
    }

    [Fact]
    public void TwoCountsThatAddUpToTheirLargestPossibleValues_HideTheTotal()
    {
        var figures = new DisclosureTable();
        var parts = new[] { 4m, 4m }.Select(v => figures.Figure(v, counted: true)).ToList();
        figures.Sum(figures.Figure(8, counted: true), parts);

        // Two figures under 5 making 8 can only be 4 and 4.
        Assert.Equal([P, P, S], figures.Suppress(5).Hidden);
    }

    [Fact]
    public void ACrosstab_HidesUntilNoRowOrColumnWithAShownTotalHasASingleHiddenCell()
    {
        var hidden = Crosstab(
            [20, 15, 3],
            [12, 30, 25],
            [8, 9, 40]);

        // The 3 takes the 15 beside it; each column then takes its smallest other cell, each row again, until it closes.
        Assert.Equal(
            [
                [Shown, S, P, Shown],
                [S, Shown, S, Shown],
                [S, S, Shown, Shown],
                [Shown, Shown, Shown, Shown],
            ],
            hidden);
    }

    [Fact]
    public void ACountPinnedDownAcrossRowsAndColumns_HidesMoreUntilItIsNot()
    {
        var hidden = Crosstab(
            [4, 20],
            [30, 1]);

        // With the four cells hidden, column B (21) leaves 17 to 20 for the 20, so row 1 (24) leaves exactly 4 for the 4.
        // Once the row totals are hidden too, the 4 is anything from 1 to 4 again.
        Assert.Equal(
            [
                [P, S, S],
                [S, P, S],
                [Shown, Shown, Shown],
            ],
            hidden);
    }

    [Fact]
    public void ATableOfSmallCountsOnly_SaysWhereAFigureCanStillBeWorkedOut()
    {
        var report = Table("""
            - { label: Nord, indicator: appointments.count }
            - { label: Sud, indicator: appointments.count }
            - { label: Est, indicator: appointments.count }
            - { label: Ouest, indicator: appointments.count }
            - { label: Total, sum: above, total: true }
            """,
            [1], [1], [1], [1], [4]);

        var published = Published(report);

        // Four figures from 1 to 4 making at most 4 are 1 each, whatever is hidden: the staff must merge rows.
        Assert.Equal(Texts([Under5], [Under5], [Under5], [Under5], [Under5]), Texts(published.Rows!));
        Assert.Equal("Nord, 2024: a figure under 5 can be worked out from the figures around it even with all of them hidden: merge rows or columns before publishing.",
            published.Warnings![0]);
    }

    [Fact]
    public void APercentage_IsHiddenWhereItsNumeratorOrItsDenominatorIs()
    {
        var report = Table("""
            - { label: Bureau, indicator: appointments.count }
            - { label: Domicile, indicator: appointments.count }
            - { label: Total, sum: above, total: true }
            - { label: Bureau, sum: [1], share-of: 3 }
            - { label: Domicile, sum: [2], share-of: 3 }
            """,
            [3, 40], [50, 42], [53, 82], [3, 40], [50, 42]);

        var rows = Published(report).Rows!;

        Assert.Equal(Texts([Under5, "40"], [X, "42"], ["53", "82"], [X, "48,8 %"], [X, "51,2 %"]), Texts(rows));
    }

    [Fact]
    public void AProgression_IsHiddenWhereEitherOfItsYearsIs()
    {
        var report = Table("""
            - { label: Appels, indicator: contacts.count }
            - { label: Visites, indicator: day-centres.visits }
            """,
            [3, 40], [50, 42]);

        var rows = Published(report).Rows!;

        Assert.Equal((Under5, X), (Plain(rows[0].Values[0].Text), rows[0].Progression!.Text));
        Assert.Equal("-16,0 %", Plain(rows[1].Progression!.Text));
    }

    [Fact]
    public void HoursAndFiguresTypedByHand_ArePublishedAsTheyAre()
    {
        var report = Table("""
            - { label: Heures, indicator: deliveries.hours }
            - { label: Prestations, indicator: deliveries.count, values: { 2023: 2 } }
            """,
            [1.5m, 2.25m], [2, 9]);

        var rows = Published(report).Rows!;

        Assert.Equal(Texts(["2", "2"], ["2", "9"]), Texts(rows));
        Assert.All(rows.SelectMany(r => r.Values), v => Assert.Null(v.Suppressed));
    }

    [Fact]
    public void KeyFigures_HideACountUnderTheThreshold_ItsYearBefore_AndTheProgression()
    {
        var report = Report("""
            - type: key-figures
              id: k
              title: Chiffres clés
              figures:
                - { label: Abonnés, indicator: alarm.subscribers, previous-year: true }
                - { label: Heures, indicator: deliveries.hours, previous-year: true }
            """, new KeyFiguresResult("k", Label("Chiffres clés"), 2024,
            [
                new KeyFigureResult(Label("Abonnés"), 40, 3, ReportEngine.Progression(3, 40), 0, 1),
                new KeyFigureResult(Label("Heures"), 4, 2, ReportEngine.Progression(2, 4), 0, 1),
            ]));

        var rows = Published(report).Rows!;

        Assert.Equal(["40", Under5, X], [.. rows[0].Values.Select(v => Plain(v.Text)), rows[0].Progression!.Text]);
        Assert.Equal(["4", "2", "100,0 %"], [.. rows[1].Values.Select(v => v.Text), Plain(rows[1].Progression!.Text)]);
    }

    [Fact]
    public void AChartOfTheTable_HasAGapWhereTheTableHidesAFigure()
    {
        var definition = Read(Block("""
            - type: table
              id: t
              title: Rendez-vous
              years: 2
              rows:
                - { label: Bureau, indicator: appointments.count }
                - { label: Domicile, indicator: appointments.count }
                - { label: Total, sum: above, total: true }
            - type: chart
              id: g
              title: Rendez-vous
              of: t
            """));
        var table = TableResult(definition, [3, 40], [50, 42], [53, 82]);
        var chart = new ChartResult("g", Label("Rendez-vous"), "t", ChartKind.Bar, table.Years, 0,
            [new ChartSeries(Label("Bureau"), table.Rows[0].Values), new ChartSeries(Label("Domicile"), table.Rows[1].Values)])
        { TableRows = [0, 1] };

        var published = Disclosure.Publish(Document(table, chart), Disclosure.Find(definition, Result(table, chart)), exact: false);

        var series = published.Sections.Single().Blocks[1].Rows!;
        Assert.Equal([null, 40m, null, 42m], series.SelectMany(s => s.Values).Select(v => v.Value));
    }

    [Fact]
    public void TheExactVersion_KeepsEveryFigure_AndMarksTheHiddenOnes()
    {
        var report = Table("""
            - { label: Bureau, indicator: appointments.count }
            - { label: Domicile, indicator: appointments.count }
            - { label: Total, sum: above, total: true }
            """,
            [3, 40], [50, 42], [53, 82]);

        var exact = Disclosure.Publish(ReportDocument.From(report.Result, 1, "fr"), Disclosure.Find(report.Definition, report.Result), exact: true);

        var rows = exact.Sections.Single().Blocks.Single().Rows!;
        Assert.Equal([3m, 40m, 50m, 42m, 53m, 82m], rows.SelectMany(r => r.Values).Select(v => v.Value));
        Assert.Equal(["primary", null, "secondary", null, null, null], rows.SelectMany(r => r.Values).Select(v => v.Suppressed));
        Assert.Equal(new DisclosureDocument(5, Exact: true), exact.Disclosure);
    }

    [Fact]
    public void AWarningAboutAYearWithAHiddenFigure_SaysWhereButNotHowMuch()
    {
        var definition = Read(Block("""
            - type: table
              id: t
              title: Clients
              rows:
                - { label: Avec, indicator: beneficiaries.served }
                - { label: Sans, indicator: beneficiaries.served }
                - { label: Total, indicator: beneficiaries.served, adds-up: above }
            """));
        var table = TableResult(definition, [3], [40], [44]) with
        {
            Inconsistencies = [new Inconsistency(Label("Total"), 2024, 44, 43)],
        };

        var published = Disclosure.Publish(Document(table), Disclosure.Find(definition, Result(table)), exact: false);

        var warning = Assert.Single(published.Sections.Single().Blocks.Single().Warnings!);
        Assert.Equal("Total, 2024: does not agree with the rows it is checked against (figures not published).", warning);
    }

    [Fact]
    public void ABlockThatOptsOut_IsPublishedAsCounted()
    {
        var definition = Read(Block("""
            - type: table
              id: t
              title: Rendez-vous
              disclosure: false
              rows:
                - { label: Bureau, indicator: appointments.count }
            """));
        var table = TableResult(definition, [3]);

        var published = Disclosure.Publish(Document(table), Disclosure.Find(definition, Result(table)), exact: false);

        Assert.Equal(3m, published.Sections.Single().Blocks.Single().Rows![0].Values[0].Value);
    }

    [Fact]
    public void WithoutAThreshold_NothingIsHidden_AndTheDocumentSaysNothingOfDisclosure()
    {
        var definition = Read(Block("""
            - type: table
              id: t
              title: Rendez-vous
              rows:
                - { label: Bureau, indicator: appointments.count }
            """).Replace("disclosure: { threshold: 5 }\n", "", StringComparison.Ordinal));
        var table = TableResult(definition, [3]);

        var published = Disclosure.Publish(Document(table), Disclosure.Find(definition, Result(table)), exact: false);

        Assert.Null(published.Disclosure);
        Assert.Equal("3", published.Sections.Single().Blocks.Single().Rows![0].Values[0].Text);
    }

    [Fact]
    public void EveryIndicatorOfTheCatalogue_IsEitherACountOrAMeasure()
    {
        string[] measures = ["deliveries.hours", "deliveries.kilometres", "housing.average-residents", "staff.fte"];

        Assert.Equal(Indicators.ByName.Keys.Order(StringComparer.Ordinal),
            Disclosure.CountingIndicators.Concat(measures).Order(StringComparer.Ordinal));
    }

    /// <summary>A crosstab's cells (row totals, column totals and the grand total added up here), hidden as a DisclosureTable hides them.</summary>
    private static Suppression?[][] Crosstab(params decimal[][] cells)
    {
        var figures = new DisclosureTable();
        var (rows, columns) = (cells.Length, cells[0].Length);
        var at = new int[rows + 1][];
        for (var r = 0; r <= rows; r++)
        {
            at[r] = new int[columns + 1];
            for (var c = 0; c <= columns; c++)
            {
                var value = (r < rows, c < columns) switch
                {
                    (true, true) => cells[r][c],
                    (true, false) => cells[r].Sum(),
                    (false, true) => cells.Sum(row => row[c]),
                    _ => cells.Sum(row => row.Sum()),
                };
                at[r][c] = figures.Figure(value, counted: true);
            }
        }
        for (var r = 0; r <= rows; r++)
        {
            figures.Sum(at[r][columns], at[r][..columns]);
        }
        for (var c = 0; c <= columns; c++)
        {
            figures.Sum(at[rows][c], at[..rows].Select(row => row[c]));
        }
        var hidden = figures.Suppress(5).Hidden;
        return [.. at.Select(row => row.Select(f => hidden[f]).ToArray())];
    }

    private sealed record Computed(AnnualReportDefinition Definition, ReportResult Result);

    private static Label Label(string french) => new(french, null, null);

    private static string Block(string blocks) => $$"""
        suivi-report: 1
        title: Rapport
        disclosure: { threshold: 5 }
        sections:
          - title: Activité
            blocks:
        {{Indented(blocks, "      ")}}
        """;

    private static string Indented(string text, string by) => string.Join('\n', text.Split('\n').Select(line => by + line));

    private static AnnualReportDefinition Read(string text)
    {
        var reading = DefinitionReader.Read(text);
        Assert.True(reading.Succeeded, string.Join('\n', reading.Problems));
        return reading.Definition!;
    }

    private static Computed Report(string block, BlockResult result)
    {
        var definition = Read(Block(block));
        return new Computed(definition, Result(result));
    }

    /// <summary>A table over 2023 and 2024 of the given rows, each row's own figures given by year.</summary>
    private static Computed Table(string rows, params decimal?[][] figures)
    {
        var definition = Read(Block($"""
            - type: table
              id: t
              title: Tableau
              years: {figures[0].Length}
              rows:
            {Indented(rows, "    ")}
            """));
        return new Computed(definition, Result(TableResult(definition, figures)));
    }

    /// <summary>The table as the engine computes it from its rows' own figures: percentages of their denominator, progressions.</summary>
    private static YearTableResult TableResult(AnnualReportDefinition definition, params decimal?[][] figures)
    {
        var table = definition.Blocks.OfType<YearTable>().Single();
        var years = Enumerable.Range(2025 - table.Years, table.Years).ToList();
        var rows = table.Rows.Select((row, r) => row.Share is { } share
            ? new YearRowResult(row.Label, [.. figures[r].Select((_, y) => figures[(share.Part ?? r + 1) - 1][y] / figures[share.Of - 1][y])], row.Total, false, null)
            {
                Share = new ShareOf(table.Rows[share.Of - 1].Label, share.Decimals) { Figures = figures[r] },
            }
            : new YearRowResult(row.Label, figures[r], row.Total, row.Progression && table.ProgressionDecimals is not null,
                years.Count >= 2 ? ReportEngine.Progression(figures[r][^2], figures[r][^1]) : null)).ToList();
        return new YearTableResult(table.Id, table.Title, years, table.Decimals, table.ProgressionDecimals, rows);
    }

    private static ReportResult Result(params BlockResult[] blocks) =>
        new(Label("Rapport"), 2024, ReportScope.Organisation, [], [new SectionResult(Label("Activité"), blocks)]);

    private static ReportDocument Document(params BlockResult[] blocks) => ReportDocument.From(Result(blocks), 1, "fr");

    /// <summary>The single block of a report as published in French.</summary>
    private static BlockDocument Published(Computed report) =>
        Disclosure.Publish(ReportDocument.From(report.Result, 1, "fr"), Disclosure.Find(report.Definition, report.Result), exact: false)
            .Sections.Single().Blocks.Single();

    private static List<string> Texts(IEnumerable<RowDocument> rows) => [.. rows.Select(r => string.Join(" | ", r.Values.Select(v => Plain(v.Text))))];

    private static List<string> Texts(params string[][] rows) => [.. rows.Select(r => string.Join(" | ", r))];

    /// <summary>French figures group with a narrow no-break space and set "%" and "&lt; 5" apart with a no-break space.</summary>
    private static string Plain(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');
}
