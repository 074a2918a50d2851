using Suivi.Domain;

namespace Suivi.Features.Reports;

/// <summary>
/// An organisation's annual report, as its administrator declared it (format in docs/formats/report-definition.md):
/// sections of text, key figures, tables over several years and crosstabs, each figure naming an indicator and
/// its filters. The definition says what to count; <see cref="ReportEngine"/> counts it from the records.
/// </summary>
public sealed record AnnualReportDefinition(Label Title, ReportScope Scope, IReadOnlyList<ReportSection> Sections)
{
    public const int FormatVersion = 1;

    public IEnumerable<ReportBlock> Blocks => Sections.SelectMany(s => s.Blocks);

    /// <summary>
    /// Disclosure control (<c>disclosure: { threshold: 5 }</c>, docs/formats/report-definition.md): counts of people or
    /// records from 1 to one below the threshold are not published, nor the figures they could be worked out from.
    /// None: every figure is published as counted.
    /// </summary>
    public int? DisclosureThreshold { get; init; }
}

/// <summary>Whose records a report counts.</summary>
public enum ReportScope
{
    /// <summary>The records of the organisation the report belongs to.</summary>
    Organisation,

    /// <summary>The records of every organisation of the network the viewer is a member of, side by side or added up.</summary>
    Network,
}

public sealed record ReportSection(Label Title, IReadOnlyList<ReportBlock> Blocks);

/// <summary>Where something was written in the definition file, for messages that point at it.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}

public abstract record ReportBlock(string Id, SourcePosition Position)
{
    /// <summary>False when the block opts out of the definition's disclosure control (<c>disclosure: false</c>): its figures are published as counted.</summary>
    public bool DisclosureControl { get; init; } = true;
}

/// <summary>How a chart draws its table.</summary>
public enum ChartKind
{
    /// <summary>Bars side by side: each row a colour, the years along the axis.</summary>
    Bar,

    /// <summary>Bars stacked: the rows as parts of each year's whole.</summary>
    StackedBar,

    /// <summary>A line per row across the years.</summary>
    Line,
}

/// <summary>
/// A chart of a year table of the same definition (<see cref="Of"/>): its rows over its years, drawn from the
/// table's own figures, so the chart cannot say something the table doesn't. <see cref="Rows"/> picks rows by
/// position; by default every row but the totals.
/// </summary>
public sealed record ChartBlock(string Id, Label Title, string Of, ChartKind Kind, IReadOnlyList<int>? Rows, SourcePosition Position,
    SourcePosition OfPosition) : ReportBlock(Id, Position);

/// <summary>A paragraph of narrative in three languages.</summary>
public sealed record TextBlock(string Id, Label Text, SourcePosition Position) : ReportBlock(Id, Position);

/// <summary>
/// A table of indicators over the report year and the years before it, with a progression column for the last two
/// years: (this year − last year) / last year, rounded to <see cref="ProgressionDecimals"/>.
/// </summary>
public sealed record YearTable(
    string Id,
    Label Title,
    int Years,
    int Decimals,
    int? ProgressionDecimals,
    IReadOnlyList<YearRow> Rows,
    SourcePosition Position) : ReportBlock(Id, Position);

/// <summary>
/// A row of a year table. Its value is an indicator, or the sum of other rows computed from their unrounded
/// values, or only figures typed in by hand (<see cref="TypedSource"/>). <see cref="Typed"/> figures take the place of
/// the computed one for their years (years before the records were kept in Suivi). Outside
/// <see cref="Since"/>..<see cref="Until"/> the row did not exist and shows "/". <see cref="Adds"/> declares that the
/// row must equal the sum of other rows: the engine checks it every year and says where it doesn't.
/// </summary>
public sealed record YearRow(
    Label Label,
    FigureSource Value,
    bool Total,
    bool Progression,
    int? Since,
    int? Until,
    SourcePosition Position)
{
    public IReadOnlyDictionary<int, decimal> Typed { get; init; } = new Dictionary<int, decimal>();

    public RowSumSource? Adds { get; init; }

    /// <summary>Shown as a percentage of this row (by position), the stated denominator; see <see cref="RowShare"/>.</summary>
    public RowShare? Share { get; init; }
}

/// <summary>
/// A row shown in percent of the row at <see cref="Of"/> (the denominator, named beside the label). The numerator is the
/// row's own figure, or the row at <see cref="Part"/>: then figures typed in for the row are the published percentages,
/// shown as typed and checked against part ÷ denominator.
/// </summary>
public sealed record RowShare(int Of, int? Part, int Decimals, SourcePosition Position);

/// <summary>No computation: the row shows only the figures typed in for it, "/" for other years.</summary>
public sealed record TypedSource(SourcePosition Position) : FigureSource(Position);

/// <summary>What a figure is computed from.</summary>
public abstract record FigureSource(SourcePosition Position);

/// <summary>An indicator of the catalogue, with filters by code (service, act category, …).</summary>
public sealed record IndicatorSource(string Indicator, IReadOnlyList<FigureFilter> Filters, SourcePosition Position)
    : FigureSource(Position);

/// <summary>The sum of rows of the same table, by their position (1-based) or all rows above that are not totals.</summary>
public sealed record RowSumSource(IReadOnlyList<int>? Rows, SourcePosition Position) : FigureSource(Position);

/// <summary>A filter on one dimension: the record matches when its value is one of <see cref="Values"/>.</summary>
public sealed record FigureFilter(string Dimension, IReadOnlyList<string> Values, SourcePosition Position);

/// <summary>An indicator for the report year split along two dimensions, with row and column totals from unrounded values.</summary>
public sealed record Crosstab(
    string Id,
    Label Title,
    IndicatorSource Value,
    CrosstabAxis Rows,
    CrosstabAxis Columns,
    int Decimals,
    SourcePosition Position) : ReportBlock(Id, Position);

/// <summary>The values of one axis of a crosstab, in the order shown; each value may group several codes.</summary>
public sealed record CrosstabAxis(string Dimension, IReadOnlyList<AxisValue> Values, Label TotalLabel, SourcePosition Position);

public sealed record AxisValue(Label Label, IReadOnlyList<string> Codes, SourcePosition Position);

/// <summary>Single figures of the report year, optionally beside the year before and the progression.</summary>
public sealed record KeyFigures(string Id, Label Title, IReadOnlyList<KeyFigure> Figures, SourcePosition Position)
    : ReportBlock(Id, Position);

public sealed record KeyFigure(Label Label, IndicatorSource Value, int Decimals, bool PreviousYear, int ProgressionDecimals, SourcePosition Position);
