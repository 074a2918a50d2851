using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Reports;

/// <summary>
/// Checks that every code a definition names exists in the organisation's records — a service, an act category, a
/// delivery type, an alarm device, an outcome, an organisation of the network — so a misspelt code is refused with
/// its line instead of quietly counting nothing.
/// </summary>
internal static class DefinitionReferences
{
    public static async Task<List<DefinitionProblem>> CheckAsync(AnnualReportDefinition definition, SuiviDbContext db,
        IReadOnlyCollection<string> organisationCodes, CancellationToken cancellationToken)
    {
        var services = await db.Services.Select(s => s.Code).ToListAsync(cancellationToken);
        var lists = await db.ListItems.Select(i => new { i.List, i.Code }).ToListAsync(cancellationToken);
        string[] Listed(params ListKind[] kinds) => [.. lists.Where(i => kinds.Contains(i.List)).Select(i => i.Code)];
        var known = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["service"] = services,
            ["act-category"] = Listed(ListKind.ActCategory),
            ["type"] = Listed(ListKind.DeliveryType),
            ["device"] = Listed(ListKind.AlarmDevice),
            ["source"] = Listed(ListKind.RequestSource),
            ["closure-reason"] = Listed(ListKind.ClosureReason),
            ["organisation"] = organisationCodes,
        };
        var categories = (await db.TypologyCategories
                .Join(db.TypologySchemes, c => c.SchemeId, s => s.Id, (c, s) => new { Scheme = s.Code, c.Code })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.Scheme, c => c.Code, StringComparer.Ordinal);
        foreach (var stage in new[] { Dimension.AtOpening, Dimension.AtClosing })
        {
            foreach (var scheme in categories)
            {
                known[stage.Name + scheme.Key] = [.. scheme];
            }
        }
        var problems = new List<DefinitionProblem>();
        foreach (var (indicator, dimension, codes, position) in References(definition))
        {
            var allowed = dimension == "outcome"
                ? Listed(indicator == Indicators.AlarmCount.Name ? ListKind.AlarmOutcome : ListKind.ContactOutcome)
                : known.GetValueOrDefault(dimension);
            if (allowed is null)
            {
                if ((Dimension.AtOpening.Resolve(dimension) ?? Dimension.AtClosing.Resolve(dimension)) is not null)
                {
                    var scheme = dimension[(dimension.IndexOf('.', StringComparison.Ordinal) + 1)..];
                    problems.Add(new DefinitionProblem(position, $"The organisation has no typology with the code '{scheme}'."));
                }
                continue;
            }
            foreach (var code in codes.Where(c => !allowed.Contains(c, StringComparer.Ordinal)))
            {
                problems.Add(new DefinitionProblem(position, dimension == "organisation"
                    ? $"No organisation '{code}' in the network."
                    : $"The organisation has no {dimension} with the code '{code}'."));
            }
        }
        return problems;
    }

    private static IEnumerable<(string Indicator, string Dimension, IReadOnlyList<string> Codes, SourcePosition Position)> References(AnnualReportDefinition definition)
    {
        foreach (var block in definition.Blocks)
        {
            var sources = block switch
            {
                YearTable table => table.Rows.Select(r => r.Value).OfType<IndicatorSource>(),
                Crosstab crosstab => [crosstab.Value],
                KeyFigures figures => figures.Figures.Select(f => f.Value),
                _ => [],
            };
            foreach (var source in sources)
            {
                foreach (var filter in source.Filters)
                {
                    yield return (source.Indicator, filter.Dimension, filter.Values, filter.Position);
                }
            }
            if (block is Crosstab { Rows: var rows, Columns: var columns, Value.Indicator: var indicator })
            {
                foreach (var axis in new[] { rows, columns })
                {
                    foreach (var value in axis.Values)
                    {
                        yield return (indicator, axis.Dimension, value.Codes, value.Position);
                    }
                }
            }
        }
    }
}
