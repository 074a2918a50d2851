using System.Text.Json.Serialization;
using Suivi.Infrastructure;

namespace Suivi.Features.Reports;

/// <summary>
/// A computed report in one language, as the page, the XLSX file, the API and the command line show it: every figure
/// both unrounded (<c>value</c>) and as printed (<c>text</c>), so a reader can check the rounding and a program can
/// compute further without re-parsing French numbers.
/// </summary>
public sealed record ReportDocument(
    string Title,
    int Year,
    string Language,
    string Scope,
    int DefinitionVersion,
    IReadOnlyList<OrganisationDocument> Organisations,
    IReadOnlyList<SectionDocument> Sections)
{
    /// <summary>When the report's year was published: its figures are those published, restated where the records changed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Publication? Publication { get; init; }

    /// <summary>Earlier years whose figures are shown as their own year's report published them.</summary>
    public IReadOnlyList<int> FrozenYears { get; init; } = [];

    /// <summary>The definition's disclosure control, when it has one: its threshold, and whether the figures are the exact ones.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DisclosureDocument? Disclosure { get; init; }

    public static ReportDocument From(ReportResult report, int definitionVersion, string language)
    {
        string L(Domain.Label label) => label.In(language);
        return new ReportDocument(L(report.Title), report.Year, language, report.Scope.ToString().ToLowerInvariant(), definitionVersion,
            [.. report.Organisations.Select(o => new OrganisationDocument(o.Code, o.Name))],
            [.. report.Sections.Select(s => new SectionDocument(L(s.Title), [.. s.Blocks.Select(b => Restated(b, Block(b, language, report.ReadIn), language))]))])
        {
            Publication = report.Publication,
            FrozenYears = report.FrozenYears,
        };
    }

    /// <summary>The block's restated figures marked in place, each with the sentence that will say it under the block.</summary>
    private static BlockDocument Restated(BlockResult result, BlockDocument block, string language)
    {
        if (result is not FigureBlockResult { Restatements.Count: > 0 } figures)
        {
            return block;
        }
        var values = block.Rows!.Select(r => r.Values.ToArray()).ToList();
        foreach (var restatement in figures.Restatements)
        {
            var shown = values[restatement.Row][restatement.Column];
            var format = FormatLike(shown, result, restatement.Row, language);
            var difference = restatement.Current - restatement.Published;
            var detail = new RestatementDocument(restatement.Current, format(restatement.Current),
                difference, difference is { } d ? (d > 0 ? "+" : "") + format(d) : FigureFormat.NotApplicable);
            var where = restatement.ColumnLabel is { } column ? $"{restatement.RowLabel.In(language)} × {column.In(language)}" : restatement.RowLabel.In(language);
            values[restatement.Row][restatement.Column] = shown with
            {
                Restatement = detail with { Note = RestatementNote(where, restatement.Year, shown.Text, detail, language) },
            };
        }
        return block with { Rows = [.. block.Rows!.Select((r, i) => r with { Values = values[i] })] };
    }

    /// <summary>
    /// Under each block, a sentence per restated figure the document still shows: a figure disclosure control hides
    /// has lost its restatement, whose numbers would give it back.
    /// </summary>
    public static ReportDocument WithRestatementNotes(ReportDocument document) => document with
    {
        Sections = [.. document.Sections.Select(section => section with
        {
            Blocks = [.. section.Blocks.Select(block => block.Rows?.SelectMany(r => r.Values).Select(f => f.Restatement?.Note).OfType<string>().ToList() is { Count: > 0 } notes
                ? block with { Restatements = notes }
                : block)],
        })],
    };

    /// <summary>Today's figure and the difference printed as the published one is, with more decimals if the difference would print as zero.</summary>
    private static Func<decimal?, string> FormatLike(FigureDocument shown, BlockResult block, int row, string language)
    {
        if (block is YearTableResult { } table && table.Rows[row].Share is { } share)
        {
            return v => FigureFormat.Percent(v, share.Decimals, language);
        }
        return v => FigureFormat.Number(v, v is { } value ? Math.Max(shown.Decimals, Math.Min(6, (int)value.Scale)) : shown.Decimals, language);
    }

    private static string RestatementNote(string row, int year, string published, RestatementDocument today, string language) => language switch
    {
        "de" => $"Berichtigt: {row}, {year}: veröffentlicht {published}, nach heutigem Stand {today.Text} ({today.DifferenceText}).",
        "en" => $"Restated: {row}, {year}: published {published}, today's records give {today.Text} ({today.DifferenceText}).",
        _ => $"Rectifié : {row}, {year} : publié {published}, d'après les données d'aujourd'hui {today.Text} ({today.DifferenceText}).",
    };

    /// <summary>A row in percent names its denominator: "Au bureau (en % de Total)".</summary>
    private static string ShareLabel(Domain.Label label, Domain.Label denominator, string language) => language switch
    {
        "de" => $"{label.In(language)} (in % von {denominator.In(language)})",
        "en" => $"{label.In(language)} (as % of {denominator.In(language)})",
        _ => $"{label.In(language)} (en % de {denominator.In(language)})",
    };

    /// <summary>Shown with as many decimals as the figures have (six at most), so a difference never prints as zero.</summary>
    private static string Inconsistent(Inconsistency inconsistency, int decimals, string language)
    {
        if (inconsistency.Share is { } share)
        {
            string P(decimal value) => FigureFormat.Percent(value, share.Decimals, language);
            return $"{inconsistency.Row.In(language)}, {inconsistency.Year}: {P(inconsistency.Stated)} is not {share.Part.In(language)} "
                + $"over {share.Denominator.In(language)}, {P(inconsistency.Parts)}: its denominator is not the stated one.";
        }
        var shown = Math.Max(decimals, Math.Min(6, (int)Math.Max(inconsistency.Stated.Scale, inconsistency.Parts.Scale)));
        string N(decimal value) => FigureFormat.Number(value, shown, language);
        return $"{inconsistency.Row.In(language)}, {inconsistency.Year}: {N(inconsistency.Stated)} is not the sum of its parts, "
            + $"{N(inconsistency.Parts)} (difference {N(inconsistency.Stated - inconsistency.Parts)}).";
    }

    private static BlockDocument Block(BlockResult block, string language, string? readIn)
    {
        string L(Domain.Label label) => label.In(language);
        string? Link(RecordsQuery? records) => records is null || readIn is null ? null : records.Link(readIn);
        FigureDocument Traced(FigureDocument figure, FigureOrigin? origin) =>
            origin is null ? figure : figure with { Records = Link(origin.Records), Typed = origin.Typed ? true : null };
        switch (block)
        {
            case TextResult text:
                return new BlockDocument("text", text.Id, null) { Text = L(text.Text) };
            case YearTableResult table:
                return new BlockDocument("table", table.Id, L(table.Title))
                {
                    Years = table.Years,
                    ProgressionHeading = table.ProgressionDecimals is null || table.Years.Count < 2 ? null : $"{table.Years[^2]} → {table.Years[^1]}",
                    Rows = [.. table.Rows.Select(r => r.Share is { } share
                        ? new RowDocument(ShareLabel(r.Label, share.Denominator, language), r.Total,
                            [.. r.Values.Select((v, y) => Traced(new FigureDocument(v, FigureFormat.Percent(v, share.Decimals, language), share.Decimals), r.Origins.ElementAtOrDefault(y)))], null)
                        : new RowDocument(L(r.Label), r.Total,
                            [.. r.Values.Select((v, y) => Traced(new FigureDocument(v, FigureFormat.Number(v, table.Decimals, language), table.Decimals), r.Origins.ElementAtOrDefault(y)))],
                            r.ShowsProgression && table.ProgressionDecimals is { } decimals
                                ? new FigureDocument(r.Progression, FigureFormat.Percent(r.Progression, decimals, language), decimals)
                                : null))],
                    Warnings = table.Inconsistencies.Count == 0 ? null : [.. table.Inconsistencies.Select(i => Inconsistent(i, table.Decimals, language))],
                };
            case CrosstabResult crosstab:
                FigureDocument Cell(decimal value, RecordsQuery? records) =>
                    new(value, FigureFormat.Number(value, crosstab.Decimals, language), crosstab.Decimals) { Records = Link(records) };
                return new BlockDocument("crosstab", crosstab.Id, L(crosstab.Title))
                {
                    Columns = [.. crosstab.ColumnLabels.Select(L), L(crosstab.RowTotalLabel)],
                    Rows =
                    [
                        .. crosstab.RowLabels.Select((label, r) => new RowDocument(L(label), false,
                            [
                                .. crosstab.Cells[r].Select((value, c) => Cell(value, crosstab.CellRecords.ElementAtOrDefault(r)?.ElementAtOrDefault(c))),
                                Cell(crosstab.RowTotals[r], crosstab.RowTotalRecords.ElementAtOrDefault(r)),
                            ], null)),
                        new RowDocument(L(crosstab.ColumnTotalLabel), true,
                            [.. crosstab.ColumnTotals.Select((value, c) => Cell(value, crosstab.ColumnTotalRecords.ElementAtOrDefault(c))), Cell(crosstab.Total, crosstab.TotalRecords)], null),
                    ],
                    Warnings = crosstab.Warnings,
                };
            case KeyFiguresResult figures:
                return new BlockDocument("key-figures", figures.Id, L(figures.Title))
                {
                    Years = figures.Figures.Any(f => f.Previous is not null) ? [figures.Year, figures.Year - 1] : [figures.Year],
                    Rows = [.. figures.Figures.Select(f => new RowDocument(L(f.Label), false,
                        f.Previous is null
                            ? [new FigureDocument(f.Value, FigureFormat.Number(f.Value, f.Decimals, language), f.Decimals) { Records = Link(f.Records) }]
                            :
                            [
                                new FigureDocument(f.Value, FigureFormat.Number(f.Value, f.Decimals, language), f.Decimals) { Records = Link(f.Records) },
                                new FigureDocument(f.Previous, FigureFormat.Number(f.Previous, f.Decimals, language), f.Decimals) { Records = Link(f.PreviousRecords) },
                            ],
                        f.Previous is null ? null : new FigureDocument(f.Progression, FigureFormat.Percent(f.Progression, f.ProgressionDecimals, language), f.ProgressionDecimals)))],
                };
            case ChartResult chart:
                return new BlockDocument("chart", chart.Id, L(chart.Title))
                {
                    Of = chart.Of,
                    ChartKind = EnumCodes.Of(chart.Kind),
                    Years = chart.Years,
                    Rows = [.. chart.Series.Select(s => new RowDocument(L(s.Label), false,
                        [.. s.Values.Select(v => new FigureDocument(v, FigureFormat.Number(v, chart.Decimals, language), chart.Decimals))], null))],
                };
            default:
                throw new InvalidOperationException($"No document for the block {block.Id}.");
        }
    }
}

public sealed record OrganisationDocument(string Code, string Name);

public sealed record SectionDocument(string Title, IReadOnlyList<BlockDocument> Blocks);

/// <summary>
/// A block: <c>text</c>, <c>table</c> (rows over <c>years</c>), <c>crosstab</c> (rows over <c>columns</c>, totals last),
/// <c>key-figures</c> or <c>chart</c> (the rows of the table <c>of</c> names, as series over <c>years</c>, drawn as <c>chartKind</c>).
/// </summary>
public sealed record BlockDocument(string Type, string Id, string? Title)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Of { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ChartKind { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? Years { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProgressionHeading { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Columns { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RowDocument>? Rows { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>Published figures that today's records give differently, one sentence each.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Restatements { get; init; }
}

/// <summary>A row's figures in column order, and its progression when the table shows one.</summary>
public sealed record RowDocument(string Label, bool Total, IReadOnlyList<FigureDocument> Values, FigureDocument? Progression);

/// <summary>
/// A figure unrounded (none where the row did not exist) and as printed ("/" there), with the decimals it is printed
/// with; a progression's value is a fraction (0.036) printed as a percentage ("3,6 %").
/// </summary>
public sealed record FigureDocument(decimal? Value, string Text, int Decimals)
{
    /// <summary>On a published figure the records now give differently: today's figure and the difference.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RestatementDocument? Restatement { get; init; }

    /// <summary>
    /// Why the figure is not published, when it isn't: <c>primary</c> (a count under the threshold, "&lt; 5") or
    /// <c>secondary</c> (it would give one back, "x"). Published, such a figure has no value; exact, it keeps it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Suppressed { get; init; }

    /// <summary>
    /// The page listing the records behind the figure (<c>/o/dv/reports/records?indicator=…</c>), whose total recomputes
    /// it; none for a percentage, a progression, a figure typed in, or a sum whose parts are no one list.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Records { get; init; }

    /// <summary>True for a figure typed in by hand (the definition's <c>values</c>), which no record is behind.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Typed { get; init; }
}

/// <summary>
/// Disclosure control: counts from 1 to <see cref="Threshold"/> − 1 and the figures that would give them back are not
/// published. <see cref="Exact"/>: the document holds the exact figures, the hidden ones marked, for internal use.
/// </summary>
public sealed record DisclosureDocument(int Threshold, bool Exact);

/// <summary>Today's figure for a published one (<c>current</c>, none if the row is no longer computed) and today − published.</summary>
public sealed record RestatementDocument(decimal? Current, string Text, decimal? Difference, string DifferenceText)
{
    /// <summary>The sentence under the block that says it, in the document's language.</summary>
    [JsonIgnore]
    public string Note { get; init; } = "";
}
