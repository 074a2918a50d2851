using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Features.Reports;

/// <summary>
/// The totals and counts the database keeps (decisions 012 and 013: deliveries, contacts, day-centre visits, people
/// counted with their care insurance) set against the same computed from scratch from the records, organisation by
/// organisation: the check that the triggers have kept them, run by <c>suivi check-totals</c> and by the tests after
/// every kind of write. The records are grouped here by EF Core and care insurance decided in memory, not by the
/// triggers' SQL, within what the viewer may see: everyone's rows, and the rows kept under each restricted file the
/// viewer is named on (a file they are not named on is neither read nor compared). <c>check-totals</c> compares
/// everyone's rows as no one, then each restricted file's as someone named on it.
/// </summary>
public static class KeptTotals
{
    public readonly record struct Key(Guid OrganisationId, int Year, Guid ServiceId, Guid TypeId, Guid ActCategoryId, Guid SiteId, Guid RestrictedFileId = default);

    public readonly record struct Amounts(long Count, long Seconds, long Metres);

    /// <summary>A row of a kept table where the kept values and the recomputed ones disagree; null where one of them has no row.</summary>
    public sealed record Difference(string Table, string Key, string? Kept, string? Recomputed);

    /// <summary>The restricted files of the organisation the viewer may see: those they are named on.</summary>
    private static async Task<List<Guid>> VisibleRestrictedFilesAsync(SuiviDbContext db, CancellationToken cancellationToken) =>
        await db.CaseFiles.Where(c => c.IsRestricted).Select(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// The current organisation's totals computed from its records: everyone's, and those of each restricted file the
    /// viewer is named on under the file.
    /// </summary>
    public static async Task<Dictionary<Key, Amounts>> RecomputeAsync(SuiviDbContext db, CancellationToken cancellationToken)
    {
        var restricted = await VisibleRestrictedFilesAsync(db, cancellationToken);
        var groups = await db.Deliveries
            .GroupBy(d => new
            {
                d.OrganisationId,
                d.OnDate.Year,
                d.ServiceId,
                d.TypeId,
                d.ActCategoryId,
                d.SiteId,
                File = d.CaseFileId != null && restricted.Contains(d.CaseFileId.Value) ? d.CaseFileId : null,
            })
            .Select(g => new
            {
                g.Key,
                Count = g.LongCount(),
                Seconds = g.Sum(d => (long)d.DurationSeconds),
                Metres = g.Sum(d => (long)(d.DistanceMetres ?? 0)),
            })
            .ToListAsync(cancellationToken);
        return groups.ToDictionary(
            g => new Key(g.Key.OrganisationId, g.Key.Year, g.Key.ServiceId, g.Key.TypeId, g.Key.ActCategoryId ?? Guid.Empty, g.Key.SiteId ?? Guid.Empty,
                g.Key.File ?? Guid.Empty),
            g => new Amounts(g.Count, g.Seconds, g.Metres));
    }

    /// <summary>The current organisation's totals as the database keeps them: everyone's, and those of the restricted files the viewer is named on.</summary>
    public static async Task<Dictionary<Key, Amounts>> KeptAsync(SuiviDbContext db, CancellationToken cancellationToken)
    {
        var restricted = await VisibleRestrictedFilesAsync(db, cancellationToken);
        return await db.DeliveryTotals.AsNoTracking().Where(t => t.RestrictedFileId == Guid.Empty || restricted.Contains(t.RestrictedFileId)).ToDictionaryAsync(
            t => new Key(t.OrganisationId, t.Year, t.ServiceId, t.TypeId, t.ActCategoryId, t.SiteId, t.RestrictedFileId),
            t => new Amounts(t.Count, t.Seconds, t.Metres), cancellationToken);
    }

    /// <summary>
    /// Every row of the current organisation, within what the viewer may see, where a kept table differs from its records
    /// counted again; none when the triggers kept them. With <paramref name="restrictedOnly"/>, only the rows kept under
    /// the restricted files the viewer is named on: those of the deliveries and the clients served.
    /// </summary>
    public static async Task<IReadOnlyList<Difference>> CompareAsync(SuiviDbContext db, CancellationToken cancellationToken, bool restrictedOnly = false)
    {
        var (keptTotals, recomputedTotals) = (await KeptAsync(db, cancellationToken), await RecomputeAsync(db, cancellationToken));
        if (restrictedOnly)
        {
            (keptTotals, recomputedTotals) = (UnderFiles(keptTotals), UnderFiles(recomputedTotals));
        }
        var differences = Differences("DeliveryTotals", keptTotals, recomputedTotals).ToList();
        var restricted = await VisibleRestrictedFilesAsync(db, cancellationToken);
        var served = await db.Deliveries.Where(d => d.BeneficiaryId != null)
            .GroupBy(d => new
            {
                d.OrganisationId,
                d.OnDate.Year,
                BeneficiaryId = d.BeneficiaryId!.Value,
                File = d.CaseFileId != null && restricted.Contains(d.CaseFileId.Value) ? d.CaseFileId : null,
            })
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var periods = (await db.CareInsurancePeriods.AsNoTracking().Select(p => new { p.BeneficiaryId, p.From, p.To }).ToListAsync(cancellationToken))
            .ToLookup(p => p.BeneficiaryId);
        bool Insured(Guid person, int year) => periods[person].Any(p => p.From.Year <= year && (p.To is not { } to || to.Year >= year));
        var keptPeople = await db.CountedPeople.AsNoTracking().Where(p => p.RestrictedFileId == Guid.Empty || restricted.Contains(p.RestrictedFileId))
            .ToDictionaryAsync(p => (p.OrganisationId, p.Source, p.RestrictedFileId, p.Year, p.BeneficiaryId), p => (p.Records, p.Insured), cancellationToken);
        if (restrictedOnly)
        {
            var servedUnderFiles = served.Where(g => g.Key.File is not null)
                .ToDictionary(g => (g.Key.OrganisationId, PeopleSource.Served, g.Key.File!.Value, g.Key.Year, g.Key.BeneficiaryId), g => (Records: g.Count, Insured: Insured(g.Key.BeneficiaryId, g.Key.Year)));
            differences.AddRange(Differences("CountedPeople", keptPeople.Where(p => p.Key.RestrictedFileId != Guid.Empty).ToDictionary(), servedUnderFiles));
            return differences;
        }

        var contacts = await db.Contacts
            .GroupBy(c => new { c.OrganisationId, c.OnDate.Year, c.ServiceId, c.Kind, c.Direction, c.OutcomeId })
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        differences.AddRange(Differences("ContactTotals",
            await db.ContactTotals.AsNoTracking().ToDictionaryAsync(t => (t.OrganisationId, t.Year, t.ServiceId, t.Kind, t.Direction, t.OutcomeId), t => t.Count, cancellationToken),
            contacts.ToDictionary(g => (g.Key.OrganisationId, g.Key.Year, g.Key.ServiceId, g.Key.Kind, g.Key.Direction, g.Key.OutcomeId ?? Guid.Empty), g => g.Count)));

        var visits = await db.DayCentreVisits
            .GroupBy(v => new { v.OrganisationId, v.OnDate.Year, v.ServiceId, v.BeneficiaryId })
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        differences.AddRange(Differences("DayCentreVisitTotals",
            await db.DayCentreVisitTotals.AsNoTracking().ToDictionaryAsync(t => (t.OrganisationId, t.Year, t.ServiceId), t => t.Visits, cancellationToken),
            visits.GroupBy(g => (g.Key.OrganisationId, g.Key.Year, g.Key.ServiceId)).ToDictionary(g => g.Key, g => g.Sum(v => v.Count))));

        // Each person's records by source, file and year, and whether they were entitled on some day of that year; the
        // people counted are those of everyone's rows.
        var people = served.Select(g => (Key: (g.Key.OrganisationId, PeopleSource.Served, g.Key.File ?? Guid.Empty, g.Key.Year, g.Key.BeneficiaryId), g.Count))
            .Concat(visits.GroupBy(g => (g.Key.OrganisationId, PeopleSource.DayCentre, Guid.Empty, g.Key.Year, g.Key.BeneficiaryId)).Select(g => (g.Key, Count: g.Sum(v => v.Count))))
            .ToDictionary(p => p.Key, p => (Records: p.Count, Insured: Insured(p.Key.BeneficiaryId, p.Key.Year)));
        differences.AddRange(Differences("CountedPeople", keptPeople, people));
        differences.AddRange(Differences("PeopleTotals",
            await db.PeopleTotals.AsNoTracking().ToDictionaryAsync(t => (t.OrganisationId, t.Source, t.Year, t.Insured), t => t.People, cancellationToken),
            people.Where(p => p.Key.Item3 == Guid.Empty).GroupBy(p => (p.Key.OrganisationId, p.Key.Item2, p.Key.Year, p.Value.Insured))
                .ToDictionary(g => g.Key, g => g.LongCount())));
        return differences;
    }

    private static Dictionary<Key, Amounts> UnderFiles(Dictionary<Key, Amounts> totals) =>
        totals.Where(t => t.Key.RestrictedFileId != Guid.Empty).ToDictionary();

    private static IEnumerable<Difference> Differences<TKey, TValue>(string table, Dictionary<TKey, TValue> kept, Dictionary<TKey, TValue> recomputed)
        where TKey : notnull where TValue : struct =>
        kept.Keys.Union(recomputed.Keys)
            .Select(key => (Key: key, Kept: kept.TryGetValue(key, out var k) ? k : (TValue?)null, Recomputed: recomputed.TryGetValue(key, out var r) ? r : (TValue?)null))
            .Where(d => !Nullable.Equals(d.Kept, d.Recomputed))
            .Select(d => new Difference(table, d.Key.ToString()!, d.Kept?.ToString(), d.Recomputed?.ToString()))
            .OrderBy(d => d.Key, StringComparer.Ordinal);

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
            // Each restricted file's rows, as someone named on it.
            foreach (var user in await db.CaseFileAccess.Select(a => a.UserId).Distinct().ToListAsync())
            {
                await using var named = services.CreateAsyncScope();
                named.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(organisation.Id, organisation.Slug, organisation.Name, null, user);
                var namedDb = named.ServiceProvider.GetRequiredService<SuiviDbContext>();
                namedDb.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                differences.AddRange(await CompareAsync(namedDb, CancellationToken.None, restrictedOnly: true));
            }
        }
        if (differences.Count == 0)
        {
            await output.WriteLineAsync(
                $"The kept totals and counts of {organisations.Count} organisations equal their records counted again ({started.Elapsed.TotalSeconds:F1} s).");
            return 0;
        }
        foreach (var difference in differences)
        {
            await errors.WriteLineAsync($"{difference.Table} {difference.Key}: kept {difference.Kept ?? "nothing"}, recomputed {difference.Recomputed ?? "nothing"}");
        }
        await errors.WriteLineAsync($"{differences.Count} kept rows differ from their records counted again.");
        return 1;
    }
}
