using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Localization;

public sealed class LanguageTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public async Task SignInPage_IsInFrenchByDefault()
    {
        using var client = app.Client();

        var (_, page) = await client.GetPageAsync("/sign-in");

        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Connexion à Suivi", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("Se connecter", page.QuerySelector("main button[type=submit]")!.TextContent.Trim());
    }

    [Fact]
    public async Task SignedInPages_AreInFrenchForSomeoneWhoNeverChose()
    {
        using var client = await app.SignedInAsync(app.World.Beta.WorkerEmail);

        var (_, page) = await client.GetPageAsync("/o/beta/people");

        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Personnes", page.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task ChoosingGerman_SwitchesThePagesAndIsRememberedOnTheAccount()
    {
        var email = app.World.Alpha.CoordinatorEmail;
        using (var client = await app.SignedInAsync(email))
        {
            var chosen = await ChooseAsync(client, "de");

            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
            var (_, page) = await client.GetPageAsync("/o/alpha/people");
            Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
            Assert.Equal("Betreute Personen", page.QuerySelector("main h1")!.TextContent.Trim());
        }

        using var elsewhere = await app.SignedInAsync(email);
        var (_, later) = await elsewhere.GetPageAsync("/o/alpha/people");

        Assert.Equal("de", later.DocumentElement.GetAttribute("lang"));
        Assert.Equal("de", await PreferredLanguageAsync(email));
    }

    [Fact]
    public async Task ChoosingEnglish_ShowsTheEnglishTexts()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        await ChooseAsync(client, "en");
        var (_, page) = await client.GetPageAsync("/o/alpha/people");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("People", page.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task ChoosingALanguageBeforeSigningIn_ShowsTheSignInPageInIt()
    {
        using var client = app.Client();

        await ChooseAsync(client, "de", "/sign-in");
        var (_, page) = await client.GetPageAsync("/sign-in");

        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Bei Suivi anmelden", page.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("fr", "Date de naissance", "14 mars 2015", "14/03/2015")]
    [InlineData("de", "Geburtsdatum", "14. März 2015", "14.03.2015")]
    [InlineData("en", "Birth date", "14 March 2015", "14/03/2015")]
    public async Task Dates_AreWrittenTheWayTheReadersCultureWritesThem(string language, string label, string longDate, string shortDate)
    {
        var alpha = app.World.Alpha;
        using var client = await app.SignedInAsync(alpha.WorkerEmail);
        await ChooseAsync(client, language);

        var (_, person) = await client.GetPageAsync($"/o/alpha/people/{alpha.Child.Id}");
        var (_, people) = await client.GetPageAsync("/o/alpha/people?q=ana");

        var birth = person.QuerySelectorAll("dl.details > div").Single(d => d.QuerySelector("dt")!.TextContent.Trim() == label);
        Assert.Contains(longDate, birth.QuerySelector("dd")!.TextContent, StringComparison.Ordinal);
        var row = people.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Gonçalves, Ana");
        Assert.Equal(shortDate, row.QuerySelectorAll("td")[0].TextContent.Trim());
    }

    [Theory]
    [InlineData("fr", "Ouvert", "Mère", "Psychologue")]
    [InlineData("de", "Offen", "Mutter", "Psycholog*in")]
    [InlineData("en", "Open", "Mother", "Psychologist")]
    public async Task StatusRoleAndProfession_AreShownInTheReadersLanguage(string language, string status, string motherRole, string profession)
    {
        var alpha = app.World.Alpha;
        using var client = await app.SignedInAsync(alpha.WorkerEmail);
        await ChooseAsync(client, language);

        var (_, page) = await client.GetPageAsync($"/o/alpha/case-files/{alpha.CaseFile.Id}");

        Assert.Equal(status, page.QuerySelector("main .heading .status")!.TextContent.Trim());
        var mother = page.QuerySelectorAll("main table tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Inês Gonçalves");
        Assert.Equal(motherRole, mother.QuerySelectorAll("td")[0].TextContent.Trim());
        Assert.Contains(profession, page.QuerySelector("main ul")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Uses the language choice every page's header offers.</summary>
    private static Task<HttpResponseMessage> ChooseAsync(TestClient client, string language, string page = "/o/alpha") =>
        client.PostFormAsync("/language", page, new() { ["language"] = language, ["returnUrl"] = page });

    private async Task<string> PreferredLanguageAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(email))!.PreferredLanguage;
    }
}
