using System.Globalization;
using Suivi.Domain;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Suivi.Features.Reports;

/// <summary>Something wrong in a definition file, and where.</summary>
public sealed record DefinitionProblem(SourcePosition Position, string Message)
{
    public override string ToString() => $"{Position}: {Message}";
}

/// <summary>The definition read from a file, or everything wrong with it.</summary>
public sealed record DefinitionReading(AnnualReportDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems)
{
    public bool Succeeded => Definition is not null && Problems.Count == 0;
}

/// <summary>
/// Reads a report definition written in YAML (JSON, being YAML too, is read the same way). Every problem is
/// collected with its line and column rather than stopping at the first, so an administrator fixes a file in one go.
/// Codes (services, act categories) are checked against an organisation's records by <see cref="DefinitionReferences"/>.
/// </summary>
public static class DefinitionReader
{
    public const string FormatKey = "suivi-report";
    private const int FirstYear = 1900;
    private const int LastYear = 2200;

    /// <summary>A threshold of 1 would hide nothing; beyond 1000 a "small" count is no longer small.</summary>
    private const int FewestThreshold = 2;
    private const int MostThreshold = 1000;

    public static DefinitionReading Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            // YamlDotNet repeats the position inside its message: keep only the reason.
            var cut = reason.IndexOf("): ", StringComparison.Ordinal);
            return Failed(At(e.Start), $"The file is not valid YAML or JSON: {(cut >= 0 ? reason[(cut + 3)..] : reason)}");
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return Failed(new SourcePosition(1, 1), "The file must hold one definition: a mapping starting with 'suivi-report: 1'.");
        }
        var reader = new Reader();
        var definition = reader.Definition(root);
        return new DefinitionReading(reader.Problems.Count == 0 ? definition : null, reader.Problems);
    }

    private static DefinitionReading Failed(SourcePosition at, string message) => new(null, [new DefinitionProblem(at, message)]);

    internal static SourcePosition At(Mark mark) => new((int)mark.Line, (int)mark.Column);

    internal static SourcePosition At(YamlNode node) => At(node.Start);

    private sealed class Reader
    {
        public List<DefinitionProblem> Problems { get; } = [];
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        private void Problem(YamlNode node, string message) => Problems.Add(new DefinitionProblem(At(node), message));

        public AnnualReportDefinition? Definition(YamlMappingNode root)
        {
            var map = new Map(this, root, "the definition", FormatKey, "title", "scope", "disclosure", "sections");
            // Only version 1 exists; the key is required so that a later format can be told apart.
            if (map.Required(FormatKey) is { } version)
            {
                Integer(version, AnnualReportDefinition.FormatVersion, AnnualReportDefinition.FormatVersion, "the format version");
            }
            var title = map.Required("title") is { } t ? Text(t) : null;
            var scope = map.Optional("scope") is { } s ? Choice(s, ReportScope.Organisation, ("organisation", ReportScope.Organisation), ("network", ReportScope.Network)) : ReportScope.Organisation;
            var threshold = map.Optional("disclosure") is { } d ? DisclosureThreshold(d) : null;
            var sections = map.Required("sections") is { } list ? Sequence(list, "sections", Section) : [];
            ChartsDrawTables(sections);
            return title is null ? null : new AnnualReportDefinition(title, scope, sections) { DisclosureThreshold = threshold };
        }

        /// <summary><c>disclosure: { threshold: 5 }</c>: the smallest count of people or records that is published.</summary>
        private int? DisclosureThreshold(YamlNode node)
        {
            if (Mapping(node, "the disclosure control, e.g. { threshold: 5 }") is not { } mapping)
            {
                return null;
            }
            var map = new Map(this, mapping, "the disclosure control", "threshold");
            return map.Required("threshold") is { } threshold
                ? Integer(threshold, FewestThreshold, MostThreshold, "a threshold (the smallest count published)")
                : null;
        }

        /// <summary>A block's <c>disclosure: false</c> publishes its figures as counted, whatever the definition's threshold.</summary>
        private bool DisclosureControl(Map map) => map.Optional("disclosure") is not { } node || Boolean(node) is not false;

        private ReportSection? Section(YamlNode node)
        {
            if (Mapping(node, "a section") is not { } mapping)
            {
                return null;
            }
            var map = new Map(this, mapping, "a section", "title", "blocks");
            var title = map.Required("title") is { } t ? Text(t) : null;
            var blocks = map.Required("blocks") is { } b ? Sequence(b, "blocks", Block) : [];
            return title is null ? null : new ReportSection(title, blocks);
        }

        private ReportBlock? Block(YamlNode node)
        {
            if (Mapping(node, "a block") is not { } mapping)
            {
                return null;
            }
            var type = mapping.Children.TryGetValue(new YamlScalarNode("type"), out var typeNode) ? Scalar(typeNode) : null;
            switch (type)
            {
                case "text":
                    return TextBlock(mapping);
                case "table":
                    return YearTable(mapping);
                case "crosstab":
                    return Crosstab(mapping);
                case "key-figures":
                    return KeyFigures(mapping);
                case "chart":
                    return Chart(mapping);
                case null when typeNode is null:
                    Problem(mapping, "A block needs a 'type': text, table, crosstab, key-figures or chart.");
                    return null;
                default:
                    if (type is not null)
                    {
                        Problem(typeNode!, $"Unknown block type '{type}': expected text, table, crosstab, key-figures or chart.");
                    }
                    return null;
            }
        }

        private string? BlockId(Map map)
        {
            if (map.Required("id") is not { } node || Scalar(node) is not { } id)
            {
                return null;
            }
            if (id.Length is 0 or > 40 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                Problem(node, $"A block id is 1 to 40 letters, digits, '-', '_' or '.': '{id}' is not.");
                return null;
            }
            if (!_ids.Add(id))
            {
                Problem(node, $"The block id '{id}' is used twice.");
                return null;
            }
            return id;
        }

        private TextBlock? TextBlock(YamlMappingNode mapping)
        {
            var map = new Map(this, mapping, "a text block", "type", "id", "text");
            var id = BlockId(map);
            var text = map.Required("text") is { } t ? Text(t) : null;
            return id is null || text is null ? null : new TextBlock(id, text, At(mapping));
        }

        private YearTable? YearTable(YamlMappingNode mapping)
        {
            var map = new Map(this, mapping, "a table", "type", "id", "title", "years", "decimals", "progression", "disclosure", "rows");
            var id = BlockId(map);
            var title = map.Required("title") is { } t ? Text(t) : null;
            var years = map.Optional("years") is { } y ? Integer(y, 1, 20) : 1;
            var decimals = map.Optional("decimals") is { } d ? Integer(d, 0, 6) : 0;
            int? progression = map.Optional("progression") is { } p
                ? Scalar(p) == "none" ? null : Integer(p, 0, 6, "a number of decimals or 'none'")
                : 1;
            var rows = map.Required("rows") is { } r ? Sequence(r, "rows", YearRow) : [];
            var control = DisclosureControl(map);
            if (id is null || title is null || years is null || decimals is null)
            {
                return null;
            }
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Share is { } share && new[] { share.Of, share.Part ?? share.Of }.Any(p => p < 1 || p > rows.Count || p == i + 1))
                {
                    Problems.Add(new DefinitionProblem(share.Position, $"'share-of' and 'part' name rows by their position, from 1 to {rows.Count}, other than the row's own ({i + 1})."));
                }
                // A sum is computed row by row, from the rows above it; a check ('adds-up') once every row is, so it may name any other.
                if (rows[i].Value is RowSumSource { Rows: { } summed } sum && summed.Any(p => p < 1 || p > i))
                {
                    Problems.Add(new DefinitionProblem(sum.Position, i == 0
                        ? "A sum adds rows above it: the first row has none."
                        : $"A sum adds rows above it, by their position from 1 to {i}."));
                }
                if (rows[i].Adds is { Rows: { } parts } adds && parts.Any(p => p < 1 || p > rows.Count || p == i + 1))
                {
                    Problems.Add(new DefinitionProblem(adds.Position, $"A sum names rows by their position, from 1 to {rows.Count}, other than its own ({i + 1})."));
                }
            }
            return new YearTable(id, title, years.Value, decimals.Value, progression, rows, At(mapping)) { DisclosureControl = control };
        }

        private YearRow? YearRow(YamlNode node)
        {
            if (Mapping(node, "a row") is not { } mapping)
            {
                return null;
            }
            var map = new Map(this, mapping, "a row", "label", "indicator", "filter", "sum", "values", "adds-up", "share-of", "part", "share-decimals", "total", "progression", "since", "until");
            var label = map.Required("label") is { } l ? Text(l) : null;
            var typed = map.Optional("values") is { } v ? TypedValues(v) : new Dictionary<int, decimal>();
            var adds = map.Optional("adds-up") is { } a ? RowSum(a, "adds-up") : null;
            var share = RowShare(map, mapping);
            FigureSource? value;
            if (map.Optional("sum") is { } sumNode)
            {
                if (map.Has("indicator"))
                {
                    Problem(sumNode, "A row is either an indicator or a sum of rows, not both.");
                }
                value = RowSum(sumNode);
            }
            else if (!map.Has("indicator") && map.Has("values"))
            {
                value = new TypedSource(At(mapping));
            }
            else
            {
                value = IndicatorSource(map, mapping);
            }
            var total = map.Optional("total") is { } t && Boolean(t) is true;
            var progression = map.Optional("progression") is not { } p || Boolean(p) is not false;
            var since = map.Optional("since") is { } s ? Integer(s, FirstYear, LastYear, "a year") : null;
            var until = map.Optional("until") is { } u ? Integer(u, FirstYear, LastYear, "a year") : null;
            if (since is { } from && until is { } to && to < from)
            {
                Problem(mapping, $"A row cannot end ({to}) before it starts ({from}).");
            }
            return label is null || value is null ? null : new YearRow(label, value, total, progression, since, until, At(mapping))
            {
                Typed = typed,
                Adds = adds,
                Share = share,
            };
        }

        private RowShare? RowShare(Map map, YamlMappingNode mapping)
        {
            var of = map.Optional("share-of") is { } o ? Integer(o, 1, 1000, "a row position") : null;
            var part = map.Optional("part") is { } p ? Integer(p, 1, 1000, "a row position") : null;
            var decimals = map.Optional("share-decimals") is { } d ? Integer(d, 0, 6) : 1;
            if (of is null)
            {
                if (map.Has("part") || map.Has("share-decimals"))
                {
                    Problem(mapping, "'part' and 'share-decimals' belong to a row shown in percent: give its denominator with 'share-of'.");
                }
                return null;
            }
            return decimals is null ? null : new RowShare(of.Value, part, decimals.Value, At(mapping));
        }

        /// <summary>Figures typed in by hand, by year: <c>{ 2019: 340, 2020: 283.5 }</c>.</summary>
        private Dictionary<int, decimal> TypedValues(YamlNode node)
        {
            var typed = new Dictionary<int, decimal>();
            if (node is not YamlMappingNode years)
            {
                Problem(node, "'values' gives figures by year, e.g. { 2019: 340, 2020: 283.5 }.");
                return typed;
            }
            foreach (var (yearNode, valueNode) in years.Children)
            {
                var year = Integer(yearNode, FirstYear, LastYear, "a year");
                if (Scalar(valueNode) is not { } text)
                {
                    continue;
                }
                if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    Problem(valueNode, $"Expected a figure written with a decimal point and no grouping (e.g. 1129.02), found '{text}'.");
                    continue;
                }
                if (year is { } y && !typed.TryAdd(y, value))
                {
                    Problem(yearNode, $"The year {y} is given twice.");
                }
            }
            return typed;
        }

        private RowSumSource? RowSum(YamlNode node, string key = "sum")
        {
            if (node is YamlScalarNode && Scalar(node) == "above")
            {
                return new RowSumSource(null, At(node));
            }
            if (node is YamlSequenceNode sequence)
            {
                var rows = sequence.Children.Select(c => Integer(c, 1, 1000, "a row position")).ToList();
                return rows.Any(r => r is null) ? null : new RowSumSource([.. rows.Select(r => r!.Value)], At(node));
            }
            Problem(node, $"'{key}' is 'above' (every row above that is not a total) or a list of row positions, e.g. [1, 2].");
            return null;
        }

        private IndicatorSource? IndicatorSource(Map map, YamlMappingNode owner)
        {
            if (map.Optional("indicator") is not { } node)
            {
                Problem(owner, "Give an 'indicator' (or, in a table row, a 'sum').");
                return null;
            }
            if (Scalar(node) is not { } name)
            {
                return null;
            }
            if (!Indicators.ByName.TryGetValue(name, out var indicator))
            {
                Problem(node, $"Unknown indicator '{name}'. Known indicators: {string.Join(", ", Indicators.ByName.Keys.Order(StringComparer.Ordinal))}.");
                return null;
            }
            var filters = map.Optional("filter") is { } f ? Filters(f, indicator) : [];
            return filters is null ? null : new IndicatorSource(name, filters, At(node));
        }

        private List<FigureFilter>? Filters(YamlNode node, Indicator indicator)
        {
            if (Mapping(node, "a filter") is not { } mapping)
            {
                return null;
            }
            var filters = new List<FigureFilter>();
            var failed = false;
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var key = Scalar(keyNode);
                if (key is null || indicator.Filter(key) is not { } dimension)
                {
                    Problem(keyNode, $"'{indicator.Name}' cannot be filtered by '{key}'. It can be by: {string.Join(", ", indicator.Filters.Select(d => d.Name))}.");
                    failed = true;
                    continue;
                }
                if (Codes(valueNode, dimension) is { } codes)
                {
                    filters.Add(new FigureFilter(dimension.Name, codes, At(valueNode)));
                }
                else
                {
                    failed = true;
                }
            }
            return failed ? null : filters;
        }

        private List<string>? Codes(YamlNode node, Dimension dimension)
        {
            var nodes = node is YamlSequenceNode sequence ? sequence.Children.ToList() : [node];
            if (nodes.Count == 0)
            {
                Problem(node, $"Give at least one {dimension.Name} code.");
                return null;
            }
            var codes = new List<string>();
            foreach (var item in nodes)
            {
                if (Scalar(item) is not { Length: > 0 } code)
                {
                    Problem(item, $"A {dimension.Name} code is a single word, e.g. a code from the organisation's lists.");
                    return null;
                }
                if (dimension == Dimension.Age && Ages.Range(code) is { } ages)
                {
                    codes.AddRange(ages);
                    continue;
                }
                if (dimension == Dimension.Age && !dimension.FixedValues!.Contains(code, StringComparer.Ordinal))
                {
                    Problem(item, $"An age is a whole number of years (0 to {Ages.Oldest}), a range ('0-5', '18+') or '{Ages.Unknown}'.");
                    return null;
                }
                if (dimension.FixedValues is { } known && !known.Contains(code, StringComparer.Ordinal))
                {
                    Problem(item, $"Unknown {dimension.Name} '{code}'. Expected one of: {string.Join(", ", known)}.");
                    return null;
                }
                codes.Add(code);
            }
            return codes;
        }

        private Crosstab? Crosstab(YamlMappingNode mapping)
        {
            var map = new Map(this, mapping, "a crosstab", "type", "id", "title", "indicator", "filter", "decimals", "disclosure", "rows", "columns");
            var id = BlockId(map);
            var title = map.Required("title") is { } t ? Text(t) : null;
            var value = IndicatorSource(map, mapping);
            var decimals = map.Optional("decimals") is { } d ? Integer(d, 0, 6) : 0;
            var indicator = value is null ? null : Indicators.ByName[value.Indicator];
            var rows = map.Required("rows") is { } r && indicator is not null ? Axis(r, indicator) : null;
            var columns = map.Required("columns") is { } c && indicator is not null ? Axis(c, indicator) : null;
            var control = DisclosureControl(map);
            if (rows is not null && columns is not null && rows.Dimension == columns.Dimension)
            {
                Problem(mapping, $"A crosstab splits along two different dimensions; both are '{rows.Dimension}'.");
                return null;
            }
            return id is null || title is null || value is null || decimals is null || rows is null || columns is null
                ? null
                : new Crosstab(id, title, value, rows, columns, decimals.Value, At(mapping)) { DisclosureControl = control };
        }

        private CrosstabAxis? Axis(YamlNode node, Indicator indicator)
        {
            if (Mapping(node, "an axis") is not { } mapping)
            {
                return null;
            }
            var map = new Map(this, mapping, "an axis", "by", "values", "total");
            var byNode = map.Required("by");
            var by = byNode is null ? null : Scalar(byNode);
            if (byNode is not null && (by is null || indicator.Split(by) is null))
            {
                Problem(byNode, $"'{indicator.Name}' cannot be split by '{by}'. It can be by: {string.Join(", ", indicator.SplitBy.Select(d => d.Name))}.");
                return null;
            }
            var totalLabel = map.Optional("total") is { } t ? Text(t) : new Label("Total", "Gesamt", "Total");
            if (by is null || map.Required("values") is not { } valuesNode || totalLabel is null)
            {
                return null;
            }
            var dimension = indicator.Split(by)!;
            var values = Sequence(valuesNode, "values", v => AxisValue(v, dimension));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in values)
            {
                foreach (var code in value.Codes.Where(code => !seen.Add(code)))
                {
                    Problems.Add(new DefinitionProblem(value.Position, $"The {by} '{code}' is in two values of the axis: it would be counted twice."));
                }
            }
            return new CrosstabAxis(by, values, totalLabel, At(mapping));
        }

        private AxisValue? AxisValue(YamlNode node, Dimension dimension)
        {
            if (Mapping(node, "an axis value") is not { } mapping)
            {
                return null;
            }
            var map = new Map(this, mapping, "an axis value", "label", "codes");
            var label = map.Required("label") is { } l ? Text(l) : null;
            var codes = map.Required("codes") is { } c ? Codes(c, dimension) : null;
            return label is null || codes is null ? null : new AxisValue(label, codes, At(mapping));
        }

        private ChartBlock? Chart(YamlMappingNode mapping)
        {
            var map = new Map(this, mapping, "a chart", "type", "id", "title", "of", "kind", "rows");
            var id = BlockId(map);
            var title = map.Required("title") is { } t ? Text(t) : null;
            var ofNode = map.Required("of");
            var of = ofNode is null ? null : Scalar(ofNode);
            var kind = map.Optional("kind") is { } k
                ? Choice(k, ChartKind.Bar, ("bar", ChartKind.Bar), ("stacked-bar", ChartKind.StackedBar), ("line", ChartKind.Line))
                : ChartKind.Bar;
            List<int>? rows = null;
            if (map.Optional("rows") is { } r)
            {
                rows = r is YamlSequenceNode positions ? [.. positions.Children.Select(p => Integer(p, 1, 1000, "a row position")).OfType<int>()] : null;
                if (r is not YamlSequenceNode || rows!.Count == 0)
                {
                    Problem(r, "'rows' lists the positions of the table's rows to draw, e.g. [1, 2, 3].");
                }
            }
            return id is null || title is null || of is null ? null : new ChartBlock(id, title, of, kind, rows, At(mapping), At(ofNode!));
        }

        /// <summary>Each chart names a table of the definition, and rows that table has.</summary>
        private void ChartsDrawTables(List<ReportSection> sections)
        {
            var tables = sections.SelectMany(s => s.Blocks).OfType<YearTable>().ToDictionary(t => t.Id, StringComparer.Ordinal);
            foreach (var chart in sections.SelectMany(s => s.Blocks).OfType<ChartBlock>())
            {
                if (!tables.TryGetValue(chart.Of, out var table))
                {
                    Problems.Add(new DefinitionProblem(chart.OfPosition, $"A chart draws a table ('type: table') of this definition: there is none with the id '{chart.Of}'."));
                }
                else if (chart.Rows?.FirstOrDefault(p => p > table.Rows.Count) is > 0 and var beyond)
                {
                    Problems.Add(new DefinitionProblem(chart.Position, $"The table '{table.Id}' has {table.Rows.Count} rows: it has no row {beyond}."));
                }
            }
        }

        private KeyFigures? KeyFigures(YamlMappingNode mapping)
        {
            var map = new Map(this, mapping, "a key-figures block", "type", "id", "title", "disclosure", "figures");
            var id = BlockId(map);
            var title = map.Required("title") is { } t ? Text(t) : null;
            var figures = map.Required("figures") is { } f ? Sequence(f, "figures", KeyFigure) : [];
            var control = DisclosureControl(map);
            return id is null || title is null ? null : new KeyFigures(id, title, figures, At(mapping)) { DisclosureControl = control };
        }

        private KeyFigure? KeyFigure(YamlNode node)
        {
            if (Mapping(node, "a key figure") is not { } mapping)
            {
                return null;
            }
            var map = new Map(this, mapping, "a key figure", "label", "indicator", "filter", "decimals", "previous-year", "progression");
            var label = map.Required("label") is { } l ? Text(l) : null;
            var value = IndicatorSource(map, mapping);
            var decimals = map.Optional("decimals") is { } d ? Integer(d, 0, 6) : 0;
            var previous = map.Optional("previous-year") is { } p && Boolean(p) is true;
            var progression = map.Optional("progression") is { } g ? Integer(g, 0, 6) : 1;
            return label is null || value is null || decimals is null || progression is null
                ? null
                : new KeyFigure(label, value, decimals.Value, previous, progression.Value, At(mapping));
        }

        private List<T> Sequence<T>(YamlNode node, string name, Func<YamlNode, T?> item) where T : class
        {
            if (node is not YamlSequenceNode sequence)
            {
                Problem(node, $"'{name}' is a list (items starting with '- ').");
                return [];
            }
            if (sequence.Children.Count == 0)
            {
                Problem(node, $"'{name}' is empty.");
            }
            return [.. sequence.Children.Select(item).OfType<T>()];
        }

        private YamlMappingNode? Mapping(YamlNode node, string what)
        {
            if (node is YamlMappingNode mapping)
            {
                return mapping;
            }
            Problem(node, $"Expected {what}: a set of 'key: value' lines.");
            return null;
        }

        public string? Scalar(YamlNode node)
        {
            if (node is YamlScalarNode { Value: { } value })
            {
                return value.Trim();
            }
            Problem(node, "Expected a single value here, not a list or a mapping.");
            return null;
        }

        private int? Integer(YamlNode node, int min, int max, string what = "a whole number")
        {
            if (Scalar(node) is not { } text)
            {
                return null;
            }
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }
            Problem(node, $"Expected {what} from {min} to {max}, found '{text}'.");
            return null;
        }

        private bool? Boolean(YamlNode node)
        {
            switch (Scalar(node))
            {
                case "true" or "yes":
                    return true;
                case "false" or "no":
                    return false;
                case { } other:
                    Problem(node, $"Expected true or false, found '{other}'.");
                    return null;
                default:
                    return null;
            }
        }

        private T Choice<T>(YamlNode node, T fallback, params (string Name, T Value)[] choices)
        {
            var text = Scalar(node);
            foreach (var (name, value) in choices)
            {
                if (text == name)
                {
                    return value;
                }
            }
            Problem(node, $"Expected one of {string.Join(", ", choices.Select(c => c.Name))}, found '{text}'.");
            return fallback;
        }

        /// <summary>A text in French only, or a mapping of fr (required), de and en.</summary>
        private Label? Text(YamlNode node)
        {
            if (node is YamlScalarNode)
            {
                return Scalar(node) is { Length: > 0 } fr ? new Label(fr, null, null) : Empty(node);
            }
            if (Mapping(node, "a text: one value, or fr, de and en") is not { } mapping)
            {
                return null;
            }
            var map = new Map(this, mapping, "a text", "fr", "de", "en");
            var french = map.Required("fr") is { } f ? Scalar(f) : null;
            var german = map.Optional("de") is { } d ? Scalar(d) : null;
            var english = map.Optional("en") is { } e ? Scalar(e) : null;
            return french is { Length: > 0 } ? new Label(french, german, english) : null;
        }

        private Label? Empty(YamlNode node)
        {
            Problem(node, "This text is empty.");
            return null;
        }

        /// <summary>A mapping's keys, checked against the ones allowed where it stands; unknown keys are reported, not ignored.</summary>
        private sealed class Map
        {
            private readonly Reader _reader;
            private readonly YamlMappingNode _node;
            private readonly string _what;
            private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

            public Map(Reader reader, YamlMappingNode node, string what, params string[] allowed)
            {
                (_reader, _node, _what) = (reader, node, what);
                foreach (var (key, value) in node.Children)
                {
                    var name = key is YamlScalarNode { Value: { } k } ? k : null;
                    if (name is null || !allowed.Contains(name, StringComparer.Ordinal))
                    {
                        reader.Problem(key, $"Unknown key '{name}' in {what}. Expected: {string.Join(", ", allowed)}.");
                        continue;
                    }
                    _values[name] = value;
                }
            }

            public bool Has(string key) => _values.ContainsKey(key);

            public YamlNode? Optional(string key) => _values.GetValueOrDefault(key);

            public YamlNode? Required(string key)
            {
                if (_values.TryGetValue(key, out var value))
                {
                    return value;
                }
                _reader.Problem(_node, $"{char.ToUpperInvariant(_what[0])}{_what[1..]} needs '{key}'.");
                return null;
            }
        }
    }
}
