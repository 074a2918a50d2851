using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Partners;

public sealed class PartnersApiTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Partners = "/api/o/alpha/partners";

    [Theory]
    [InlineData("PARTENAIRE alpha")]
    [InlineData("sante MENTALE")]
    public async Task List_WithSearch_FindsNameAndThemeWhateverTheAccentsAndCase(string query)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var list = await client.Http.GetFromJsonAsync<JsonElement>($"{Partners}?q={Uri.EscapeDataString(query)}");

        Assert.Contains("Partenaire alpha", Names(list));
        Assert.DoesNotContain("Partenaire beta", Names(list));
    }

    [Fact]
    public async Task List_ByRegion_LeavesOutOtherRegions()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var centre = await client.Http.GetFromJsonAsync<JsonElement>($"{Partners}?region=Centre");
        var ouest = await client.Http.GetFromJsonAsync<JsonElement>($"{Partners}?region=Ouest");

        Assert.Contains("Partenaire alpha", Names(centre));
        Assert.DoesNotContain("Partenaire alpha", Names(ouest));
    }

    [Fact]
    public async Task Get_GivesThePartnerWithItsServicesAndVersion()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var partner = await client.Http.GetFromJsonAsync<JsonElement>($"{Partners}/{app.World.Alpha.Partner.Id}");

        Assert.Equal("Partenaire alpha", partner.GetProperty("name").GetString());
        Assert.Equal("Centre", partner.GetProperty("region").GetString());
        Assert.Equal(["fr", "de"], partner.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("Consultation pédopsychiatrique", Assert.Single(partner.GetProperty("services").EnumerateArray()).GetProperty("name").GetString());
        Assert.True(partner.TryGetProperty("version", out _));
    }

    [Fact]
    public async Task Post_WithValidPartner_Answers201WithItsLocation()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.Http.PostAsJsonAsync(Partners,
            new { name = "Foyer d'accueil", theme = "hébergement", region = "Sud", languages = new[] { "FR", "pt" }, website = "https://foyer.example.lu" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches($"^{Partners}/[0-9a-f-]{{36}}$", location);
        var partner = await client.Http.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal(["fr", "pt"], partner.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
    }

    public static TheoryData<string, string> InvalidPartners => new()
    {
        { """{"theme":"sans nom"}""", "name" },
        { """{"name":"Invalid e-mail","email":"contact.example.lu"}""", "email" },
        { """{"name":"Invalid website","website":"javascript:alert(1)"}""", "website" },
        { """{"name":"Invalid languages","languages":["français"]}""", "languages" },
    };

    [Theory]
    [MemberData(nameof(InvalidPartners))]
    public async Task Post_WithAnInvalidField_Answers400NamingTheFieldAndSavesNothing(string json, string field)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var before = await CountPartnersAsync();

        var response = await client.Http.PostAsync(Partners, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"an error for {field}");
        Assert.Equal(before, await CountPartnersAsync());
    }

    [Fact]
    public async Task Put_WithStaleVersion_Answers409AndKeepsTheOtherChange()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var created = await client.Http.PostAsJsonAsync(Partners, new { name = "Maison des jeunes" });
        var location = created.Headers.Location!.OriginalString;

        var first = await client.Http.PutAsJsonAsync(location, new { name = "Maison des jeunes", phone = "+352 99 00 00", version = 0 });
        var second = await client.Http.PutAsJsonAsync(location, new { name = "Maison des jeunes (Esch)", version = 0 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await Problems.ReadAsync(second, HttpStatusCode.Conflict);
        var stored = await client.Http.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal("Maison des jeunes", stored.GetProperty("name").GetString());
        Assert.Equal("+352 99 00 00", stored.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task Put_WithoutVersion_Answers400()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var created = await client.Http.PostAsJsonAsync(Partners, new { name = "Club senior" });

        var response = await client.Http.PutAsJsonAsync(created.Headers.Location!.OriginalString, new { name = "Club senior Nord" });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("version", out _));
    }

    [Fact]
    public async Task PostService_AddsItToThePartner()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var created = await client.Http.PostAsJsonAsync(Partners, new { name = "Centre de santé mentale" });
        var location = created.Headers.Location!.OriginalString;

        var response = await client.Http.PostAsJsonAsync($"{location}/services",
            new { name = "Groupe de parole", theme = "deuil", email = "groupe@csm.example", languages = new[] { "lb" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var partner = await client.Http.GetFromJsonAsync<JsonElement>(location);
        var service = Assert.Single(partner.GetProperty("services").EnumerateArray());
        Assert.Equal("Groupe de parole", service.GetProperty("name").GetString());
        Assert.Equal("deuil", service.GetProperty("theme").GetString());
    }

    [Fact]
    public async Task PostService_WithAnInvalidEmail_Answers400AndSavesNothing()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var partner = app.World.Alpha.Partner;

        var response = await client.Http.PostAsJsonAsync($"{Partners}/{partner.Id}/services", new { name = "Permanence", email = "permanence" });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(0, await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.PartnerServices.CountAsync(s => s.Name == "Permanence")));
    }

    [Fact]
    public async Task OtherOrganisationsPartner_Answers404()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var beta = app.World.Beta.Partner;

        var get = await client.GetAsync($"{Partners}/{beta.Id}");
        var put = await client.Http.PutAsJsonAsync($"{Partners}/{beta.Id}", new { name = "Taken over", version = 0 });
        var service = await client.Http.PostAsJsonAsync($"{Partners}/{beta.Id}/services", new { name = "Taken over" });

        await Problems.ReadAsync(get, HttpStatusCode.NotFound);
        await Problems.ReadAsync(put, HttpStatusCode.NotFound);
        await Problems.ReadAsync(service, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Statistician_ReadsTheDirectory_ButCannotWrite()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.StatisticianEmail);
        var before = await CountPartnersAsync();

        var list = await client.GetAsync(Partners);
        var one = await client.GetAsync($"{Partners}/{app.World.Alpha.Partner.Id}");
        var post = await client.Http.PostAsJsonAsync(Partners, new { name = "Statistician-made" });
        var put = await client.Http.PutAsJsonAsync($"{Partners}/{app.World.Alpha.Partner.Id}", new { name = "Statistician-made", version = 0 });
        var service = await client.Http.PostAsJsonAsync($"{Partners}/{app.World.Alpha.Partner.Id}/services", new { name = "Statistician-made" });

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, service.StatusCode);
        Assert.Equal(before, await CountPartnersAsync());
        Assert.Equal("Partenaire alpha", (await app.InOrganisationAsync(app.World.Alpha.Organisation.Id,
            db => db.Partners.SingleAsync(p => p.Id == app.World.Alpha.Partner.Id))).Name);
    }

    private static List<string> Names(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();

    private Task<int> CountPartnersAsync() =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Partners.CountAsync());
}
