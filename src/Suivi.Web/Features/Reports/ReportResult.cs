using Suivi.Domain;

namespace Suivi.Features.Reports;

/// <summary>A computed report: unrounded figures, in the definition's layout. Formatting is applied on output.</summary>
public sealed record ReportResult(Label Title, int Year, ReportScope Scope, IReadOnlyList<ReportedOrganisation> Organisations,
    IReadOnlyList<SectionResult> Sections)
{
    public IEnumerable<BlockResult> Blocks => Sections.SelectMany(s => s.Blocks);

    /// <summary>The address of the organisation the report was read in, under which its figures link to their records.</summary>
    public string? ReadIn { get; init; }

    /// <summary>When the report's year was published: its figures are those published.</summary>
    public Publication? Publication { get; init; }

    /// <summary>Earlier years whose figures come from their own published report.</summary>
    public IReadOnlyList<int> FrozenYears { get; init; } = [];
}

/// <summary>Who published a year's report, when, and from which version of its definition.</summary>
public sealed record Publication(int Year, DateTime At, string By, int DefinitionVersion);

/// <summary>
/// A published figure that today's records compute differently: the published figure stays in the report, the current
/// one and the difference are shown beside it. <see cref="Row"/> and <see cref="Column"/> locate the cell in its block
/// (for key figures, column 1 is the previous year).
/// </summary>
public sealed record Restatement(int Row, int Column, Label RowLabel, int Year, decimal? Published, decimal? Current)
{
    /// <summary>A crosstab cell's column.</summary>
    public Label? ColumnLabel { get; init; }
}

/// <summary>A block with figures that can be published, and so restated.</summary>
public abstract record FigureBlockResult(string Id) : BlockResult(Id)
{
    public IReadOnlyList<Restatement> Restatements { get; init; } = [];
}

public sealed record ReportedOrganisation(Guid Id, string Code, string Name);

public sealed record SectionResult(Label Title, IReadOnlyList<BlockResult> Blocks);

public abstract record BlockResult(string Id);

public sealed record TextResult(string Id, Label Text) : BlockResult(Id);

public sealed record YearTableResult(string Id, Label Title, IReadOnlyList<int> Years, int Decimals, int? ProgressionDecimals,
    IReadOnlyList<YearRowResult> Rows) : FigureBlockResult(Id)
{
    /// <summary>Rows that were declared to add up and don't.</summary>
    public IReadOnlyList<Inconsistency> Inconsistencies { get; init; } = [];
}

/// <summary>
/// A row's figure for a year (<see cref="Stated"/>) that differs from the sum of the rows it should add up
/// (<see cref="Parts"/>), or, for a percentage typed in, from its part over its stated denominator (<see cref="Share"/>).
/// </summary>
public sealed record Inconsistency(Label Row, int Year, decimal Stated, decimal Parts)
{
    public ShareInconsistency? Share { get; init; }
}

/// <summary>The typed percentage's part and stated denominator, and the decimals it was typed with.</summary>
public sealed record ShareInconsistency(Label Part, Label Denominator, int Decimals);

/// <summary>
/// A row's unrounded value for each year (none where the row did not exist) and the last two years' progression. A row
/// in percent has fractions for values (0.575), its denominator and decimals in <see cref="Share"/>.
/// </summary>
public sealed record YearRowResult(Label Label, IReadOnlyList<decimal?> Values, bool Total, bool ShowsProgression, decimal? Progression)
{
    public ShareOf? Share { get; init; }

    /// <summary>Where each year's figure comes from; none for a percentage, a year without figure, or a sum with no one list behind it.</summary>
    public IReadOnlyList<FigureOrigin?> Origins { get; init; } = [];
}

/// <summary>Where a figure comes from: the records behind it, or a figure typed in by hand.</summary>
public sealed record FigureOrigin(RecordsQuery? Records, bool Typed)
{
    public static readonly FigureOrigin TypedIn = new(null, true);

    public static FigureOrigin? Of(RecordsQuery? records) => records is null ? null : new(records, false);
}

public sealed record ShareOf(Label Denominator, int Decimals)
{
    /// <summary>The row's own unrounded figures by year, before they are put in percent (its numerator unless it names a part).</summary>
    public IReadOnlyList<decimal?> Figures { get; init; } = [];
}

public sealed record CrosstabResult(string Id, Label Title, int Year, IReadOnlyList<Label> RowLabels, IReadOnlyList<Label> ColumnLabels,
    decimal[][] Cells, decimal[] RowTotals, decimal[] ColumnTotals, decimal Total, Label RowTotalLabel, Label ColumnTotalLabel,
    int Decimals, IReadOnlyList<string> Warnings) : FigureBlockResult(Id)
{
    /// <summary>The records behind each cell, row by row; none where the definition's filter leaves nothing to count.</summary>
    public IReadOnlyList<IReadOnlyList<RecordsQuery?>> CellRecords { get; init; } = [];

    public IReadOnlyList<RecordsQuery?> RowTotalRecords { get; init; } = [];

    public IReadOnlyList<RecordsQuery?> ColumnTotalRecords { get; init; } = [];

    public RecordsQuery? TotalRecords { get; init; }
}

public sealed record KeyFiguresResult(string Id, Label Title, int Year, IReadOnlyList<KeyFigureResult> Figures) : FigureBlockResult(Id);

public sealed record KeyFigureResult(Label Label, decimal Value, decimal? Previous, decimal? Progression, int Decimals, int ProgressionDecimals)
{
    public RecordsQuery? Records { get; init; }

    public RecordsQuery? PreviousRecords { get; init; }
}

/// <summary>A chart of a year table: the chosen rows' unrounded values over the table's years.</summary>
public sealed record ChartResult(string Id, Label Title, string Of, ChartKind Kind, IReadOnlyList<int> Years, int Decimals,
    IReadOnlyList<ChartSeries> Series) : BlockResult(Id)
{
    /// <summary>For each series, the index (from 0) of the table row it draws: a table whose figures were frozen or hidden is drawn as shown.</summary>
    public IReadOnlyList<int> TableRows { get; init; } = [];
}

public sealed record ChartSeries(Label Label, IReadOnlyList<decimal?> Values);
