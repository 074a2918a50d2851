using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Features.Reports;

/// <summary>A stored definition in force: its version, text and what was read from it.</summary>
public sealed record StoredDefinition(string Key, int Version, DateTime UploadedAt, string Text, AnnualReportDefinition Definition);

/// <summary>A report as its readers see it, and the definition version it was computed from.</summary>
public sealed record OpenedReport(StoredDefinition Definition, ReportResult Result);

public enum PublishOutcome
{
    Published,
    NoSuchReport,
    AlreadyPublished,

    /// <summary>A year is published once it is over: its records are still being written until then.</summary>
    YearNotOver,
}

/// <summary>What an upload did: the version stored, or the problems that kept it out.</summary>
public sealed record UploadOutcome(int? Version, IReadOnlyList<DefinitionProblem> Problems);

/// <summary>
/// The report definitions of the current organisation and the computation of their reports for the person acting.
/// A network report counts the records of each member organisation the person belongs to, each read in its own
/// scope under that membership, so tenancy and restricted case files hold for every figure as they do for every page.
/// </summary>
public sealed class ReportRunner(SuiviDbContext db, CurrentOrganisation current, IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<List<StoredDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        var latest = await db.ReportDefinitions.AsNoTracking()
            .Where(v => v.Number == db.ReportDefinitions.Where(o => o.Key == v.Key).Max(o => o.Number))
            .OrderBy(v => v.Key)
            .ToListAsync(cancellationToken);
        return [.. latest.Select(Stored).OfType<StoredDefinition>()];
    }

    public async Task<StoredDefinition?> CurrentAsync(string key, CancellationToken cancellationToken)
    {
        var latest = await db.ReportDefinitions.AsNoTracking()
            .Where(v => v.Key == key)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : Stored(latest);
    }

    private async Task<StoredDefinition?> VersionAsync(string key, int number, CancellationToken cancellationToken) =>
        await db.ReportDefinitions.AsNoTracking().SingleOrDefaultAsync(v => v.Key == key && v.Number == number, cancellationToken) is { } version
            ? Stored(version)
            : null;

    private static StoredDefinition? Stored(ReportDefinitionVersion version) =>
        DefinitionReader.Read(version.Text).Definition is { } definition
            ? new StoredDefinition(version.Key, version.Number, version.UploadedAt, version.Text, definition)
            // Stored versions were read before they were stored; one that no longer reads is a bug, not user input.
            : throw new InvalidOperationException($"The stored definition '{version.Key}' version {version.Number} no longer reads.");

    /// <summary>Reads and checks a definition; stores it as the next version only when nothing is wrong with it.</summary>
    public async Task<UploadOutcome> UploadAsync(string key, string text, CancellationToken cancellationToken)
    {
        var reading = DefinitionReader.Read(text);
        if (!reading.Succeeded)
        {
            return new UploadOutcome(null, reading.Problems);
        }
        var organisations = await ReachableOrganisationsAsync(reading.Definition!.Scope, cancellationToken);
        var problems = await DefinitionReferences.CheckAsync(reading.Definition, db, [.. organisations.Select(o => o.Slug)], cancellationToken);
        if (problems.Count > 0)
        {
            return new UploadOutcome(null, problems);
        }
        var number = 1 + (await db.ReportDefinitions.Where(v => v.Key == key).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0);
        db.ReportDefinitions.Add(new ReportDefinitionVersion(key, number, text, current.UserId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return new UploadOutcome(number, []);
    }

    /// <summary>
    /// The report for a year in a language, as every output shows it: published, under the definition's disclosure control
    /// (<see cref="Disclosure"/>); or <paramref name="exact"/>, the exact figures with the hidden ones marked, for internal use.
    /// </summary>
    public static ReportDocument Document(OpenedReport report, string language, bool exact)
    {
        var (definition, result) = (report.Definition, report.Result);
        var document = Disclosure.Publish(ReportDocument.From(result, definition.Version, language), Disclosure.Find(definition.Definition, result), exact);
        return ReportDocument.WithRestatementNotes(document);
    }

    /// <summary>Computes the report for a year from the records the person acting may see.</summary>
    public async Task<ReportResult> RunAsync(AnnualReportDefinition definition, int year, CancellationToken cancellationToken)
    {
        var organisations = await ReachableOrganisationsAsync(definition.Scope, cancellationToken);
        var result = await WithSourcesAsync(organisations, sources => ReportEngine.ComputeAsync(definition, year, sources, cancellationToken));
        return result with { ReadIn = current.Slug };
    }

    /// <summary>
    /// Runs <paramref name="work"/> over the records of each organisation, each read in its own scope under the
    /// person's membership of it: its tenancy, and its restricted case files hidden unless the person is named on them.
    /// </summary>
    internal async Task<T> WithSourcesAsync<T>(IReadOnlyList<Reachable> organisations, Func<IReadOnlyList<ReportSource>, Task<T>> work)
    {
        var opened = new List<AsyncServiceScope>();
        try
        {
            var sources = new List<ReportSource>();
            foreach (var organisation in organisations)
            {
                var organisationDb = db;
                if (organisation.Id != current.Id)
                {
                    var scope = scopes.CreateAsyncScope();
                    opened.Add(scope);
                    scope.ServiceProvider.GetRequiredService<CurrentOrganisation>()
                        .Enter(organisation.Id, organisation.Slug, organisation.Name, organisation.Role, current.UserId);
                    organisationDb = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
                }
                sources.Add(new ReportSource(organisation.Id, organisation.Slug, organisation.Name, new RecordFacts(organisationDb, organisation.Slug)));
            }
            return await work(sources);
        }
        finally
        {
            foreach (var scope in opened)
            {
                await scope.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The report for a year as its readers see it. A published year shows the figures as published, computed from the
    /// definition version they were published from; otherwise today's figures, except those of earlier years that were
    /// published, shown as their own year's report published them. Beside every published figure that today's records
    /// give differently stands a restatement, computed with what the publisher could see, so that a reader who may see
    /// fewer case files does not learn from a difference that records hidden from them exist.
    /// </summary>
    public async Task<OpenedReport?> OpenAsync(string key, int year, CancellationToken cancellationToken)
    {
        var publications = await db.PublishedReports.AsNoTracking()
            .Where(p => p.Key == key && p.Year <= year)
            .ToDictionaryAsync(p => p.Year, cancellationToken);
        if (publications.Remove(year, out var own))
        {
            var published = await VersionAsync(key, own.DefinitionNumber, cancellationToken)
                ?? throw new InvalidOperationException($"The report '{key}' {year} was published from a version that no longer exists.");
            var asPublished = ReportFreezing.Read(own.Figures);
            var today = Figures(await RunAsAsync(own, published.Definition, year, cancellationToken));
            var publisher = await db.Users.Where(u => u.Id == own.PublishedBy).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            var asShown = ReportFreezing.Freeze(today.Report, k => asPublished.TryGetValue(k, out var value) ? new Frozen(value, today.Get(k)) : null);
            return new OpenedReport(published, asShown with
            {
                Publication = new Publication(year, own.PublishedAt, publisher ?? "?", own.DefinitionNumber),
            });
        }
        if (await CurrentAsync(key, cancellationToken) is not { } stored)
        {
            return null;
        }
        var live = await RunAsync(stored.Definition, year, cancellationToken);
        if (publications.Count == 0)
        {
            return new OpenedReport(stored, live);
        }
        // Each earlier year as its own report published it, and today's figures as each publisher would see them.
        var frozen = publications.ToDictionary(p => p.Key, p => ReportFreezing.Read(p.Value.Figures));
        var todayBy = new Dictionary<Guid, FiguresOf>();
        foreach (var publication in publications.Values)
        {
            if (!todayBy.ContainsKey(publication.PublishedBy))
            {
                todayBy[publication.PublishedBy] = publication.PublishedBy == current.UserId
                    ? Figures(live)
                    : Figures(await RunAsAsync(publication, stored.Definition, year, cancellationToken));
            }
        }
        var frozenYears = new SortedSet<int>();
        var result = ReportFreezing.Freeze(live, k =>
        {
            if (!publications.TryGetValue(k.Year, out var publication) || !frozen[k.Year].TryGetValue(k, out var value))
            {
                return null;
            }
            frozenYears.Add(k.Year);
            return new Frozen(value, todayBy[publication.PublishedBy].Get(k));
        });
        return new OpenedReport(stored, result with { FrozenYears = [.. frozenYears] });
    }

    /// <summary>
    /// Publishes a year's report as it shows today: its figures are stored and shown as published from then on. Only once
    /// per year, and only once the year is over.
    /// </summary>
    public async Task<PublishOutcome> PublishAsync(string key, int year, CancellationToken cancellationToken)
    {
        if (current.UserId is not { } user || current.Role is not { } role)
        {
            throw new InvalidOperationException("A report is published by a member of its organisation.");
        }
        if (year >= clock.Today().Year)
        {
            return PublishOutcome.YearNotOver;
        }
        if (await db.PublishedReports.AnyAsync(p => p.Key == key && p.Year == year, cancellationToken))
        {
            return PublishOutcome.AlreadyPublished;
        }
        if (await OpenAsync(key, year, cancellationToken) is not { } report)
        {
            return PublishOutcome.NoSuchReport;
        }
        db.PublishedReports.Add(new PublishedReport(key, year, report.Definition.Version, ReportFreezing.Write(report.Result), user, role,
            clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.PublishedReports.AnyAsync(p => p.Key == key && p.Year == year, cancellationToken))
            {
                // Another administrator published the same year a moment before.
                return PublishOutcome.AlreadyPublished;
            }
            throw;
        }
        return PublishOutcome.Published;
    }

    private sealed record FiguresOf(ReportResult Report, Dictionary<FigureKey, decimal?> ByKey)
    {
        public decimal? Get(FigureKey key) => ByKey.GetValueOrDefault(key);
    }

    private static FiguresOf Figures(ReportResult report) => new(report, ReportFreezing.Figures(report).ToDictionary(f => f.Key, f => f.Value));

    /// <summary>The report computed with what the publisher may see: their restricted files, their other organisations.</summary>
    private async Task<ReportResult> RunAsAsync(PublishedReport publication, AnnualReportDefinition definition, int year, CancellationToken cancellationToken)
    {
        if (publication.PublishedBy == current.UserId)
        {
            return await RunAsync(definition, year, cancellationToken);
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>()
            .Enter(current.Id, current.Slug, current.Name, publication.PublisherRole, publication.PublishedBy);
        return await scope.ServiceProvider.GetRequiredService<ReportRunner>().RunAsync(definition, year, cancellationToken);
    }

    /// <summary>The current organisation, and every other organisation of its network the person is a member of.</summary>
    internal Task<List<Reachable>> NetworkMembershipsAsync(CancellationToken cancellationToken) =>
        ReachableOrganisationsAsync(ReportScope.Network, cancellationToken);

    internal sealed record Reachable(Guid Id, string Slug, string Name, OrganisationRole? Role);

    /// <summary>The current organisation; for a network report, with every other organisation of its network the person is a member of.</summary>
    private async Task<List<Reachable>> ReachableOrganisationsAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var self = new Reachable(current.Id, current.Slug, current.Name, current.Role);
        if (scope == ReportScope.Organisation || current.UserId is not { } user)
        {
            return [self];
        }
        var network = await db.Organisations.Where(o => o.Id == current.Id).Select(o => o.NetworkId).SingleAsync(cancellationToken);
        var others = await db.Memberships
            .Where(m => m.UserId == user && m.OrganisationId != current.Id)
            .Join(db.Organisations.Where(o => o.NetworkId == network), m => m.OrganisationId, o => o.Id,
                (m, o) => new Reachable(o.Id, o.Slug, o.Name, m.Role))
            .ToListAsync(cancellationToken);
        return [self, .. others.OrderBy(o => o.Slug, StringComparer.Ordinal)];
    }
}

public static class ReportServices
{
    public static IServiceCollection AddSuiviReports(this IServiceCollection services) => services.AddScoped<ReportRunner>().AddSingleton<ReportPrinter>();
}
