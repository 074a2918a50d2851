using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Security;

namespace Suivi.Tests.Infrastructure;

/// <summary>
/// The real application (full pipeline, real database) with the test world in it: two organisations,
/// "alpha" and "beta", their people, staff, case files and members of every role. One per test class.
/// </summary>
public sealed class SuiviApp : IAsyncLifetime
{
    private TestDatabase? _database;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public TestWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Factory = FactoryFor(_database);
        World = await TestWorld.CreateAsync(Factory.Services);
    }

    /// <summary>The application on a database of its own, migrated, without the demo data.</summary>
    public static WebApplicationFactory<Program> FactoryFor(TestDatabase database) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(TestDatabase.ConnectionStringKey, database.ConnectionString);
            web.UseSetting("Suivi:MigrateOnStart", "true");
            web.UseSetting("Suivi:DemoData", "false");
            // As in Development: a scoped service taken from the root provider fails here, not only in the browser tests.
            web.UseDefaultServiceProvider(options => options.ValidateScopes = true);
            // PDF printing: Debian's Chromium, which the test command installs (or the one SUIVI_CHROMIUM names).
            if (Environment.GetEnvironmentVariable("SUIVI_CHROMIUM") is { Length: > 0 } chromium)
            {
                web.UseSetting("Suivi:Chromium", chromium);
            }
        });

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects, so tests see every status code.</summary>
    public TestClient Client() => new(Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<TestClient> SignedInAsync(string email)
    {
        var client = Client();
        await client.SignInAsync(email, TestWorld.Password);
        return client;
    }

    /// <summary>Runs work inside one organisation, as background code would.</summary>
    public async Task<T> InOrganisationAsync<T>(Guid organisationId, Func<SuiviDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var organisation = World.Organisations.Single(o => o.Id == organisationId);
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(organisation.Id, organisation.Slug, organisation.Name, null);
        return await work(scope.ServiceProvider.GetRequiredService<SuiviDbContext>());
    }
}
