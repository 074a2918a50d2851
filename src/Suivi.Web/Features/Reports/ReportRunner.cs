using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Features.Reports;

/// <summary>A stored definition in force: its version, text and what was read from it.</summary>
public sealed record StoredDefinition(string Key, int Version, DateTime UploadedAt, string Text, AnnualReportDefinition Definition);

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
