using System.Net;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.People;

public sealed class SearchTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Theory]
    [InlineData("goncalves")]
    [InlineData("GONÇALVES")]
    [InlineData("ana gonc")]
    [InlineData("Goncalves Ana")]
    public async Task Search_IgnoresAccentsAndCase(string query)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var (response, page) = await client.GetPageAsync($"/o/alpha/people?q={Uri.EscapeDataString(query)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = page.QuerySelectorAll("tbody th a").Select(a => a.TextContent).ToList();
        Assert.Contains("Gonçalves, Ana", names);
    }

    [Fact]
    public async Task Search_NeverFindsPeopleOfAnotherOrganisation()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var (_, page) = await client.GetPageAsync("/o/alpha/people?q=muller");

        Assert.Empty(page.QuerySelectorAll("tbody th a"));
    }
}
