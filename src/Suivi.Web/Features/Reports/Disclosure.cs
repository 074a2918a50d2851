using System.Collections.Frozen;
using Microsoft.Extensions.Localization;
using Suivi.Infrastructure;

namespace Suivi.Features.Reports;

/// <summary>
/// Disclosure control of a published report (docs/formats/report-definition.md, decision 009): with
/// <c>disclosure: { threshold: 5 }</c>, counts of people or records from 1 to 4 are not published ("&lt; 5"), nor any
/// figure they could be worked out from ("x"): a part beside them under a shown total, a total, a percentage, a
/// progression, a point of a chart. <see cref="Find"/> decides from the computed report and the relations its
/// definition declares; <see cref="Publish"/> writes the result into the document every output is made from, without
/// the hidden values, or, for the staff preparing the report, with the exact values and the hidden ones marked.
/// </summary>
public static class Disclosure
{
    /// <summary>The text of a figure hidden because another would be worked out from it.</summary>
    public const string Hidden = "x";

    /// <summary>
    /// Indicators that count people or records, whose small values could single someone out. Hours, kilometres,
    /// averages and full-time equivalents are measures, published as they are, and so are figures typed in by hand.
    /// </summary>
    public static readonly FrozenSet<string> CountingIndicators = new[]
    {
        Indicators.DeliveryCount, Indicators.BeneficiariesServed, Indicators.DayCentreVisitors, Indicators.DayCentreVisits,
        Indicators.AlarmSubscribers, Indicators.AlarmCount, Indicators.ContactCount, Indicators.AppointmentCount, Indicators.StaffCount,
        Indicators.CaseFilesOpened, Indicators.CaseFilesWorked, Indicators.CaseFilesClosed, Indicators.ChildrenFollowed, Indicators.RequestsReceived,
    }.Select(i => i.Name).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The figures of the report its definition's threshold hides; none when the definition sets no threshold.</summary>
    public static SuppressedFigures Find(AnnualReportDefinition definition, ReportResult report)
    {
        if (definition.DisclosureThreshold is not { } threshold)
        {
            return SuppressedFigures.None;
        }
        var controlled = definition.Blocks.Where(b => b.DisclosureControl).ToDictionary(b => b.Id, StringComparer.Ordinal);
        var blocks = new Dictionary<string, SuppressedBlock>(StringComparer.Ordinal);
        foreach (var block in report.Blocks)
        {
            var found = controlled.GetValueOrDefault(block.Id) switch
            {
                YearTable table when block is YearTableResult result => Table(result, table, threshold),
                Crosstab crosstab when block is CrosstabResult result => Crosstab(result, crosstab, threshold),
                KeyFigures figures when block is KeyFiguresResult result => KeyFigures(result, figures, threshold),
                _ => null,
            };
            if (found is not null)
            {
                blocks[block.Id] = found;
            }
        }
        // A chart draws its table's figures: a gap wherever the table hides one.
        foreach (var chart in report.Blocks.OfType<ChartResult>())
        {
            if (blocks.TryGetValue(chart.Of, out var table))
            {
                blocks[chart.Id] = Chart(chart, table);
            }
        }
        return new SuppressedFigures(threshold, blocks);
    }

    /// <summary>
    /// The document as published: hidden figures lose their value and read "&lt; 5" or "x", and warnings that would print
    /// a hidden figure say where without it. With <paramref name="exact"/>, the figures stay and the hidden ones are only
    /// marked, for the staff preparing the report. Either way each hidden figure says why (<see cref="FigureDocument.Suppressed"/>).
    /// </summary>
    public static ReportDocument Publish(ReportDocument document, SuppressedFigures suppressed, bool exact)
    {
        if (suppressed.Threshold is not { } threshold)
        {
            return document;
        }
        var under = UnderThreshold(threshold, document.Language);
        FigureDocument Figure(FigureDocument figure, Suppression? why) => why switch
        {
            null => figure,
            _ when exact => figure with { Suppressed = EnumCodes.Of(why.Value) },
            Suppression.Primary => figure with { Value = null, Text = under, Suppressed = EnumCodes.Of(why.Value), Restatement = null, Records = null },
            _ => figure with { Value = null, Text = Hidden, Suppressed = EnumCodes.Of(why.Value), Restatement = null, Records = null },
        };
        BlockDocument Block(BlockDocument block)
        {
            if (!suppressed.Blocks.TryGetValue(block.Id, out var hidden))
            {
                return block;
            }
            var warnings = (block.Warnings ?? []).Select((warning, i) => exact || !hidden.Redacted.TryGetValue(i, out var redacted) ? warning : redacted(document.Language))
                .Concat(hidden.Recoverable.Select(at => Recoverable(block, at, threshold, document.Language)))
                .ToList();
            return block with
            {
                Rows = [.. (block.Rows ?? []).Select((row, r) => row with
                {
                    Values = [.. row.Values.Select((figure, c) => Figure(figure, hidden.At(r, c)))],
                    Progression = row.Progression is { } progression ? Figure(progression, hidden.At(r, SuppressedFigures.Progression)) : null,
                })],
                Warnings = block.Warnings is null && warnings.Count == 0 ? null : warnings,
            };
        }
        return document with
        {
            Disclosure = new DisclosureDocument(threshold, exact),
            Sections = [.. document.Sections.Select(s => s with { Blocks = [.. s.Blocks.Select(Block)] })],
        };
    }

    /// <summary>What the hidden figures of a block mean, a line for each kind it holds (primary first), as the page, the PDF and the workbook print it.</summary>
    public static IEnumerable<(string Kind, string Text)> Legend(BlockDocument block, DisclosureDocument disclosure, string language, IStringLocalizer localizer) =>
        (block.Rows ?? []).SelectMany(r => r.Values.Append(r.Progression)).Select(f => f?.Suppressed).OfType<string>()
            .Distinct().Order(StringComparer.Ordinal).Select(kind => (kind, Explain(kind, disclosure, language, localizer)));

    /// <summary>Why a figure is hidden, in words: published, what its text stands for; exact, how it will read once published.</summary>
    public static string Explain(string kind, DisclosureDocument disclosure, string language, IStringLocalizer localizer)
    {
        var threshold = FigureFormat.Number(disclosure.Threshold, 0, language);
        var under = UnderThreshold(disclosure.Threshold, language);
        return (kind == EnumCodes.Of(Suppression.Primary), disclosure.Exact) switch
        {
            (true, false) => localizer["{0}: from 1 to {1}, not published so that no one can be recognised.", under, FigureFormat.Number(disclosure.Threshold - 1, 0, language)],
            (true, true) => localizer["Under {0}: published as {1}.", threshold, under],
            (false, false) => localizer["{0}: not published, so that a figure under {1} cannot be worked out from it.", Hidden, threshold],
            (false, true) => localizer["Published as {0}, so that a figure under {1} cannot be worked out from it.", Hidden, threshold],
        };
    }

    /// <summary>"&lt; 5": what a count under the threshold reads, in every language; the threshold formatted as figures are.</summary>
    public static string UnderThreshold(int threshold, string language) => "<\u00A0" + FigureFormat.Number(threshold, 0, language);

    private static string Recoverable(BlockDocument block, (int Row, int Column) at, int threshold, string language)
    {
        var column = block.Type == "crosstab" ? block.Columns![at.Column] : block.Years![at.Column].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{block.Rows![at.Row].Label}, {column}: a figure under {FigureFormat.Number(threshold, 0, language)} can be worked out from the "
            + "figures around it even with all of them hidden: merge rows or columns before publishing.";
    }

    private static SuppressedBlock Table(YearTableResult table, YearTable definition, int threshold)
    {
        var relations = new DisclosureTable();
        var (rows, years) = (table.Rows.Count, table.Years.Count);
        var own = new int[rows, years];
        var shown = new int[rows, years];
        var places = new Dictionary<int, (int Row, int Column)>();
        var counted = new Dictionary<(int Row, int Year), bool>();
        for (var r = 0; r < rows; r++)
        {
            var row = table.Rows[r];
            for (var y = 0; y < years; y++)
            {
                var value = row.Share is { } share ? share.Figures.ElementAtOrDefault(y) : row.Values[y];
                own[r, y] = relations.Figure(value, Counts(definition, r, table.Years[y], counted, []));
                shown[r, y] = own[r, y];
                places[own[r, y]] = (r, y);
            }
        }
        for (var r = 0; r < rows; r++)
        {
            var row = definition.Rows[r];
            for (var y = 0; y < years; y++)
            {
                if (row.Share is { } share)
                {
                    // A percentage gives back its numerator over a shown denominator, and its denominator over a shown numerator.
                    shown[r, y] = relations.Figure(table.Rows[r].Values[y], counted: false);
                    relations.From(shown[r, y], own[(share.Part ?? r + 1) - 1, y], own[share.Of - 1, y]);
                    places[shown[r, y]] = (r, y);
                }
                if (row.Value is RowSumSource sum && !row.Typed.ContainsKey(table.Years[y]))
                {
                    relations.Sum(own[r, y], ReportEngine.PartsOf(definition, r, sum).Select(p => own[p, y]));
                }
                if (row.Adds is { } adds)
                {
                    relations.Sum(own[r, y], ReportEngine.PartsOf(definition, r, adds).Select(p => own[p, y]));
                }
            }
        }
        var progressions = new Dictionary<int, int>();
        for (var r = 0; r < rows && years >= 2 && table.ProgressionDecimals is not null; r++)
        {
            if (table.Rows[r].ShowsProgression)
            {
                progressions[r] = relations.Figure(table.Rows[r].Progression, counted: false);
                relations.From(progressions[r], shown[r, years - 2], shown[r, years - 1]);
            }
        }
        var outcome = relations.Suppress(threshold);
        var figures = new Dictionary<(int, int), Suppression>();
        for (var r = 0; r < rows; r++)
        {
            for (var y = 0; y < years; y++)
            {
                Mark(figures, (r, y), outcome.Hidden[shown[r, y]]);
            }
            if (progressions.TryGetValue(r, out var progression))
            {
                Mark(figures, (r, SuppressedFigures.Progression), outcome.Hidden[progression]);
            }
        }
        // A warning about a year prints that year's figures: where one is hidden, it says where, not how much.
        var redacted = new Dictionary<int, Func<string, string>>();
        for (var i = 0; i < table.Inconsistencies.Count; i++)
        {
            var (label, year) = (table.Inconsistencies[i].Row, table.Inconsistencies[i].Year);
            var y = table.Years.ToList().IndexOf(year);
            if (Enumerable.Range(0, rows).Any(r => figures.ContainsKey((r, y))))
            {
                redacted[i] = language => $"{label.In(language)}, {year}: does not agree with the rows it is checked against (figures not published).";
            }
        }
        return new SuppressedBlock(figures, [.. outcome.Recoverable.Select(f => places[f]).Distinct()], redacted);
    }

    /// <summary>
    /// Whether a row's figure for a year counts people or records: an indicator that counts, or a sum of such figures;
    /// not a figure typed in by hand.
    /// </summary>
    private static bool Counts(YearTable table, int r, int year, Dictionary<(int Row, int Year), bool> known, HashSet<int> visiting)
    {
        if (known.TryGetValue((r, year), out var counts))
        {
            return counts;
        }
        var row = table.Rows[r];
        counts = !row.Typed.ContainsKey(year) && row.Value switch
        {
            IndicatorSource source => CountingIndicators.Contains(source.Indicator),
            // Rows summing one another in a circle count nothing sensible: not a count.
            RowSumSource sum => visiting.Add(r) && ReportEngine.PartsOf(table, r, sum).All(p => Counts(table, p, year, known, visiting)),
            _ => false,
        };
        known[(r, year)] = counts;
        return counts;
    }

    private static SuppressedBlock Crosstab(CrosstabResult crosstab, Crosstab definition, int threshold)
    {
        var counted = CountingIndicators.Contains(definition.Value.Indicator);
        var relations = new DisclosureTable();
        var (rows, columns) = (crosstab.RowLabels.Count, crosstab.ColumnLabels.Count);
        // As the document lays it out: the cells, each row's total last, and a last row of column totals and the grand total.
        var at = new int[rows + 1, columns + 1];
        var places = new Dictionary<int, (int Row, int Column)>();
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= columns; c++)
            {
                var value = (r < rows, c < columns) switch
                {
                    (true, true) => crosstab.Cells[r][c],
                    (true, false) => crosstab.RowTotals[r],
                    (false, true) => crosstab.ColumnTotals[c],
                    _ => crosstab.Total,
                };
                at[r, c] = relations.Figure(value, counted);
                places[at[r, c]] = (r, c);
            }
        }
        for (var r = 0; r <= rows; r++)
        {
            relations.Sum(at[r, columns], Enumerable.Range(0, columns).Select(c => at[r, c]));
        }
        for (var c = 0; c <= columns; c++)
        {
            relations.Sum(at[rows, c], Enumerable.Range(0, rows).Select(r => at[r, c]));
        }
        var outcome = relations.Suppress(threshold);
        var figures = new Dictionary<(int, int), Suppression>();
        foreach (var (figure, place) in places)
        {
            Mark(figures, place, outcome.Hidden[figure]);
        }
        // The crosstab's warnings say how much falls outside its rows and columns: a count, which may be small.
        Func<string, string> outside = _ => "Records fall in no row or column of this table: list their codes in the definition.";
        var redacted = counted ? Enumerable.Range(0, crosstab.Warnings.Count).ToDictionary(i => i, _ => outside) : [];
        return new SuppressedBlock(figures, [.. outcome.Recoverable.Select(f => places[f])], redacted);
    }

    private static SuppressedBlock KeyFigures(KeyFiguresResult block, KeyFigures definition, int threshold)
    {
        var relations = new DisclosureTable();
        var places = new List<((int Row, int Column) Place, int Figure)>();
        for (var i = 0; i < block.Figures.Count; i++)
        {
            var figure = block.Figures[i];
            var counted = CountingIndicators.Contains(definition.Figures[i].Value.Indicator);
            var value = relations.Figure(figure.Value, counted);
            places.Add(((i, 0), value));
            if (figure.Previous is { } previous)
            {
                var before = relations.Figure(previous, counted);
                var progression = relations.Figure(figure.Progression, counted: false);
                relations.From(progression, before, value);
                places.Add(((i, 1), before));
                places.Add(((i, SuppressedFigures.Progression), progression));
            }
        }
        var outcome = relations.Suppress(threshold);
        var figures = new Dictionary<(int, int), Suppression>();
        foreach (var (place, figure) in places)
        {
            Mark(figures, place, outcome.Hidden[figure]);
        }
        return new SuppressedBlock(figures, [], new Dictionary<int, Func<string, string>>());
    }

    private static SuppressedBlock Chart(ChartResult chart, SuppressedBlock table)
    {
        var figures = new Dictionary<(int, int), Suppression>();
        for (var series = 0; series < chart.TableRows.Count; series++)
        {
            for (var y = 0; y < chart.Years.Count; y++)
            {
                Mark(figures, (series, y), table.At(chart.TableRows[series], y));
            }
        }
        return new SuppressedBlock(figures, [], new Dictionary<int, Func<string, string>>());
    }

    private static void Mark(Dictionary<(int, int), Suppression> figures, (int Row, int Column) place, Suppression? why)
    {
        if (why is { } suppression)
        {
            figures[place] = suppression;
        }
    }
}

/// <summary>
/// What disclosure control hides in a computed report, for each block by row and column as the document lays them out
/// (<see cref="ReportDocument"/>; <see cref="Progression"/> stands for a row's progression).
/// </summary>
public sealed class SuppressedFigures
{
    public const int Progression = -1;

    public static readonly SuppressedFigures None = new(null, new Dictionary<string, SuppressedBlock>());

    internal SuppressedFigures(int? threshold, IReadOnlyDictionary<string, SuppressedBlock> blocks) => (Threshold, Blocks) = (threshold, blocks);

    /// <summary>The definition's threshold; none when it sets no disclosure control.</summary>
    public int? Threshold { get; }

    internal IReadOnlyDictionary<string, SuppressedBlock> Blocks { get; }

    /// <summary>Why the figure at a row and column of a block is hidden, if it is.</summary>
    public Suppression? At(string block, int row, int column) => Blocks.GetValueOrDefault(block)?.At(row, column);
}

/// <summary>
/// A block's hidden figures by (row, column); the places of figures under the threshold that remain recoverable; and,
/// by index, the block's warnings that would print a hidden figure, with what to print instead (in a language).
/// </summary>
internal sealed record SuppressedBlock(IReadOnlyDictionary<(int Row, int Column), Suppression> Figures,
    IReadOnlyList<(int Row, int Column)> Recoverable, IReadOnlyDictionary<int, Func<string, string>> Redacted)
{
    public Suppression? At(int row, int column) => Figures.TryGetValue((row, column), out var why) ? why : null;
}
