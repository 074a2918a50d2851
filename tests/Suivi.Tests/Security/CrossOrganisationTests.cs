using System.Net;
using Microsoft.EntityFrameworkCore;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Security;

/// <summary>
/// Walks every organisation route of the app (see <see cref="RouteWalk"/>) as someone who must not
/// reach it: each request answers 404, shows nothing of the organisation, and changes nothing.
/// </summary>
public sealed class CrossOrganisationTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private sealed record Snapshot(int People, int FamilyLinks, int CaseFiles, int CaseFileMembers, int AuditEntries,
        long ChildVersion, long MotherVersion);

    [Fact]
    public async Task TheWalk_CoversPagesHandlersAndApi()
    {
        var probes = (await RouteWalk.ProbesAsync(app, "alpha", app.World.Alpha)).Select(p => p.ToString()).ToList();
        var child = app.World.Alpha.Child.Id;

        Assert.Contains($"GET /o/alpha/people/{child}", probes);
        Assert.Contains($"POST /o/alpha/people/{child}?handler=Link", probes);
        Assert.Contains($"POST /o/alpha/people/{child}/edit", probes);
        Assert.Contains($"PUT /api/o/alpha/people/{child}", probes);
        Assert.Contains($"GET /api/o/alpha/case-files/{app.World.Alpha.CaseFile.Id}", probes);
    }

    [Fact]
    public async Task EveryRoute_OpensForAMemberOfItsOrganisation()
    {
        // The control for the walks below: with the organisation's own member the same URLs are found,
        // so the 404s the outsiders get come from the tenancy checks, not from URLs that lead nowhere.
        var probes = (await RouteWalk.ProbesAsync(app, "alpha", app.World.Alpha)).Where(p => p.Method == "GET");
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var failures = new List<string>();

        foreach (var probe in probes)
        {
            using var response = await client.GetAsync(probe.Url);
            if (response.StatusCode == HttpStatusCode.NotFound || (int)response.StatusCode >= 500)
            {
                failures.Add($"{probe}: {(int)response.StatusCode} {response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, "Routes that fail for alpha's own administrator:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryRouteOfAnotherOrganisation_AnswersNotFound_AndChangesNothing()
    {
        var alpha = app.World.Alpha;
        var probes = await RouteWalk.ProbesAsync(app, alpha.Slug, alpha);
        var before = await SnapshotAsync(alpha);
        var failures = new List<string>();

        foreach (var outsider in new[] { app.World.Beta.CoordinatorEmail, app.World.Beta.AdminEmail })
        {
            using var client = await app.SignedInAsync(outsider);
            failures.AddRange(await RouteWalk.NotFoundFailuresAsync(client, outsider, probes, "/o/beta", alpha, RouteWalk.Secrets(alpha)));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {probes.Count * 2} requests into alpha by beta's members went wrong:\n"
            + string.Join('\n', failures));
        Assert.Equal(before, await SnapshotAsync(alpha));
    }

    [Fact]
    public async Task EveryRouteOfAnUnknownOrganisation_AnswersNotFound()
    {
        var alpha = app.World.Alpha;
        var probes = await RouteWalk.ProbesAsync(app, "nonexistent", alpha);
        var before = await SnapshotAsync(alpha);
        using var client = await app.SignedInAsync(app.World.Beta.CoordinatorEmail);

        var failures = await RouteWalk.NotFoundFailuresAsync(client, app.World.Beta.CoordinatorEmail, probes, "/o/beta", alpha,
            RouteWalk.Secrets(alpha));

        Assert.True(failures.Count == 0, $"{failures.Count} of {probes.Count} requests into an unknown organisation went wrong:\n"
            + string.Join('\n', failures));
        Assert.Equal(before, await SnapshotAsync(alpha));
    }

    [Fact]
    public async Task RecordsOfAnotherOrganisation_AreNotFound_InsideOnesOwnOrganisation()
    {
        var beta = app.World.Beta;
        // Only the routes that name a record: alpha's lists and forms rightly open for alpha's members.
        var probes = (await RouteWalk.ProbesAsync(app, app.World.Alpha.Slug, beta))
            .Where(p => p.NamesARecord).ToList();
        var before = await SnapshotAsync(beta);
        var failures = new List<string>();

        foreach (var member in new[] { app.World.Alpha.CoordinatorEmail, app.World.Alpha.AdminEmail })
        {
            using var client = await app.SignedInAsync(member);
            // The coordinator is refused the administrators' routes (settings) whatever the record, its own
            // organisation's included: that refusal tells nothing. The administrator walks them.
            var walked = member == app.World.Alpha.AdminEmail ? probes : probes.Where(p => !p.ForAdministrators).ToList();
            failures.AddRange(await RouteWalk.NotFoundFailuresAsync(client, member, walked, "/o/alpha", beta, RouteWalk.Secrets(beta)));
        }

        Assert.NotEmpty(probes);
        Assert.True(failures.Count == 0, $"{failures.Count} of {probes.Count * 2} requests for beta's records under /o/alpha went wrong:\n"
            + string.Join('\n', failures));
        Assert.Equal(before, await SnapshotAsync(beta));
    }

    private Task<Snapshot> SnapshotAsync(TestWorld.OrganisationRecords organisation) =>
        app.InOrganisationAsync(organisation.Organisation.Id, async db => new Snapshot(
            await db.Beneficiaries.CountAsync(),
            await db.FamilyLinks.CountAsync(),
            await db.CaseFiles.CountAsync(),
            await db.CaseFileMembers.CountAsync(),
            await db.AuditEntries.CountAsync(),
            await db.Beneficiaries.Where(b => b.Id == organisation.Child.Id).Select(b => b.Version).SingleAsync(),
            await db.Beneficiaries.Where(b => b.Id == organisation.Mother.Id).Select(b => b.Version).SingleAsync()));
}
