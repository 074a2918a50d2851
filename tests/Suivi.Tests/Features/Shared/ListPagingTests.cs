using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Shared;

/// <summary>
/// Lists page through their rows with <c>?page=</c>. Razor Pages keeps a route value of its own called "page" (the
/// page's path), which a property bound by that name would read first and fail to turn into a number: page 2 would
/// show page 1.
/// </summary>
public sealed class ListPagingTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public async Task TheSecondPageOfAList_ShowsTheRowsAfterTheFirst()
    {
        var people = Enumerable.Range(1, 30).Select(i => new Beneficiary(new BeneficiaryDetails($"Zoé{i:00}", "Pagination", new DateOnly(1990, 1, 1),
            Sex.Female, Region.Centre, "fr", null, null, null, null))).ToList();
        await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            db.Beneficiaries.AddRange(people);
            return await db.SaveChangesAsync();
        });
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var (_, first) = await client.GetPageAsync("/o/alpha/people?q=pagination");
        var (_, second) = await client.GetPageAsync("/o/alpha/people?q=pagination&page=2");

        Assert.Matches("1 (sur|of|von) 2", Pager(first));
        Assert.Matches("2 (sur|of|von) 2", Pager(second));
        var firstNames = Names(first);
        var secondNames = Names(second);
        Assert.Equal(25, firstNames.Count);
        Assert.Equal(5, secondNames.Count);
        Assert.Empty(firstNames.Intersect(secondNames));
    }

    [Fact]
    public void NoPageProperty_IsBoundByTheNameOfARazorPagesRouteValue()
    {
        var bound = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties())
            .Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is { Name: "page" or "handler" })
            .Select(p => $"{p.DeclaringType!.FullName}.{p.Name}")
            .ToList();

        Assert.Empty(bound);
    }

    private static string Pager(AngleSharp.Html.Dom.IHtmlDocument page) =>
        string.Join(" ", (page.QuerySelector("nav.pager")?.TextContent ?? "").Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("main table tbody tr").Select(r => r.TextContent.Trim())];
}
