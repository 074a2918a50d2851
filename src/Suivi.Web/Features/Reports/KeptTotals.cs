using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Features.Reports;

/// <summary>
/// The delivery totals the database keeps (decision 012) set against the same totals computed from scratch from the
/// deliveries, organisation by organisation: the check that the triggers have kept them, run by <c>suivi check-totals</c>
/// and by the tests after every kind of write. The records are grouped here by EF Core, not by the triggers' SQL, as
/// the organisation is entered by no one: the deliveries a viewer named on no restricted file sees are exactly those
/// the totals hold.
/// </summary>
public static class KeptTotals
{
    public readonly record struct Key(Guid OrganisationId, int Year, Guid ServiceId, Guid TypeId, Guid ActCategoryId, Guid SiteId);

    public readonly record struct Amounts(long Count, long Seconds, long Metres);

    /// <summary>A row where the kept totals and the recomputed ones disagree; null where one of them has no row.</summary>
    public sealed record Difference(Key Key, Amounts? Kept, Amounts? Recomputed);

    /// <summary>The current organisation's totals computed from its records, restricted files left out unless the viewer is named on them.</summary>
    public static async Task<Dictionary<Key, Amounts>> RecomputeAsync(SuiviDbContext db, CancellationToken cancellationToken)
    {
        var groups = await db.Deliveries
            .GroupBy(d => new { d.OrganisationId, d.OnDate.Year, d.ServiceId, d.TypeId, d.ActCategoryId, d.SiteId })
            .Select(g => new
            {
                g.Key,
                Count = g.LongCount(),
                Seconds = g.Sum(d => (long)d.DurationSeconds),
                Metres = g.Sum(d => (long)(d.DistanceMetres ?? 0)),
            })
            .ToListAsync(cancellationToken);
        return groups.ToDictionary(
            g => new Key(g.Key.OrganisationId, g.Key.Year, g.Key.ServiceId, g.Key.TypeId, g.Key.ActCategoryId ?? Guid.Empty, g.Key.SiteId ?? Guid.Empty),
            g => new Amounts(g.Count, g.Seconds, g.Metres));
    }

    /// <summary>The current organisation's totals as the database keeps them.</summary>
    public static async Task<Dictionary<Key, Amounts>> KeptAsync(SuiviDbContext db, CancellationToken cancellationToken) =>
        await db.DeliveryTotals.AsNoTracking().ToDictionaryAsync(
            t => new Key(t.OrganisationId, t.Year, t.ServiceId, t.TypeId, t.ActCategoryId, t.SiteId),
            t => new Amounts(t.Count, t.Seconds, t.Metres), cancellationToken);

    /// <summary>
    /// Every row of the current organisation where the kept totals differ from the recomputed ones; none when the
    /// triggers kept them. The organisation must be entered by no one (see the class).
    /// </summary>
    public static async Task<IReadOnlyList<Difference>> CompareAsync(SuiviDbContext db, CancellationToken cancellationToken)
    {
        var kept = await KeptAsync(db, cancellationToken);
        var recomputed = await RecomputeAsync(db, cancellationToken);
        return [.. kept.Keys.Union(recomputed.Keys)
            .Select(key => new Difference(key, kept.TryGetValue(key, out var k) ? k : null, recomputed.TryGetValue(key, out var r) ? r : null))
            .Where(d => d.Kept != d.Recomputed)
            .OrderBy(d => d.Key.OrganisationId).ThenBy(d => d.Key.Year)];
    }

    /// <summary><c>check-totals</c>: exits 0 when the kept totals equal the recomputed ones, 1 listing the rows that differ.</summary>
    public static async Task<int> CheckAsync(IServiceProvider services, TextWriter output, TextWriter errors)
    {
        await services.PrepareSchemaAsync(explicitRequest: false);
        var started = System.Diagnostics.Stopwatch.StartNew();
        List<Organisation> organisations;
        await using (var scope = services.CreateAsyncScope())
        {
            organisations = await scope.ServiceProvider.GetRequiredService<SuiviDbContext>().Organisations.AsNoTracking().OrderBy(o => o.Slug).ToListAsync();
        }
        var differences = new List<Difference>();
        foreach (var organisation in organisations)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(organisation.Id, organisation.Slug, organisation.Name, null);
            var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            differences.AddRange(await CompareAsync(db, CancellationToken.None));
        }
        if (differences.Count == 0)
        {
            await output.WriteLineAsync(
                $"The delivery totals of {organisations.Count} organisations equal their deliveries added up again ({started.Elapsed.TotalSeconds:F1} s).");
            return 0;
        }
        foreach (var difference in differences)
        {
            await errors.WriteLineAsync($"{difference.Key}: kept {difference.Kept?.ToString() ?? "nothing"}, recomputed {difference.Recomputed?.ToString() ?? "nothing"}");
        }
        await errors.WriteLineAsync($"{differences.Count} rows of delivery totals differ from the deliveries added up again.");
        return 1;
    }
}
