using System.Globalization;
using System.Text;
using Suivi.Features.Reports;

namespace Suivi.Bench.National;

/// <summary>A row of a year table: an indicator with its filter, or the sum of the rows above.</summary>
internal sealed record BenchRow(string Label, string? Indicator, IReadOnlyDictionary<string, string[]> Filter, bool SumAbove = false, bool AddsUp = false);

internal sealed record BenchTable(string Id, string Title, int Years, IReadOnlyList<BenchRow> Rows);

internal sealed record BenchCrosstab(string Id, string Title, string Indicator, string RowsBy, IReadOnlyList<(string Label, string[] Codes)> RowValues,
    string ColumnsBy, IReadOnlyList<(string Label, string[] Codes)> ColumnValues);

/// <summary>
/// The two report definitions the national bench computes, written in the public format (docs/formats/report-definition.md)
/// from these records, so the independent recomputation and DuckDB know each figure's indicator, filter and years.
/// </summary>
internal sealed record BenchDefinition(string Key, string Title, bool NetworkScope, IReadOnlyList<BenchTable> Tables, IReadOnlyList<BenchCrosstab> Crosstabs, string? ChartOf)
{
    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();

    private static Dictionary<string, string[]> Filter(string dimension, params string[] codes) => new() { [dimension] = codes };

    private static readonly string[] ActLabels = ["Actes essentiels de la vie", "Tâches domestiques", "Gardes individuelles", "Sorties courses", "Autres actes"];

    private static BenchRow[] HoursByAct() =>
    [
        .. NationalDataset.ActCodes.Select((code, i) => new BenchRow(ActLabels[i], "deliveries.hours", Filter("act-category", code))),
        new BenchRow("Total des heures", null, None, SumAbove: true),
    ];

    /// <summary>The full annual report of one organisation: clients, hours over ten years, deliveries, kilometres, day centres, contacts.</summary>
    public static BenchDefinition Annual { get; } = new("national-annual", "Rapport d'activité (bench national)", NetworkScope: false,
    [
        new BenchTable("T1", "Clients", 4,
        [
            new BenchRow("Clients avec assurance dépendance", "beneficiaries.served", Filter("care-insurance", "with")),
            new BenchRow("Clients sans assurance dépendance", "beneficiaries.served", Filter("care-insurance", "without")),
            new BenchRow("Total des clients", "beneficiaries.served", None, AddsUp: true),
        ]),
        new BenchTable("T2", "Heures prestées par catégorie d'actes", 10, HoursByAct()),
        new BenchTable("T3", "Prestations par type", 5,
        [
            .. NationalDataset.TypeCodes.Select(code => new BenchRow($"Prestations {code}", "deliveries.count", Filter("type", code))),
            new BenchRow("Total des prestations", null, None, SumAbove: true),
        ]),
        new BenchTable("T4", "Kilomètres parcourus", 4, [new BenchRow("Kilomètres", "deliveries.kilometres", None)]),
        new BenchTable("T5", "Centres de jour", 5,
        [
            new BenchRow("Clients distincts ayant au moins une visite", "day-centres.visitors", None),
            new BenchRow("Journées de présence", "day-centres.visits", None),
        ]),
        new BenchTable("T6", "Contacts", 4,
        [
            new BenchRow("Appels de la ligne d'écoute", "contacts.count", Filter("kind", "helpline-call")),
            new BenchRow("Contacts relations clients", "contacts.count", Filter("kind", "client-relations")),
            new BenchRow("Autres contacts", "contacts.count", Filter("kind", "other")),
            new BenchRow("Total des contacts", null, None, SumAbove: true),
            new BenchRow("Menant à une nouvelle prise en charge", "contacts.count", new Dictionary<string, string[]> { ["kind"] = ["client-relations"], ["outcome"] = ["NEW-CARE"] }),
        ]),
    ],
    [
        new BenchCrosstab("X1", "Heures par catégorie d'actes et région", "deliveries.hours",
            "act-category", [.. NationalDataset.ActCodes.Select((code, i) => (ActLabels[i], new[] { code }))],
            "region", [.. NationalDataset.Regions.Select(r => (r, new[] { r.ToLowerInvariant() }))]),
    ], ChartOf: "T2");

    /// <summary>The network's hours over ten years, and by organisation for the report year: every member counted.</summary>
    public static BenchDefinition Network { get; } = new("national-network", "Heures du réseau (bench national)", NetworkScope: true,
        [new BenchTable("N1", "Heures prestées dans le réseau par catégorie d'actes", 10, HoursByAct())],
    [
        new BenchCrosstab("N2", "Heures par catégorie d'actes et organisation", "deliveries.hours",
            "act-category", [.. NationalDataset.ActCodes.Select((code, i) => (ActLabels[i], new[] { code }))],
            "organisation", [.. Enumerable.Range(0, NationalDataset.Organisations).Select(o => (NationalDataset.Slug(o).ToUpperInvariant(), new[] { NationalDataset.Slug(o) }))]),
    ], ChartOf: null);

    public string Yaml()
    {
        var y = new StringBuilder();
        y.AppendLine("suivi-report: 1").AppendLine(CultureInfo.InvariantCulture, $"title: {Title}");
        y.AppendLine(CultureInfo.InvariantCulture, $"scope: {(NetworkScope ? "network" : "organisation")}").AppendLine("sections:");
        y.AppendLine("  - title: Chiffres").AppendLine("    blocks:");
        foreach (var table in Tables)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"      - type: table\n        id: {table.Id}\n        title: {table.Title}\n        years: {table.Years}\n        rows:");
            foreach (var row in table.Rows)
            {
                y.Append(CultureInfo.InvariantCulture, $"          - {{ label: {row.Label}");
                if (row.Indicator is { } indicator)
                {
                    y.Append(CultureInfo.InvariantCulture, $", indicator: {indicator}");
                }
                if (row.Filter.Count > 0)
                {
                    y.Append(", filter: { ").AppendJoin(", ", row.Filter.Select(f => $"{f.Key}: [{string.Join(", ", f.Value)}]")).Append(" }");
                }
                if (row.SumAbove)
                {
                    y.Append(", sum: above, total: true");
                }
                if (row.AddsUp)
                {
                    y.Append(", total: true, adds-up: above");
                }
                y.AppendLine(" }");
            }
            if (table.Id == ChartOf)
            {
                y.AppendLine(CultureInfo.InvariantCulture, $"      - type: chart\n        id: G-{table.Id}\n        title: {table.Title}\n        of: {table.Id}\n        kind: stacked-bar");
            }
        }
        foreach (var crosstab in Crosstabs)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"      - type: crosstab\n        id: {crosstab.Id}\n        title: {crosstab.Title}\n        indicator: {crosstab.Indicator}");
            foreach (var (axis, by, values) in new[] { ("rows", crosstab.RowsBy, crosstab.RowValues), ("columns", crosstab.ColumnsBy, crosstab.ColumnValues) })
            {
                y.AppendLine(CultureInfo.InvariantCulture, $"        {axis}:\n          by: {by}\n          values:");
                foreach (var (label, codes) in values)
                {
                    y.AppendLine(CultureInfo.InvariantCulture, $"            - {{ label: {label}, codes: [{string.Join(", ", codes)}] }}");
                }
            }
        }
        return y.ToString();
    }

    /// <summary>The first year each source of records is read for, for a report of <paramref name="year"/>.</summary>
    public IReadOnlyDictionary<string, int> FirstYears(int year)
    {
        var first = new Dictionary<string, int>();
        void Need(string indicator, int from)
        {
            var source = indicator.Split('.')[0];
            first[source] = Math.Min(first.GetValueOrDefault(source, year), from);
        }
        foreach (var table in Tables)
        {
            foreach (var row in table.Rows.Where(r => r.Indicator is not null))
            {
                Need(row.Indicator!, year - table.Years + 1);
            }
        }
        foreach (var crosstab in Crosstabs)
        {
            Need(crosstab.Indicator, year);
        }
        return first;
    }

    /// <summary>Every figure of a computed report, by block, row, column and year.</summary>
    public static Dictionary<string, decimal> FiguresOf(ReportResult report)
    {
        var figures = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var block in report.Blocks)
        {
            switch (block)
            {
                case YearTableResult table:
                    foreach (var row in table.Rows)
                    {
                        for (var i = 0; i < table.Years.Count; i++)
                        {
                            if (row.Values[i] is { } value)
                            {
                                figures[$"{table.Id}|{row.Label.Fr}|{table.Years[i]}"] = value;
                            }
                        }
                    }
                    break;
                case CrosstabResult crosstab:
                    for (var r = 0; r < crosstab.RowLabels.Count; r++)
                    {
                        for (var c = 0; c < crosstab.ColumnLabels.Count; c++)
                        {
                            figures[$"{crosstab.Id}|{crosstab.RowLabels[r].Fr}|{crosstab.ColumnLabels[c].Fr}|{crosstab.Year}"] = crosstab.Cells[r][c];
                        }
                    }
                    figures[$"{crosstab.Id}|total|{crosstab.Year}"] = crosstab.Total;
                    break;
            }
        }
        return figures;
    }

    /// <summary>The same figures from facts grouped by plain SQL (or DuckDB): what the report must say.</summary>
    public Dictionary<string, decimal> Expected(Facts facts, int year)
    {
        var figures = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            for (var y = year - table.Years + 1; y <= year; y++)
            {
                var above = 0m;
                foreach (var row in table.Rows)
                {
                    var value = row.Indicator is { } indicator ? facts.Value(indicator, row.Filter, y) : above;
                    if (row.Indicator is not null && !row.AddsUp)
                    {
                        above += value;
                    }
                    figures[$"{table.Id}|{row.Label}|{y}"] = value;
                }
            }
        }
        foreach (var crosstab in Crosstabs)
        {
            var listed = new Dictionary<string, string[]>
            {
                [crosstab.RowsBy] = [.. crosstab.RowValues.SelectMany(v => v.Codes)],
                [crosstab.ColumnsBy] = [.. crosstab.ColumnValues.SelectMany(v => v.Codes)],
            };
            foreach (var (rowLabel, rowCodes) in crosstab.RowValues)
            {
                foreach (var (columnLabel, columnCodes) in crosstab.ColumnValues)
                {
                    figures[$"{crosstab.Id}|{rowLabel}|{columnLabel}|{year}"] =
                        facts.Value(crosstab.Indicator, new Dictionary<string, string[]> { [crosstab.RowsBy] = rowCodes, [crosstab.ColumnsBy] = columnCodes }, year);
                }
            }
            figures[$"{crosstab.Id}|total|{year}"] = facts.Value(crosstab.Indicator, listed, year);
        }
        return figures;
    }

    /// <summary>The figures that differ (beyond the 28th digit of decimal division), at most a few named.</summary>
    public static List<string> Differences(Dictionary<string, decimal> expected, Dictionary<string, decimal> actual)
    {
        var differences = new List<string>();
        foreach (var (key, value) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!actual.TryGetValue(key, out var got))
            {
                differences.Add($"{key}: missing (expected {value})");
            }
            else if (Math.Round(got, 9) != Math.Round(value, 9))
            {
                differences.Add($"{key}: {got} where {value} was expected");
            }
        }
        return differences;
    }
}
