using System.Net;
using Microsoft.EntityFrameworkCore;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Settings;

/// <summary>Only the organisation's administrators change its lists and typologies.</summary>
public sealed class SettingsAccessTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private IEnumerable<string> Pages =>
    [
        "/o/alpha/settings",
        "/o/alpha/settings/lists",
        $"/o/alpha/settings/lists/{app.World.Alpha.Item(ListKind.Channel, "PHONE").Id}",
        "/o/alpha/settings/typologies",
        $"/o/alpha/settings/typologies/{app.World.Alpha.Scheme(ReadyMade.MaltreatmentScheme).Id}",
    ];

    [Fact]
    public async Task Administrator_OpensEverySettingsPage_FromTheHub()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var (response, hub) = await client.GetPageAsync("/o/alpha/settings");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = hub.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/o/alpha/settings/lists", links);
        Assert.Contains("/o/alpha/settings/typologies", links);
        foreach (var url in Pages)
        {
            using var page = await client.GetAsync(url);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)page.StatusCode}");
        }
    }

    [Theory]
    [InlineData("coordinator")]
    [InlineData("worker")]
    [InlineData("statistician")]
    public async Task OtherRoles_AreSentToTheAccessDeniedPage(string role)
    {
        using var client = await app.SignedInAsync($"{role}@alpha.test");
        var failures = new List<string>();

        foreach (var url in Pages)
        {
            using var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.AbsolutePath != "/access-denied")
            {
                failures.Add($"GET {url}: {(int)response.StatusCode} to {response.Headers.Location}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Coordinator_CannotAddAnEntryByPostingTheForm()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        var token = await client.AntiforgeryTokenAsync("/o/alpha/people/new");

        using var response = await client.Http.PostAsync("/o/alpha/settings/lists", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.List"] = nameof(ListKind.Channel),
            ["Input.Code"] = "PIGEON",
            ["Input.LabelFr"] = "Pigeon voyageur",
        }));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
        var exists = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.ListItems.AnyAsync(i => i.Code == "PIGEON"));
        Assert.False(exists);
    }
}
