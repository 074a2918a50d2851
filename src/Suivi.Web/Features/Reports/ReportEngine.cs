namespace Suivi.Features.Reports;

/// <summary>The records of one organisation a report counts, as the viewer may see them.</summary>
internal sealed record ReportSource(Guid OrganisationId, string Code, string Name, RecordFacts Facts);

/// <summary>
/// Computes an annual report from the records: every figure from an indicator over the sources' records, totals
/// from unrounded values, progressions from unrounded values. Nothing is rounded here; <see cref="FigureFormat"/>
/// rounds for display only, so a total may differ by one from the sum of its rounded parts, as published reports do.
/// </summary>
internal sealed class ReportEngine
{
    private readonly IReadOnlyList<ReportSource> _sources;

    /// <summary>Organisations whose records a network report reads at the same time.</summary>
    private const int SourcesReadAtOnce = 4;

    private ReportEngine(IReadOnlyList<ReportSource> sources) => _sources = sources;

    public static async Task<ReportResult> ComputeAsync(AnnualReportDefinition definition, int year,
        IReadOnlyList<ReportSource> sources, CancellationToken cancellationToken)
    {
        var engine = new ReportEngine(sources);
        // Everything the report counts is known from its definition: each source reads it in one query per grouping of
        // records for all the years, rather than one per figure's indicator and year.
        var counted = Counted(definition, year).ToList();
        List<(Indicator, int)> needed = [.. counted.Select(c => (Indicators.ByName[c.Source.Indicator], c.Year)).Distinct()];
        // Each indicator's records need be grouped only by the dimensions its figures are filtered or split by (a sum of
        // rows or a crosstab's totals filter by the dimensions of their parts, so these are all).
        var dimensions = counted.GroupBy(c => Indicators.ByName[c.Source.Indicator]).ToDictionary(g => g.Key,
            g => g.SelectMany(c => c.Source.Filters.Select(f => f.Dimension).Concat(c.Splits)).ToHashSet(StringComparer.Ordinal));
        // Each organisation's records are read through its own DbContext and connection: a network report reads several
        // at once, the database working on one while the application turns another's rows into facts.
        await Parallel.ForEachAsync(sources, new ParallelOptions { MaxDegreeOfParallelism = SourcesReadAtOnce, CancellationToken = cancellationToken },
            async (source, token) => await source.Facts.ReadAsync(needed, token, dimensions));
        var sections = new List<SectionResult>();
        foreach (var section in definition.Sections)
        {
            var blocks = new List<BlockResult>();
            foreach (var block in section.Blocks)
            {
                blocks.Add(block switch
                {
                    TextBlock text => new TextResult(text.Id, text.Text),
                    YearTable table => await engine.YearTableAsync(table, year, cancellationToken),
                    Crosstab crosstab => await engine.CrosstabAsync(crosstab, year, cancellationToken),
                    KeyFigures figures => await engine.KeyFiguresAsync(figures, year, cancellationToken),
                    ChartBlock chart => Chart(chart, await engine.YearTableAsync(definition.Blocks.OfType<YearTable>().Single(t => t.Id == chart.Of),
                        year, cancellationToken)),
                    _ => throw new InvalidOperationException($"No computation for the block {block.Id}."),
                });
            }
            sections.Add(new SectionResult(section.Title, blocks));
        }
        return new ReportResult(definition.Title, year, definition.Scope,
            [.. sources.Select(s => new ReportedOrganisation(s.OrganisationId, s.Code, s.Name))], sections);
    }

    /// <summary>
    /// Every figure the report counts from records, as the blocks below compute them: its indicator and filters, its
    /// year, and the dimensions a crosstab splits it by.
    /// </summary>
    private static IEnumerable<(IndicatorSource Source, int Year, string[] Splits)> Counted(AnnualReportDefinition definition, int year)
    {
        foreach (var block in definition.Blocks)
        {
            switch (block)
            {
                case YearTable table:
                    foreach (var row in table.Rows)
                    {
                        if (row.Value is not IndicatorSource source)
                        {
                            // A sum counts the union of its parts' records: the parts' indicator and year.
                            continue;
                        }
                        foreach (var y in YearsOf(table, year).Where(y => !(y < row.Since || y > row.Until) && !row.Typed.ContainsKey(y)))
                        {
                            yield return (source, y, []);
                        }
                    }
                    break;
                case Crosstab crosstab:
                    yield return (crosstab.Value, year, [crosstab.Rows.Dimension, crosstab.Columns.Dimension]);
                    break;
                case KeyFigures figures:
                    foreach (var figure in figures.Figures)
                    {
                        yield return (figure.Value, year, []);
                        if (figure.PreviousYear)
                        {
                            yield return (figure.Value, year - 1, []);
                        }
                    }
                    break;
            }
        }
    }

    private static List<int> YearsOf(YearTable table, int year) => [.. Enumerable.Range(year - table.Years + 1, table.Years)];

    private async Task<YearTableResult> YearTableAsync(YearTable table, int year, CancellationToken cancellationToken)
    {
        var years = YearsOf(table, year);
        var values = new decimal?[table.Rows.Count][];
        var records = new RecordsQuery?[table.Rows.Count][];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            values[r] = new decimal?[years.Count];
            records[r] = new RecordsQuery?[years.Count];
            for (var y = 0; y < years.Count; y++)
            {
                if (years[y] < row.Since || years[y] > row.Until)
                {
                    continue;
                }
                if (row.Typed.TryGetValue(years[y], out var typed))
                {
                    values[r][y] = typed;
                    continue;
                }
                (values[r][y], records[r][y]) = row.Value switch
                {
                    TypedSource => (null, null),
                    IndicatorSource source => (await ValueAsync(source, years[y], cancellationToken), RecordsOf(source, years[y])),
                    RowSumSource sum => await SumAsync(table, r, sum, y, years[y], values, cancellationToken),
                    _ => throw new InvalidOperationException("Unknown figure source."),
                };
            }
        }
        var inconsistencies = Inconsistencies(table, years, values);
        var rows = table.Rows.Select((row, r) => row.Share is { } share
            ? new YearRowResult(row.Label, Shares(table, r, share, years, values, inconsistencies), row.Total, false, null)
            {
                Share = new ShareOf(table.Rows[share.Of - 1].Label, share.Decimals) { Figures = values[r] },
                Origins = [.. years.Select(y => share.Part is not null && row.Typed.ContainsKey(y) ? FigureOrigin.TypedIn : null)],
            }
            : new YearRowResult(row.Label, values[r], row.Total, row.Progression && table.ProgressionDecimals is not null,
                years.Count >= 2 ? Progression(values[r][^2], values[r][^1]) : null)
            {
                Origins = [.. years.Select((year, y) => values[r][y] is null ? null
                    : row.Typed.ContainsKey(year) ? FigureOrigin.TypedIn : FigureOrigin.Of(records[r][y]))],
            }).ToList();
        return new YearTableResult(table.Id, table.Title, years, table.Decimals, table.ProgressionDecimals, rows)
        {
            Inconsistencies = inconsistencies,
        };
    }

    /// <summary>
    /// A sum of rows for a year, of unrounded values, and the records behind it when its parts are the records of one
    /// figure (<see cref="RecordsQuery.Union"/>): all computed from one indicator, none typed in, differing in one
    /// dimension only. Counted at once, that union is the sum of its parts — to the last digit of a division for hours
    /// and averages, which it then gives the row, so the list behind the total recomputes it exactly; but distinct people
    /// counted in two parts are one person in the union, and then the sum has no one list behind it.
    /// </summary>
    private async Task<(decimal? Value, RecordsQuery? Records)> SumAsync(YearTable table, int r, RowSumSource sum, int y, int year,
        decimal?[][] values, CancellationToken cancellationToken)
    {
        // Parts that did not exist that year add nothing; the sum is of unrounded values.
        var value = PartsOf(table, r, sum).Sum(p => values[p][y] ?? 0);
        var parts = new List<RecordsQuery>();
        if (!CollectParts(table, r, sum, y, year, values, parts) || RecordsQuery.Union(parts) is not { } union)
        {
            return (value, null);
        }
        var counted = await ValueAsync(union, cancellationToken);
        return Math.Abs(counted - value) < DivisionTolerance ? (counted, union) : (value, null);
    }

    /// <summary>Far below any figure's decimals (six at most), far above what dividing decimals leaves in their 28th digit.</summary>
    private const decimal DivisionTolerance = 0.000_000_000_001m;

    /// <summary>The records of each part of a sum that counted something that year; false when a part has none to list (typed in).</summary>
    private bool CollectParts(YearTable table, int r, RowSumSource sum, int y, int year, decimal?[][] values, List<RecordsQuery> parts)
    {
        foreach (var p in PartsOf(table, r, sum))
        {
            if (p >= r || table.Rows[p].Typed.ContainsKey(year))
            {
                return false;
            }
            if (values[p][y] is null)
            {
                continue;
            }
            switch (table.Rows[p].Value)
            {
                case IndicatorSource source:
                    // None when its filters leave nothing to count: the part adds nothing.
                    if (RecordsOf(source, year) is { } records)
                    {
                        parts.Add(records);
                    }
                    break;
                case RowSumSource inner when CollectParts(table, p, inner, y, year, values, parts):
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    private RecordsQuery? RecordsOf(IndicatorSource source, int year) => RecordsQuery.Of(source, year, _sources.Select(s => s.Code));

    /// <summary>
    /// A row in percent of its stated denominator, as fractions of unrounded figures. Percentages typed in (a row with a
    /// <c>part</c>) are shown as typed and checked: rounded as typed, part ÷ denominator must give the same percentage.
    /// </summary>
    private static decimal?[] Shares(YearTable table, int r, RowShare share, List<int> years, decimal?[][] values, List<Inconsistency> inconsistencies)
    {
        var row = table.Rows[r];
        var shares = new decimal?[years.Count];
        for (var y = 0; y < years.Count; y++)
        {
            var numerator = share.Part is { } part ? values[part - 1][y] : values[r][y];
            decimal? computed = values[share.Of - 1][y] is { } denominator && denominator != 0 && numerator is { } n ? n / denominator : null;
            if (share.Part is not { } typedPart || !row.Typed.TryGetValue(years[y], out var percent))
            {
                shares[y] = computed;
                continue;
            }
            shares[y] = percent / 100;
            if (computed is { } c && Math.Round(c * 100, share.Decimals, MidpointRounding.AwayFromZero) != percent)
            {
                inconsistencies.Add(new Inconsistency(row.Label, years[y], percent / 100, c)
                {
                    Share = new ShareInconsistency(table.Rows[typedPart - 1].Label, table.Rows[share.Of - 1].Label, share.Decimals),
                });
            }
        }
        return shares;
    }

    /// <summary>
    /// Rows declared to add up (<c>adds-up</c>) that don't, year by year, compared unrounded: the error a report typed by
    /// hand makes, and the sign of a definition whose parts miss something.
    /// </summary>
    private static List<Inconsistency> Inconsistencies(YearTable table, List<int> years, decimal?[][] values)
    {
        var found = new List<Inconsistency>();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            if (table.Rows[r].Adds is not { } adds)
            {
                continue;
            }
            for (var y = 0; y < years.Count; y++)
            {
                if (values[r][y] is not { } stated)
                {
                    continue;
                }
                var parts = PartsOf(table, r, adds).Sum(p => values[p][y] ?? 0);
                if (parts != stated)
                {
                    found.Add(new Inconsistency(table.Rows[r].Label, years[y], stated, parts));
                }
            }
        }
        return found;
    }

    /// <summary>The chart's rows as its table computed them (the facts are kept by each source: drawing a table costs no second count).</summary>
    private static ChartResult Chart(ChartBlock chart, YearTableResult table)
    {
        List<int> rows = [.. chart.Rows?.Select(p => p - 1) ?? Enumerable.Range(0, table.Rows.Count).Where(r => !table.Rows[r].Total && table.Rows[r].Share is null)];
        return new ChartResult(chart.Id, chart.Title, table.Id, chart.Kind, table.Years, table.Decimals,
            [.. rows.Select(r => new ChartSeries(table.Rows[r].Label, table.Rows[r].Values))])
        {
            TableRows = rows,
        };
    }

    internal static IEnumerable<int> PartsOf(YearTable table, int row, RowSumSource sum) =>
        sum.Rows is { } positions
            ? positions.Select(p => p - 1)
            : Enumerable.Range(0, row).Where(r => !table.Rows[r].Total && table.Rows[r].Share is null);

    /// <summary>(this year − last year) / last year, as a fraction; none when last year had nothing to compare with.</summary>
    public static decimal? Progression(decimal? last, decimal? current) =>
        last is { } before && current is { } now && before != 0 ? (now - before) / before : null;

    private async Task<CrosstabResult> CrosstabAsync(Crosstab crosstab, int year, CancellationToken cancellationToken)
    {
        var (rows, columns) = (crosstab.Rows, crosstab.Columns);
        var rowCodes = rows.Values.SelectMany(v => v.Codes).ToList();
        var columnCodes = columns.Values.SelectMany(v => v.Codes).ToList();
        var listed = crosstab.Value with
        {
            Filters = [.. crosstab.Value.Filters, new FigureFilter(rows.Dimension, rowCodes, rows.Position), new FigureFilter(columns.Dimension, columnCodes, columns.Position)],
        };
        IndicatorSource Cell(int r, int c) => listed with
        {
            Filters = [.. crosstab.Value.Filters, new FigureFilter(rows.Dimension, rows.Values[r].Codes, rows.Position), new FigureFilter(columns.Dimension, columns.Values[c].Codes, columns.Position)],
        };
        IndicatorSource Within(CrosstabAxis axis, int v) => listed with { Filters = [.. listed.Filters, new FigureFilter(axis.Dimension, axis.Values[v].Codes, axis.Position)] };
        var cells = new decimal[rows.Values.Count][];
        var cellRecords = new RecordsQuery?[rows.Values.Count][];
        for (var r = 0; r < rows.Values.Count; r++)
        {
            cells[r] = new decimal[columns.Values.Count];
            cellRecords[r] = new RecordsQuery?[columns.Values.Count];
            for (var c = 0; c < columns.Values.Count; c++)
            {
                cells[r][c] = await ValueAsync(Cell(r, c), year, cancellationToken);
                cellRecords[r][c] = RecordsOf(Cell(r, c), year);
            }
        }
        // Totals are computed from the records, not by adding cells: right for sums and for distinct people alike.
        var rowTotals = new decimal[rows.Values.Count];
        for (var r = 0; r < rows.Values.Count; r++)
        {
            rowTotals[r] = await ValueAsync(Within(rows, r), year, cancellationToken);
        }
        var columnTotals = new decimal[columns.Values.Count];
        for (var c = 0; c < columns.Values.Count; c++)
        {
            columnTotals[c] = await ValueAsync(Within(columns, c), year, cancellationToken);
        }
        var total = await ValueAsync(listed, year, cancellationToken);
        var everything = await ValueAsync(crosstab.Value, year, cancellationToken);
        var warnings = new List<string>();
        if (everything != total)
        {
            warnings.Add($"Records worth {everything - total} fall in no row or column of this table: list their codes in the definition.");
        }
        return new CrosstabResult(crosstab.Id, crosstab.Title, year, [.. rows.Values.Select(v => v.Label)], [.. columns.Values.Select(v => v.Label)],
            cells, rowTotals, columnTotals, total, rows.TotalLabel, columns.TotalLabel, crosstab.Decimals, warnings)
        {
            CellRecords = cellRecords,
            RowTotalRecords = [.. rows.Values.Select((_, r) => RecordsOf(Within(rows, r), year))],
            ColumnTotalRecords = [.. columns.Values.Select((_, c) => RecordsOf(Within(columns, c), year))],
            TotalRecords = RecordsOf(listed, year),
        };
    }

    private async Task<KeyFiguresResult> KeyFiguresAsync(KeyFigures block, int year, CancellationToken cancellationToken)
    {
        var figures = new List<KeyFigureResult>();
        foreach (var figure in block.Figures)
        {
            var value = await ValueAsync(figure.Value, year, cancellationToken);
            decimal? previous = figure.PreviousYear ? await ValueAsync(figure.Value, year - 1, cancellationToken) : null;
            figures.Add(new KeyFigureResult(figure.Label, value, previous, Progression(previous, value), figure.Decimals, figure.ProgressionDecimals)
            {
                Records = RecordsOf(figure.Value, year),
                PreviousRecords = figure.PreviousYear ? RecordsOf(figure.Value, year - 1) : null,
            });
        }
        return new KeyFiguresResult(block.Id, block.Title, year, figures);
    }

    /// <summary>An indicator's value for a year over every source: people are counted distinct within an organisation.</summary>
    private async Task<decimal> ValueAsync(IndicatorSource source, int year, CancellationToken cancellationToken)
    {
        var indicator = Indicators.ByName[source.Indicator];
        var sum = 0m;
        foreach (var reportSource in _sources)
        {
            sum += Aggregate(await reportSource.Facts.ForAsync(indicator, year, cancellationToken), source.Filters);
        }
        return sum;
    }

    /// <summary>The figure of the records <paramref name="query"/> names over every source it names.</summary>
    private async Task<decimal> ValueAsync(RecordsQuery query, CancellationToken cancellationToken) =>
        await ValueAsync(new IndicatorSource(query.Indicator.Name, query.FigureFilters, default), query.Year, cancellationToken);

    /// <summary>One organisation's part of the figure <paramref name="query"/> names, as a report computes it.</summary>
    internal static async Task<decimal> FigureAsync(RecordFacts facts, RecordsQuery query, CancellationToken cancellationToken) =>
        Aggregate(await facts.ForAsync(query.Indicator, query.Year, cancellationToken), query.FigureFilters);

    internal static decimal Aggregate(FactTable facts, IReadOnlyList<FigureFilter> filters)
    {
        var tests = filters.Select(f => (Index: facts.IndexOf(f.Dimension), Values: f.Values.ToHashSet(StringComparer.Ordinal))).ToList();
        if (tests.Any(t => t.Index < 0))
        {
            throw new InvalidOperationException("A filter names a dimension its records do not have.");
        }
        var matching = facts.Rows.Where(row => tests.All(t => row.Codes[t.Index] is { } code && t.Values.Contains(code))).ToList();
        // People are counted once each where the facts name them; where the database counted them already (decision
        // 013), the facts carry the count, and the people they name are none of those.
        return (matching.Where(r => r.Who is null).Sum(r => r.Value) + matching.Where(r => r.Who is not null).Select(r => r.Who).Distinct().Count())
            / facts.Divisor;
    }
}
