using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Data;

public sealed class RestartTests
{
    [Fact]
    public async Task SignedInPerson_StaysSignedIn_WhenTheAppRestarts()
    {
        // The cookie keys live in the database, so a restart (or a second instance) reads the same cookie.
        await using var database = await TestDatabase.CreateAsync();
        string cookie;
        await using (var first = App(database))
        {
            var world = await TestWorld.CreateAsync(first.Services);
            using var client = new TestClient(first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
            var signIn = await client.PostFormAsync("/sign-in", "/sign-in",
                new() { ["Input.Email"] = world.Alpha.CoordinatorEmail, ["Input.Password"] = TestWorld.Password });
            cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        }

        await using var second = App(database);
        using var http = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/o/alpha/people");
        request.Headers.Add("Cookie", cookie);
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Gonçalves", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = second.Services.CreateAsyncScope();
        Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<SuiviDbContext>().DataProtectionKeys.ToListAsync());
    }

    private static WebApplicationFactory<Program> App(TestDatabase database) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(TestDatabase.ConnectionStringKey, database.ConnectionString);
            web.UseSetting("Suivi:MigrateOnStart", "true");
        });
}
