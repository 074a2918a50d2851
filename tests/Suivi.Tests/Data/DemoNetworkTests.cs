using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Features.Reports;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Data;

public sealed class DemoNetworkTests
{
    /// <summary>
    /// The demo's reports are the documented examples: they pass the checks an upload passes, and last year's report,
    /// the one the page opens first, has figures from the demo's two years of history.
    /// </summary>
    [Fact]
    public async Task DemoNetwork_StartsWithReportsThatShowLastYearsWork()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = DemoApp(database, "Development");
        using var admin = Client(factory);
        await admin.SignInAsync("admin@demo.suivi.test", DemoNetwork.Password);
        var lastYear = TimeProvider.System.GetUtcNow().Year - 1;

        foreach (var (organisation, example) in new[] { ("mosaique", "report-home-care.yaml"), ("arc-en-ciel", "report-child-protection.yaml") })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(TestRepository.Root, "docs", "formats", "examples", example));
            var upload = await admin.Http.PostAsJsonAsync($"/api/o/{organisation}/reports", new { key = "uploaded", text });
            Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        }
        var homeCare = await admin.Http.GetFromJsonAsync<ReportDocument>($"/api/o/mosaique/reports/panorama/{lastYear}?lang=fr");
        var childProtection = await admin.Http.GetFromJsonAsync<ReportDocument>($"/api/o/arc-en-ciel/reports/panorama/{lastYear}?lang=fr");

        var hours = homeCare!.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == "T1").Rows!.Single(r => r.Total);
        Assert.All(hours.Values, year => Assert.True(year.Value > 0, $"hours in every year of the table: {year.Text}"));
        var files = childProtection!.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == "files").Rows!;
        Assert.True(files[2].Values[0].Value > 0, "files worked last year");
        Assert.All(homeCare.Sections.Concat(childProtection.Sections).SelectMany(s => s.Blocks), b => Assert.Null(b.Warnings is { Count: > 0 } w ? w : null));
    }

    [Fact]
    public async Task DemoNetwork_InDevelopment_FillsAnEmptyDatabaseThatTheDemoAccountsCanSearch()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = DemoApp(database, "Development");

        var organisations = await CountsByOrganisationAsync(factory);

        Assert.Equal(["abri-solidaire", "aidants-relais", "arc-en-ciel", "bientraitance", "mosaique"], organisations.Keys.Order());
        Assert.True(organisations.Values.Sum(o => o.People) >= 300, "hundreds of people");
        Assert.All(organisations.Values, o => Assert.True(o.People > 0 && o.CaseFiles > 0 && o.Staff > 0));

        foreach (var (email, _) in DemoNetwork.Accounts)
        {
            using var client = Client(factory);
            await client.SignInAsync(email, DemoNetwork.Password);
        }
        using var coordinator = Client(factory);
        await coordinator.SignInAsync("coordinatrice@demo.suivi.test", DemoNetwork.Password);
        var (response, page) = await coordinator.GetPageAsync("/o/arc-en-ciel/people?q=goncalves");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = page.QuerySelectorAll("tbody th a").Select(a => a.TextContent).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.StartsWith("Gonçalves, ", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DemoNetwork_InProduction_StopsTheStartBeforeAnyDemoAccountExists()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = DemoApp(database, "Production");

        var failure = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("Suivi:DemoData is on in a Production environment", failure.ToString(), StringComparison.Ordinal);
        await using var db = OpenDirectly(database);
        Assert.False(await db.Users.AnyAsync());
    }

    private static WebApplicationFactory<Program> DemoApp(TestDatabase database, string environment) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting(TestDatabase.ConnectionStringKey, database.ConnectionString);
            // Production does not migrate PostgreSQL by default; the start must fail for the demo data, not for the schema.
            web.UseSetting("Suivi:MigrateOnStart", "true");
            web.UseSetting("Suivi:DemoData", "true");
        });

    /// <summary>The database without the app around it (the app did not start).</summary>
    private static SuiviDbContext OpenDirectly(TestDatabase database) => TestDatabase.IsPostgres
        ? new PostgresSuiviDbContext(new DbContextOptionsBuilder<PostgresSuiviDbContext>().UseNpgsql(database.ConnectionString).Options, new CurrentOrganisation())
        : new SqliteSuiviDbContext(new DbContextOptionsBuilder<SqliteSuiviDbContext>().UseSqlite(database.ConnectionString).Options, new CurrentOrganisation());

    private static TestClient Client(WebApplicationFactory<Program> factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    private sealed record Figures(int People, int CaseFiles, int Staff);

    private static async Task<Dictionary<string, Figures>> CountsByOrganisationAsync(WebApplicationFactory<Program> factory)
    {
        List<(Guid Id, string Slug, string Name)> organisations;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            organisations = (await scope.ServiceProvider.GetRequiredService<SuiviDbContext>().Organisations
                .Select(o => new { o.Id, o.Slug, o.Name }).ToListAsync())
                .Select(o => (o.Id, o.Slug, o.Name)).ToList();
        }
        var counts = new Dictionary<string, Figures>();
        foreach (var (id, slug, name) in organisations)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(id, slug, name, null);
            var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
            counts[slug] = new Figures(await db.Beneficiaries.CountAsync(), await db.CaseFiles.CountAsync(), await db.Staff.CountAsync());
        }
        return counts;
    }
}
