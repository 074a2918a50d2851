using System.Net;
using Microsoft.EntityFrameworkCore;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Security;

/// <summary>What each role of an organisation may open and do.</summary>
public sealed class RoleTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public async Task Statistician_SeesTheOrganisationsFigures_WithoutNames()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.StatisticianEmail);

        var (response, page) = await client.GetPageAsync("/o/alpha");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(page.QuerySelectorAll("dl.figures dd"));
        Assert.All(page.QuerySelectorAll("dl.figures dd"), figure => Assert.Matches(@"^\d+$", figure.TextContent.Trim()));
        Assert.Empty(NamesIn(page.DocumentElement.OuterHtml));
    }

    [Fact]
    public async Task Statistician_IsDeniedEveryPageAndApiThatShowsNames()
    {
        var alpha = app.World.Alpha;
        using var client = await app.SignedInAsync(alpha.StatisticianEmail);
        var failures = new List<string>();

        foreach (var url in new[] { "/o/alpha/people", $"/o/alpha/people/{alpha.Child.Id}", $"/o/alpha/case-files/{alpha.CaseFile.Id}" })
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.AbsolutePath != "/access-denied")
            {
                failures.Add($"GET {url}: {(int)response.StatusCode} to {response.Headers.Location} instead of the access-denied page");
            }
            failures.AddRange(NamesIn(body).Select(name => $"GET {url} shows \"{name}\""));
        }
        foreach (var url in new[] { "/api/o/alpha/people", $"/api/o/alpha/people/{alpha.Child.Id}", $"/api/o/alpha/case-files/{alpha.CaseFile.Id}" })
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"GET {url}: {(int)response.StatusCode} instead of 403");
            }
            failures.AddRange(NamesIn(body).Select(name => $"GET {url} shows \"{name}\""));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task AccessDeniedPage_AnswersForbidden_WithoutNames()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.StatisticianEmail);

        using var response = await client.GetAsync("/access-denied?ReturnUrl=%2Fo%2Falpha%2Fpeople");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(NamesIn(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Worker_CannotOpenTheAuditLog()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        using var response = await client.GetAsync("/o/alpha/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Administrator_OpensTheAuditLog()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        using var response = await client.GetAsync("/o/alpha/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Worker_CreatesAPerson()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        using var response = await client.PostFormAsync("/o/alpha/people/new", "/o/alpha/people/new", PersonForm("Worker-made"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await CountInAlphaAsync("Worker-made"));
    }

    [Fact]
    public async Task Statistician_CannotPostTheCreateForm()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.StatisticianEmail);

        // The statistician has no create form to take a token from: the organisation's home carries one.
        using var response = await client.PostFormAsync("/o/alpha/people/new", "/o/alpha", PersonForm("Statistician-made"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
        Assert.Equal(0, await CountInAlphaAsync("Statistician-made"));
    }

    private static Dictionary<string, string> PersonForm(string lastName) => new()
    {
        ["Input.FirstName"] = "Lea",
        ["Input.LastName"] = lastName,
        ["Input.Sex"] = "Female",
        ["Input.Language"] = "fr",
    };

    private Task<int> CountInAlphaAsync(string lastName) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Beneficiaries.CountAsync(b => b.LastName == lastName));

    private IEnumerable<string> NamesIn(string body)
    {
        var alpha = app.World.Alpha;
        return new[] { alpha.Child.FirstName, alpha.Child.LastName, alpha.Mother.FirstName, alpha.CaseFile.Reference, alpha.Child.Notes! }
            .Where(secret => RouteWalk.Mentions(body, secret));
    }
}
