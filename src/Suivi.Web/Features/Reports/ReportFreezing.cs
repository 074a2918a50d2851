using System.Text.Json;

namespace Suivi.Features.Reports;

/// <summary>
/// Where a figure stands in a report, so that another computation finds it again: the block's id, the row's label (in
/// French; a row in percent with its denominator), a crosstab's column label, and the year. A later definition version
/// that keeps the table's id and the row's label keeps the figure.
/// </summary>
public readonly record struct FigureKey(string Block, string Row, string? Column, int Year);

/// <summary>A published figure, and what the records give for it today as its publisher would see them.</summary>
internal readonly record struct Frozen(decimal? Published, decimal? Current);

/// <summary>
/// Publishing a report freezes its figures: every figure is stored unrounded under its <see cref="FigureKey"/>, and a
/// report that shows a published figure shows it as published, with a <see cref="Restatement"/> where today's records
/// give another figure. Totals, percentages and progressions are frozen as published, not recomputed from restated
/// parts; only the progression of a row whose years were frozen separately is recomputed from the figures shown.
/// </summary>
internal static class ReportFreezing
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record StoredFigure(string Block, string Row, string? Column, int Year, decimal? Value);

    public static string Write(ReportResult report) =>
        JsonSerializer.Serialize(Figures(report).Select(f => new StoredFigure(f.Key.Block, f.Key.Row, f.Key.Column, f.Key.Year, f.Value)), Json);

    public static Dictionary<FigureKey, decimal?> Read(string figures) =>
        JsonSerializer.Deserialize<List<StoredFigure>>(figures, Json)!.ToDictionary(f => new FigureKey(f.Block, f.Row, f.Column, f.Year), f => f.Value);

    /// <summary>Every figure of the report under its key: table cells, crosstab cells and totals, key figures and their previous year.</summary>
    public static IEnumerable<(FigureKey Key, decimal? Value)> Figures(ReportResult report)
    {
        foreach (var block in report.Blocks)
        {
            switch (block)
            {
                case YearTableResult table:
                    var rows = RowKeys(table);
                    for (var r = 0; r < table.Rows.Count; r++)
                    {
                        for (var y = 0; y < table.Years.Count; y++)
                        {
                            yield return (new FigureKey(table.Id, rows[r], null, table.Years[y]), table.Rows[r].Values[y]);
                        }
                    }
                    break;
                case CrosstabResult crosstab:
                    var (crossRows, crossColumns) = CrosstabKeys(crosstab);
                    for (var r = 0; r < crossRows.Length; r++)
                    {
                        for (var c = 0; c < crossColumns.Length; c++)
                        {
                            yield return (new FigureKey(crosstab.Id, crossRows[r], crossColumns[c], crosstab.Year), CrosstabCell(crosstab, r, c));
                        }
                    }
                    break;
                case KeyFiguresResult figures:
                    var labels = Unique(figures.Figures.Select(f => f.Label.Fr));
                    for (var f = 0; f < figures.Figures.Count; f++)
                    {
                        yield return (new FigureKey(figures.Id, labels[f], null, figures.Year), figures.Figures[f].Value);
                        if (figures.Figures[f].Previous is { } previous)
                        {
                            yield return (new FigureKey(figures.Id, labels[f], null, figures.Year - 1), previous);
                        }
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// The report with every figure <paramref name="frozen"/> knows replaced by its published value, a restatement where
    /// today's differs, and charts redrawn from their frozen tables.
    /// </summary>
    public static ReportResult Freeze(ReportResult live, Func<FigureKey, Frozen?> frozen)
    {
        var tables = new Dictionary<string, YearTableResult>();
        var sections = live.Sections.Select(section => section with
        {
            Blocks = [.. section.Blocks.Select(block => block switch
            {
                YearTableResult table => tables[table.Id] = Table(table, frozen),
                CrosstabResult crosstab => Crosstab(crosstab, frozen),
                KeyFiguresResult figures => KeyFigures(figures, frozen),
                _ => block,
            })],
        }).ToList();
        // A chart draws its table as shown; the table may come later in the report than the chart.
        return live with
        {
            Sections = [.. sections.Select(section => section with
            {
                Blocks = [.. section.Blocks.Select(block => block is ChartResult chart && tables.TryGetValue(chart.Of, out var table)
                    ? chart with { Series = [.. chart.TableRows.Select(r => new ChartSeries(table.Rows[r].Label, table.Rows[r].Values))] }
                    : block)],
            })],
        };
    }

    private static YearTableResult Table(YearTableResult table, Func<FigureKey, Frozen?> frozen)
    {
        var keys = RowKeys(table);
        var restatements = new List<Restatement>();
        var rows = table.Rows.Select((row, r) =>
        {
            var values = row.Values.ToArray();
            var changed = false;
            for (var y = 0; y < values.Length; y++)
            {
                if (frozen(new FigureKey(table.Id, keys[r], null, table.Years[y])) is not { } figure)
                {
                    continue;
                }
                (values[y], changed) = (figure.Published, true);
                if (figure.Current != figure.Published)
                {
                    restatements.Add(new Restatement(r, y, row.Label, table.Years[y], figure.Published, figure.Current));
                }
            }
            return !changed ? row : row with
            {
                Values = values,
                Progression = row.Share is null && values.Length >= 2 ? ReportEngine.Progression(values[^2], values[^1]) : row.Progression,
            };
        }).ToList();
        return table with { Rows = rows, Restatements = restatements };
    }

    private static CrosstabResult Crosstab(CrosstabResult crosstab, Func<FigureKey, Frozen?> frozen)
    {
        var (rows, columns) = CrosstabKeys(crosstab);
        var cells = crosstab.Cells.Select(row => row.ToArray()).ToArray();
        var (rowTotals, columnTotals, total) = (crosstab.RowTotals.ToArray(), crosstab.ColumnTotals.ToArray(), crosstab.Total);
        var restatements = new List<Restatement>();
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                if (frozen(new FigureKey(crosstab.Id, rows[r], columns[c], crosstab.Year)) is not { Published: { } published } figure)
                {
                    continue;
                }
                var (lastRow, lastColumn) = (r == rows.Length - 1, c == columns.Length - 1);
                _ = (lastRow, lastColumn) switch
                {
                    (false, false) => cells[r][c] = published,
                    (false, true) => rowTotals[r] = published,
                    (true, false) => columnTotals[c] = published,
                    (true, true) => total = published,
                };
                if (figure.Current != published)
                {
                    var label = lastRow ? crosstab.ColumnTotalLabel : crosstab.RowLabels[r];
                    restatements.Add(new Restatement(r, c, label, crosstab.Year, published, figure.Current)
                    {
                        ColumnLabel = lastColumn ? crosstab.RowTotalLabel : crosstab.ColumnLabels[c],
                    });
                }
            }
        }
        return crosstab with { Cells = cells, RowTotals = rowTotals, ColumnTotals = columnTotals, Total = total, Restatements = restatements };
    }

    private static KeyFiguresResult KeyFigures(KeyFiguresResult block, Func<FigureKey, Frozen?> frozen)
    {
        var labels = Unique(block.Figures.Select(f => f.Label.Fr));
        var restatements = new List<Restatement>();
        var figures = block.Figures.Select((figure, f) =>
        {
            var value = Frozen(0, block.Year, figure.Value) ?? figure.Value;
            var previous = figure.Previous is { } before ? Frozen(1, block.Year - 1, before) ?? before : (decimal?)null;
            return figure with { Value = value, Previous = previous, Progression = ReportEngine.Progression(previous, value) };

            decimal? Frozen(int column, int year, decimal today)
            {
                if (frozen(new FigureKey(block.Id, labels[f], null, year)) is not { Published: { } published } figure)
                {
                    return null;
                }
                if (figure.Current != published)
                {
                    restatements.Add(new Restatement(f, column, block.Figures[f].Label, year, published, figure.Current));
                }
                return published;
            }
        }).ToList();
        return block with { Figures = figures, Restatements = restatements };
    }

    private static decimal CrosstabCell(CrosstabResult crosstab, int r, int c) =>
        (r == crosstab.RowLabels.Count, c == crosstab.ColumnLabels.Count) switch
        {
            (false, false) => crosstab.Cells[r][c],
            (false, true) => crosstab.RowTotals[r],
            (true, false) => crosstab.ColumnTotals[c],
            (true, true) => crosstab.Total,
        };

    /// <summary>The rows then the totals row; the columns then the totals column (as the table prints them).</summary>
    private static (string[] Rows, string[] Columns) CrosstabKeys(CrosstabResult crosstab) =>
        (Unique([.. crosstab.RowLabels.Select(l => l.Fr), crosstab.ColumnTotalLabel.Fr]),
         Unique([.. crosstab.ColumnLabels.Select(l => l.Fr), crosstab.RowTotalLabel.Fr]));

    private static string[] RowKeys(YearTableResult table) =>
        Unique(table.Rows.Select(r => r.Share is { } share ? $"{r.Label.Fr} ÷ {share.Denominator.Fr}" : r.Label.Fr));

    /// <summary>Labels as keys: a label used twice in a block is told apart by its occurrence ("Autres #2").</summary>
    private static string[] Unique(IEnumerable<string> labels)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. labels.Select(label =>
        {
            var n = seen[label] = seen.GetValueOrDefault(label) + 1;
            return n == 1 ? label : $"{label} #{n}";
        })];
    }
}
