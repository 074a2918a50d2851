namespace Suivi.Features.Reports;

/// <summary>Why a figure is not published.</summary>
public enum Suppression
{
    /// <summary>A count of people or records from 1 to one below the threshold: printed "&lt; 5".</summary>
    Primary,

    /// <summary>
    /// A figure hidden so that a primary one cannot be worked out from it: a part beside it, a total over it, a
    /// percentage or a progression computed from it. Printed "x": it is not under the threshold.
    /// </summary>
    Secondary,
}

/// <summary>Which figures of a block are hidden, and the primary ones a reader could still work out whatever is hidden.</summary>
internal sealed record DisclosureOutcome(IReadOnlyList<Suppression?> Hidden, IReadOnlyList<int> Recoverable);

/// <summary>
/// The figures of one block as disclosure control sees them: their values, which of them count people or records, which
/// figures are totals of which parts (<see cref="Sum"/>), and which are computed from others (<see cref="From"/>).
/// <see cref="Suppress"/> decides what is hidden:
/// <list type="number">
/// <item>a count from 1 to one below the threshold is hidden (primary); zero is shown;</item>
/// <item>a total that is shown never has a single hidden part, which subtraction would give back: another part is hidden,
/// the smallest non-zero one that leaves the small figures of the group more than one possible value (else the largest),
/// and the total itself when there is no other part;</item>
/// <item>then the report is read as a reader would: knowing every shown figure and total, that each "&lt; 5" is 1 to 4 and
/// each "x" of a count at least 5, they narrow every hidden figure through every total until nothing narrows. Wherever a
/// "&lt; 5" comes down to a single value, one more figure around it is hidden, and everything is read again;</item>
/// <item>a figure computed from a hidden one (percentage, progression) is hidden too.</item>
/// </list>
/// Each step hides one more figure, so it ends; it errs on the side of hiding. A "&lt; 5" that can still be worked out
/// when nothing around it is left to hide (a table of small counts only) is reported as <see cref="DisclosureOutcome.Recoverable"/>.
/// </summary>
internal sealed class DisclosureTable
{
    /// <summary>Narrowing converges in a few passes on report tables; this only bounds contradictory figures.</summary>
    private const int MostPasses = 200;

    private readonly List<decimal?> _values = [];
    private readonly List<bool> _counted = [];
    private readonly List<(int Total, int[] Parts)> _sums = [];
    private readonly List<(int Figure, int[] Sources)> _derived = [];

    /// <summary>Adds a figure (none where a row did not exist) and says whether it counts people or records; returns its number.</summary>
    public int Figure(decimal? value, bool counted)
    {
        _values.Add(value);
        _counted.Add(counted);
        return _values.Count - 1;
    }

    /// <summary>Declares that <paramref name="total"/> is the sum of <paramref name="parts"/>, as a reader may take it to be.</summary>
    public void Sum(int total, IEnumerable<int> parts) => _sums.Add((total, [.. parts]));

    /// <summary>Declares that <paramref name="figure"/> is computed from <paramref name="sources"/>: hidden where any of them is.</summary>
    public void From(int figure, params int[] sources) => _derived.Add((figure, sources));

    public DisclosureOutcome Suppress(int threshold)
    {
        var hidden = new Suppression?[_values.Count];
        for (var i = 0; i < hidden.Length; i++)
        {
            if (_counted[i] && _values[i] is { } value && value > 0 && value < threshold)
            {
                hidden[i] = Suppression.Primary;
            }
        }
        var recoverable = new SortedSet<int>();
        while (true)
        {
            if (_sums.FirstOrDefault(s => hidden[s.Total] is null && s.Parts.Distinct().Count(p => hidden[p] is not null) == 1) is { Parts: not null } lone)
            {
                hidden[Beside(lone, hidden, threshold)] = Suppression.Secondary;
                continue;
            }
            var ranges = Ranges(hidden, threshold, _sums);
            var pinned = Enumerable.Range(0, hidden.Length)
                .FirstOrDefault(i => hidden[i] == Suppression.Primary && ranges[i].IsExact && !recoverable.Contains(i), -1);
            if (pinned < 0)
            {
                break;
            }
            if (Around(pinned, hidden, threshold) is { } more)
            {
                hidden[more] = Suppression.Secondary;
            }
            else
            {
                recoverable.Add(pinned);
            }
        }
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (figure, sources) in _derived.Where(d => hidden[d.Figure] is null && d.Sources.Any(s => hidden[s] is not null)))
            {
                hidden[figure] = Suppression.Secondary;
                changed = true;
            }
        }
        return new DisclosureOutcome(hidden, [.. recoverable]);
    }

    /// <summary>
    /// The part to hide beside a part hidden alone under a shown total: the smallest non-zero one after which every small
    /// figure of the group keeps more than one possible value, else the largest; the total when no other part can be hidden.
    /// </summary>
    private int Beside((int Total, int[] Parts) sum, Suppression?[] hidden, int threshold)
    {
        var candidates = Hideable(sum.Parts, hidden);
        foreach (var candidate in candidates)
        {
            var trial = With(hidden, candidate);
            var ranges = Ranges(trial, threshold, [sum]);
            if (!sum.Parts.Append(sum.Total).Any(f => trial[f] == Suppression.Primary && ranges[f].IsExact))
            {
                return candidate;
            }
        }
        return candidates.Count > 0 ? candidates[^1] : sum.Total;
    }

    /// <summary>
    /// One more figure to hide around a primary one a reader can work out: among the parts beside it, the parts under it
    /// (where it is a total) and the totals over it, the smallest whose hiding leaves it more than one possible value;
    /// else the largest part beside it, else any. None when everything around it is hidden already.
    /// </summary>
    private int? Around(int pinned, Suppression?[] hidden, int threshold)
    {
        var over = _sums.Where(s => s.Parts.Contains(pinned)).ToList();
        var beside = Hideable(over.SelectMany(s => s.Parts), hidden);
        var under = Hideable(_sums.Where(s => s.Total == pinned).SelectMany(s => s.Parts), hidden);
        var totals = Hideable(over.Select(s => s.Total), hidden);
        var candidates = beside.Concat(under).Concat(totals).Distinct().ToList();
        foreach (var candidate in candidates)
        {
            if (!Ranges(With(hidden, candidate), threshold, _sums)[pinned].IsExact)
            {
                return candidate;
            }
        }
        return beside.Count > 0 ? beside[^1] : candidates.Count > 0 ? candidates[0] : null;
    }

    /// <summary>Shown, non-zero figures (zero is always shown), smallest first.</summary>
    private List<int> Hideable(IEnumerable<int> figures, Suppression?[] hidden) =>
        [.. figures.Distinct().Where(f => hidden[f] is null && _values[f] is { } v && v != 0).OrderBy(f => Math.Abs(_values[f]!.Value)).ThenBy(f => f)];

    private static Suppression?[] With(Suppression?[] hidden, int figure)
    {
        var trial = (Suppression?[])hidden.Clone();
        trial[figure] = Suppression.Secondary;
        return trial;
    }

    /// <summary>What a reader can tell of each figure: from <see cref="Low"/> to <see cref="High"/>, an open end being null.</summary>
    private readonly record struct Range(decimal? Low, decimal? High)
    {
        public bool IsExact => Low is { } low && High == low;

        public bool IsContradictory => Low > High;
    }

    /// <summary>
    /// The reader's view: a shown figure is known; a "&lt; 5" is 1 to 4; a hidden count that is not "&lt; 5" is at least 5;
    /// any other hidden figure is at least 0. Each total then narrows each of its hidden members to what the others leave,
    /// pass after pass, until nothing narrows (or the figures contradict one another, as totals counted on their own may).
    /// </summary>
    private Range[] Ranges(Suppression?[] hidden, int threshold, IReadOnlyList<(int Total, int[] Parts)> sums)
    {
        var ranges = new Range[_values.Count];
        for (var i = 0; i < ranges.Length; i++)
        {
            ranges[i] = hidden[i] switch
            {
                null => new Range(_values[i] ?? 0, _values[i] ?? 0),
                Suppression.Primary => new Range(1, threshold - 1),
                _ => new Range(_counted[i] ? threshold : Math.Min(0, _values[i] ?? 0), null),
            };
        }
        for (var pass = 0; pass < MostPasses; pass++)
        {
            var narrowed = false;
            foreach (var (total, parts) in sums)
            {
                // parts − total = 0: each member is what the other members leave, at their extremes.
                var members = parts.Select(p => (Figure: p, Sign: 1)).Append((Figure: total, Sign: -1)).ToList();
                for (var m = 0; m < members.Count; m++)
                {
                    var (figure, sign) = members[m];
                    if (hidden[figure] is null)
                    {
                        continue;
                    }
                    decimal? low = 0, high = 0;
                    for (var o = 0; o < members.Count; o++)
                    {
                        if (o == m)
                        {
                            continue;
                        }
                        var other = ranges[members[o].Figure];
                        low += members[o].Sign > 0 ? other.Low : -other.High;
                        high += members[o].Sign > 0 ? other.High : -other.Low;
                    }
                    var (least, most) = sign > 0 ? (-high, -low) : (low, high);
                    var range = ranges[figure];
                    if (least > range.Low || least is not null && range.Low is null)
                    {
                        range = range with { Low = least };
                    }
                    if (most < range.High || most is not null && range.High is null)
                    {
                        range = range with { High = most };
                    }
                    if (range != ranges[figure])
                    {
                        ranges[figure] = range;
                        narrowed = true;
                    }
                    if (range.IsContradictory)
                    {
                        return ranges;
                    }
                }
            }
            if (!narrowed)
            {
                break;
            }
        }
        return ranges;
    }
}
