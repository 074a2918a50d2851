using Suivi.Features.Reports;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

public sealed class DefinitionReaderTests
{
    [Fact]
    public void TheShippedExample_Reads()
    {
        var text = File.ReadAllText(Path.Combine(TestRepository.Root, "docs", "formats", "examples", "report-help-panorama.yaml"));

        var reading = DefinitionReader.Read(text);

        Assert.True(reading.Succeeded, string.Join('\n', reading.Problems));
        Assert.Equal(["T1", "T2", "G1", "T3", "T4", "T6"], reading.Definition!.Blocks.Where(b => b is not TextBlock).Select(b => b.Id));
    }

    [Fact]
    public void TheTestWorldsDefinition_Reads() => Assert.True(DefinitionReader.Read(TestWorld.AnnualReport).Succeeded);

    [Fact]
    public void ASyntaxError_IsRefused_WithItsLine()
    {
        var reading = DefinitionReader.Read("suivi-report: 1\ntitle: Rapport\nsections:\n  - title: [unclosed\n");

        var problem = Assert.Single(reading.Problems);
        Assert.Null(reading.Definition);
        Assert.StartsWith("The file is not valid YAML or JSON", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Position.Line >= 4, problem.ToString());
    }

    [Fact]
    public void AnUnknownIndicator_IsRefused_WithItsLineAndTheKnownOnes()
    {
        var reading = DefinitionReader.Read(Table("- { label: Heures, indicator: deliveries.hourz }"));

        var problem = Assert.Single(reading.Problems);
        Assert.Equal(10, problem.Position.Line);
        Assert.Contains("Unknown indicator 'deliveries.hourz'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("deliveries.hours", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFilterTheIndicatorDoesNotHave_IsRefused()
    {
        var reading = DefinitionReader.Read(Table("- { label: Heures, indicator: deliveries.hours, filter: { profession: nurse } }"));

        Assert.Contains("'deliveries.hours' cannot be filtered by 'profession'", Assert.Single(reading.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownFixedValue_IsRefused()
    {
        var reading = DefinitionReader.Read(Table("- { label: Clients, indicator: beneficiaries.served, filter: { care-insurance: maybe } }"));

        Assert.Contains("Unknown care-insurance 'maybe'", Assert.Single(reading.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImpossibleYear_IsRefused()
    {
        var reading = DefinitionReader.Read(Table("- { label: Heures, indicator: deliveries.hours, since: 20233 }"));

        Assert.Contains("a year from 1900 to 2200, found '20233'", Assert.Single(reading.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsListed_NotOnlyTheFirst()
    {
        var reading = DefinitionReader.Read(Table("""
            - { label: A, indicator: nothing.here }
                  - { label: B, indicator: deliveries.count, colour: red }
                  - { label: C, sum: [1, 9] }
            """));

        Assert.Equal(3, reading.Problems.Count);
        Assert.Equal([10, 11, 12], reading.Problems.Select(p => p.Position.Line).Order());
    }

    [Fact]
    public void AMissingFormatKey_IsRefused()
    {
        var reading = DefinitionReader.Read("title: Rapport\nsections: []\n");

        Assert.Contains(reading.Problems, p => p.Message.Contains("'suivi-report'", StringComparison.Ordinal));
    }

    /// <summary>A definition whose only table has the given rows, the first of them on line 10.</summary>
    [Fact]
    public void AChartOfATableTheDefinitionDoesNotHave_IsRefused_WithTheLineOfItsOf()
    {
        var reading = DefinitionReader.Read(Table("- { label: Heures, indicator: deliveries.hours }") + Chart("of: T9"));

        var problem = Assert.Single(reading.Problems);
        Assert.Equal(14, problem.Position.Line);
        Assert.Contains("there is none with the id 'T9'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AChartOfARowTheTableDoesNotHave_IsRefused()
    {
        var reading = DefinitionReader.Read(Table("- { label: Heures, indicator: deliveries.hours }") + Chart("of: t\n        rows: [1, 2]"));

        Assert.Contains("The table 't' has 1 rows: it has no row 2.", Assert.Single(reading.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AChart_ReadsWithItsTableAndKind()
    {
        var reading = DefinitionReader.Read(Table("- { label: Heures, indicator: deliveries.hours }") + Chart("of: t\n        kind: line"));

        Assert.True(reading.Succeeded, string.Join("; ", reading.Problems));
        var chart = Assert.Single(reading.Definition!.Blocks.OfType<ChartBlock>());
        Assert.Equal(("t", ChartKind.Line, (IReadOnlyList<int>?)null), (chart.Of, chart.Kind, chart.Rows));
    }

    [Fact]
    public void AFigureTypedWithAGroupingSpace_IsRefused_WithItsLine()
    {
        var reading = DefinitionReader.Read(Table("- { label: Clients, values: { 2022: 1 234, 2023: 1300 } }"));

        var problem = Assert.Single(reading.Problems);
        Assert.Equal(10, problem.Position.Line);
        Assert.Contains("found '1 234'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypedFigures_AndADeclaredSum_Read()
    {
        var reading = DefinitionReader.Read(Table("- { label: A, values: { 2022: 1.5 } }\n          - { label: Total, values: { 2022: 2 }, total: true, adds-up: above }"));

        Assert.True(reading.Succeeded, string.Join("; ", reading.Problems));
        var rows = reading.Definition!.Blocks.OfType<YearTable>().Single().Rows;
        Assert.IsType<TypedSource>(rows[0].Value);
        Assert.Equal(1.5m, rows[0].Typed[2022]);
        Assert.NotNull(rows[1].Adds);
    }

    /// <summary>A chart block appended after <see cref="Table"/>'s, in the same section; its 'of' line is line 14.</summary>
    private static string Chart(string lines) => $"""

              - type: chart
                id: g
                title: Graphique
                {lines}
        """;

    [Fact]
    public void RowsNamedByPosition_AreSummedAndCheckedAgainst()
    {
        var reading = DefinitionReader.Read(Table("""
            - { label: Bureau, indicator: appointments.count }
                      - { label: Domicile, indicator: appointments.count }
                      - { label: Total, sum: [1, 2], total: true }
                      - { label: Clients, indicator: beneficiaries.served, adds-up: [1, 2] }
            """));

        Assert.True(reading.Succeeded, string.Join('\n', reading.Problems));
        var rows = reading.Definition!.Blocks.OfType<YearTable>().Single().Rows;
        Assert.Equal([1, 2], ((RowSumSource)rows[2].Value).Rows!);
        Assert.Equal([1, 2], rows[3].Adds!.Rows!);
    }

    [Fact]
    public void ADisclosureThreshold_AndABlockOptingOut_AreRead()
    {
        var reading = DefinitionReader.Read(Disclosed("{ threshold: 10 }").Replace("title: Tableau", "title: Tableau\n        disclosure: false", StringComparison.Ordinal));

        Assert.True(reading.Succeeded, string.Join('\n', reading.Problems));
        Assert.Equal(10, reading.Definition!.DisclosureThreshold);
        Assert.False(reading.Definition.Blocks.Single().DisclosureControl);
        Assert.Null(DefinitionReader.Read(Table("- { label: Rendez-vous, indicator: appointments.count }")).Definition!.DisclosureThreshold);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("five")]
    [InlineData("1001")]
    public void ADisclosureThresholdThatIsNotAWholeNumberFrom2_IsRefusedWithItsLineAndColumn(string threshold)
    {
        var reading = DefinitionReader.Read(Disclosed($"{{ threshold: {threshold} }}"));

        var problem = Assert.Single(reading.Problems);
        Assert.Equal((3, 26), (problem.Position.Line, problem.Position.Column));
        Assert.Equal($"Expected a threshold (the smallest count published) from 2 to 1000, found '{threshold}'.", problem.Message);
    }

    [Fact]
    public void ADisclosureWithoutAThreshold_IsRefused()
    {
        var reading = DefinitionReader.Read(Disclosed("5"));

        var problem = Assert.Single(reading.Problems);
        Assert.Equal(3, problem.Position.Line);
        Assert.StartsWith("Expected the disclosure control, e.g. { threshold: 5 }", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABlocksDisclosure_IsTrueOrFalse()
    {
        var reading = DefinitionReader.Read(Disclosed("{ threshold: 5 }").Replace("title: Tableau", "title: Tableau\n        disclosure: off", StringComparison.Ordinal));

        var problem = Assert.Single(reading.Problems);
        Assert.Equal((10, 21), (problem.Position.Line, problem.Position.Column));
        Assert.Equal("Expected true or false, found 'off'.", problem.Message);
    }

    private static string Disclosed(string disclosure) =>
        Table("- { label: Rendez-vous, indicator: appointments.count }").Replace("title: Rapport\n", $"title: Rapport\ndisclosure: {disclosure}\n", StringComparison.Ordinal);

    [Fact]
    public void ASumOfRowsByPosition_Reads()
    {
        var reading = DefinitionReader.Read(Table(Rows(
            "- { label: Au bureau, indicator: appointments.count }",
            "- { label: À domicile, indicator: deliveries.count }",
            "- { label: Total, sum: [1, 2], total: true }")));

        Assert.True(reading.Succeeded, string.Join('\n', reading.Problems));
        var table = Assert.IsType<YearTable>(reading.Definition!.Blocks.Single());
        Assert.Equal([1, 2], Assert.IsType<RowSumSource>(table.Rows[2].Value).Rows);
    }

    [Fact]
    public void ASumOfARowBelowIt_IsRefused_ForSumsAreComputedRowByRow()
    {
        var reading = DefinitionReader.Read(Table(Rows(
            "- { label: Total, sum: [2, 3] }",
            "- { label: Au bureau, indicator: appointments.count }",
            "- { label: À domicile, indicator: deliveries.count }")));

        Assert.Equal("A sum adds rows above it: the first row has none.", Assert.Single(reading.Problems).Message);
    }

    private static string Rows(params string[] rows) => string.Join("\n          ", rows);

    private static string Table(string rows) => $"""
        suivi-report: 1
        title: Rapport
        sections:
          - title: Activité
            blocks:
              - type: table
                id: t
                title: Tableau
                rows:
                  {rows}
        """;
}
