using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Suivi.Features.Reports;

/// <summary>
/// The records behind one figure, as the address of the page that lists them: an indicator, a year, for each
/// dimension the codes a record's value must be one of, and the organisations whose records count —
/// <c>/o/dv/reports/records?indicator=deliveries.hours&amp;year=2023&amp;service=AD&amp;act-category=A,B</c>.
/// It is made from the figure itself, never from the definition, so a link keeps its meaning across versions of the
/// definition. Written and read only here, in one canonical form: dimensions in the catalogue's order, codes sorted
/// and each escaped, commas between them; the organisations left out when the figure counts only the organisation
/// the address names.
/// </summary>
public sealed class RecordsQuery
{
    public const string Path = "reports/records";

    private const string IndicatorKey = "indicator";
    private const string YearKey = "year";
    private const string OrganisationKey = "organisation";

    /// <summary>Keys the records page reads itself, beside the query.</summary>
    private static readonly string[] PageKeys = ["page"];

    private RecordsQuery(Indicator indicator, int year, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> filters, IReadOnlyList<string> organisations)
    {
        Indicator = indicator;
        Year = year;
        Filters = filters;
        Organisations = organisations;
    }

    public Indicator Indicator { get; }

    public int Year { get; }

    /// <summary>The codes each filtered dimension must read as, dimensions in the catalogue's order, codes sorted; never the organisation.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Filters { get; }

    /// <summary>The organisations whose records the figure adds up, by address, sorted.</summary>
    public IReadOnlyList<string> Organisations { get; }

    /// <summary>The filters as the engine applies them to facts, the organisations included.</summary>
    public IReadOnlyList<FigureFilter> FigureFilters =>
        [.. Filters.Select(f => new FigureFilter(f.Key, f.Value, default)), new FigureFilter(Dimension.Organisation.Name, Organisations, default)];

    /// <summary>
    /// The indicators whose records the list page shows. The case-work indicators (files, children, requests) are not
    /// listed yet: their figures carry no link rather than one to a list that could not recompute them.
    /// </summary>
    public static readonly FrozenSet<string> Listed = Indicators.ByName.Keys
        .Except([Indicators.CaseFilesOpened.Name, Indicators.CaseFilesWorked.Name, Indicators.CaseFilesClosed.Name,
            Indicators.ChildrenFollowed.Name, Indicators.RequestsReceived.Name])
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The records a figure of <paramref name="source"/> counts for <paramref name="year"/> over the organisations of
    /// <paramref name="organisations"/>; none when its filters leave nothing that could be counted (a crosstab cell whose
    /// code the definition's filter excludes). A dimension filtered twice (the definition's filter and a crosstab axis)
    /// keeps the codes both allow, as the engine counts.
    /// </summary>
    public static RecordsQuery? Of(IndicatorSource source, int year, IEnumerable<string> organisations)
    {
        var indicator = Indicators.ByName[source.Indicator];
        if (!Listed.Contains(indicator.Name))
        {
            return null;
        }
        var codes = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal)
        {
            [Dimension.Organisation.Name] = new(organisations, StringComparer.Ordinal),
        };
        foreach (var filter in source.Filters)
        {
            if (codes.TryGetValue(filter.Dimension, out var allowed))
            {
                allowed.IntersectWith(filter.Values);
            }
            else
            {
                codes[filter.Dimension] = new SortedSet<string>(filter.Values, StringComparer.Ordinal);
            }
        }
        return codes.Values.Any(c => c.Count == 0) ? null : Make(indicator, year, codes);
    }

    private static RecordsQuery Make(Indicator indicator, int year, Dictionary<string, SortedSet<string>> codes) =>
        new(indicator, year,
            [.. Dimensions(indicator).Where(codes.ContainsKey).Select(d => KeyValuePair.Create(d, (IReadOnlyList<string>)[.. codes[d]]))],
            [.. codes[Dimension.Organisation.Name]]);

    /// <summary>Every dimension a figure of the indicator can be filtered or split by, but the organisation, in the catalogue's order.</summary>
    private static IEnumerable<string> Dimensions(Indicator indicator) =>
        indicator.Filters.Concat(indicator.SplitBy).Select(d => d.Name).Where(d => d != Dimension.Organisation.Name).Distinct();

    /// <summary>
    /// The records of several figures at once, when they are the records of one figure: the same indicator, year,
    /// organisations and filters but for one dimension, on which their codes do not overlap (the act categories of a
    /// table's rows, added up by its total). None otherwise: the parts' records could not be listed as one.
    /// </summary>
    public static RecordsQuery? Union(IReadOnlyList<RecordsQuery> parts)
    {
        if (parts.Count <= 1)
        {
            return parts.Count == 1 ? parts[0] : null;
        }
        var first = parts[0];
        if (parts.Any(p => p.Indicator != first.Indicator || p.Year != first.Year || !p.Organisations.SequenceEqual(first.Organisations)
            || !p.Filters.Select(f => f.Key).SequenceEqual(first.Filters.Select(f => f.Key))))
        {
            return null;
        }
        var differing = first.Filters.Select((f, i) => i).Where(i => parts.Any(p => !p.Filters[i].Value.SequenceEqual(first.Filters[i].Value))).ToList();
        if (differing is not [var d])
        {
            // The same records twice (nothing differs) would be counted twice; several dimensions differing is no one list.
            return null;
        }
        var union = new SortedSet<string>(StringComparer.Ordinal);
        if (parts.Any(p => p.Filters[d].Value.Any(code => !union.Add(code))))
        {
            return null;
        }
        var codes = first.Filters.ToDictionary(f => f.Key, f => new SortedSet<string>(f.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        codes[first.Filters[d].Key] = union;
        codes[Dimension.Organisation.Name] = new SortedSet<string>(first.Organisations, StringComparer.Ordinal);
        return Make(first.Indicator, first.Year, codes);
    }

    /// <summary>
    /// The organisation whose address the list opens under: the one the report was read in when the figure counts its
    /// records, else the first of the figure's. Each organisation's records are listed under its own address, so they
    /// are read with the viewer's membership of it.
    /// </summary>
    public string AddressFrom(string home) => Organisations.Contains(home, StringComparer.Ordinal) ? home : Organisations[0];

    /// <summary>The page listing the records, for a figure of a report read in <paramref name="home"/>.</summary>
    public string Link(string home) => $"/o/{AddressFrom(home)}/{Path}?{QueryString(AddressFrom(home))}";

    /// <summary>The query in its canonical form, as read under <paramref name="address"/>.</summary>
    public string QueryString(string address)
    {
        var text = new StringBuilder();
        text.Append(IndicatorKey).Append('=').Append(Indicator.Name);
        text.Append('&').Append(YearKey).Append('=').Append(Year.ToString(CultureInfo.InvariantCulture));
        foreach (var (dimension, codes) in Filters)
        {
            text.Append('&').Append(dimension).Append('=').AppendJoin(',', codes.Select(Uri.EscapeDataString));
        }
        if (Organisations is not [var only] || only != address)
        {
            text.Append('&').Append(OrganisationKey).Append('=').AppendJoin(',', Organisations.Select(Uri.EscapeDataString));
        }
        return text.ToString();
    }

    /// <summary>What is wrong with a query: an English text (a key of the shared resources) and its arguments.</summary>
    public sealed record Problem(string Message, params object[] Arguments);

    /// <summary>
    /// Reads a query as <see cref="QueryString"/> writes it, from the raw query string (codes are split on the commas
    /// before they are unescaped, so a code may hold an escaped comma). The organisations default to the one of
    /// <paramref name="address"/>; whether the viewer may read them is for the page to decide.
    /// </summary>
    public static (RecordsQuery? Query, Problem? Problem) Parse(string? rawQuery, string address)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (rawQuery ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(equals < 0 ? pair : pair[..equals]);
            if (!values.TryAdd(key, equals < 0 ? "" : pair[(equals + 1)..]))
            {
                return (null, new Problem(TextKey("Give '{0}' once, its codes separated by commas."), key));
            }
        }
        if (!values.TryGetValue(IndicatorKey, out var name) || !Indicators.ByName.TryGetValue(Unescape(name), out var indicator)
            || !Listed.Contains(indicator.Name))
        {
            return (null, new Problem(TextKey("Name one of the indicators: {0}."), string.Join(", ", Listed.Order(StringComparer.Ordinal))));
        }
        if (!values.TryGetValue(YearKey, out var yearText)
            || !int.TryParse(Unescape(yearText), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !ReportYears.IsValid(year))
        {
            return (null, new Problem(TextKey("Choose a year between {0} and {1}."), ReportYears.First, ReportYears.Last));
        }
        var codes = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal)
        {
            [Dimension.Organisation.Name] = new([address], StringComparer.Ordinal),
        };
        foreach (var (key, value) in values.Where(v => v.Key is not IndicatorKey and not YearKey && !PageKeys.Contains(v.Key)))
        {
            var dimension = indicator.Filter(key) ?? indicator.Split(key);
            if (dimension is null)
            {
                return (null, new Problem(TextKey("'{0}' cannot be filtered by '{1}'. It can be by: {2}."), indicator.Name, key,
                    string.Join(", ", Dimensions(indicator).Append(Dimension.Organisation.Name))));
            }
            var listed = value.Split(',').Select(Unescape).ToList();
            if (listed.Any(code => code.Length == 0 || code.Length > 100))
            {
                return (null, new Problem(TextKey("Give the {0} codes separated by commas, none empty."), key));
            }
            if (dimension.FixedValues is { } known && listed.FirstOrDefault(code => !known.Contains(code, StringComparer.Ordinal)) is { } unknown)
            {
                return (null, new Problem(TextKey("Unknown code '{1}' for '{0}'. Expected one of: {2}."), key, unknown, string.Join(", ", known)));
            }
            codes[dimension.Name] = new SortedSet<string>(listed, StringComparer.Ordinal);
        }
        return (Make(indicator, year, codes), null);
    }

    /// <summary>A query value as forms write it: '+' is a space.</summary>
    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string TextKey(string english) => english;
}
