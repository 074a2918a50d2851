using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Features.Settings;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Settings;

public sealed class SettingsApiTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Lists = "/api/o/alpha/lists";
    private const string Typologies = "/api/o/alpha/typologies";

    [Fact]
    public async Task Lists_OfOneKind_GiveTheActiveEntriesInOrderWithTheirLabels()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.StatisticianEmail);

        var response = await client.GetAsync($"{Lists}?kind=Channel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await JsonAsync(response)).EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal("Channel", i.GetProperty("list").GetString()));
        Assert.Equal(["PHONE", "EMAIL", "VISIT", "LETTER"], items.Select(i => i.GetProperty("code").GetString()).Take(4));
        var phone = items[0].GetProperty("label");
        Assert.Equal("Téléphone", phone.GetProperty("fr").GetString());
        Assert.Equal("Telefon", phone.GetProperty("de").GetString());
        Assert.Equal("Phone", phone.GetProperty("en").GetString());
    }

    [Fact]
    public async Task Lists_WithoutKind_GiveEveryList()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var items = (await JsonAsync(await client.GetAsync(Lists))).EnumerateArray().ToList();

        Assert.Equal(Enum.GetNames<ListKind>().Order(), items.Select(i => i.GetProperty("list").GetString()!).Distinct().Order());
        Assert.Equal("Number", items.Single(i => i.GetProperty("code").GetString() == "PREGNANCY").GetProperty("flagValue").GetString());
    }

    [Fact]
    public async Task Create_AddsTheEntry_AndRetirement_HidesItUnlessRetiredOnesAreAsked()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var created = await client.Http.PostAsJsonAsync(Lists,
            new { list = "RefusalReason", code = "WAITING-LIST", labelFr = "Liste d'attente trop longue", labelEn = "Waiting list too long" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.Matches($"^{Lists}/[0-9a-f-]{{36}}$", location);
        var entry = await JsonAsync(created);
        Assert.Equal("Liste d'attente trop longue", entry.GetProperty("label").GetProperty("fr").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("retiredOn").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(location)).StatusCode);

        var retired = await client.Http.PostAsync($"{location}/retirement", null);

        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await JsonAsync(retired)).GetProperty("retiredOn").ValueKind);
        var active = await CodesAsync(client, $"{Lists}?kind=RefusalReason");
        var all = await CodesAsync(client, $"{Lists}?kind=RefusalReason&includeRetired=true");
        Assert.DoesNotContain("WAITING-LIST", active);
        Assert.Contains("WAITING-LIST", all);
        var offered = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db =>
            db.ListItems.ActiveAsync(ListKind.RefusalReason, null, CancellationToken.None));
        Assert.DoesNotContain("WAITING-LIST", offered.Select(i => i.Code));
    }

    public static TheoryData<string, string> InvalidEntries => new()
    {
        { """{ "code": "X", "labelFr": "X" }""", "list" },
        { """{ "list": "Channel", "code": "phone", "labelFr": "Téléphone fixe" }""", "code" },
        { """{ "list": "Channel", "code": "a b", "labelFr": "X" }""", "code" },
        { """{ "list": "Channel", "code": "FAX" }""", "labelFr" },
        { """{ "list": "Channel", "code": "FAX", "labelFr": "Fax", "position": -1 }""", "position" },
        { $$"""{ "list": "Channel", "code": "FAX", "labelFr": "Fax", "serviceId": "{{Guid.NewGuid()}}" }""", "serviceId" },
    };

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public async Task Create_WithInvalidEntry_Answers400NamingTheFieldAndSavesNothing(string body, string field)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var before = await CountEntriesAsync();

        var response = await client.Http.PostAsync(Lists, Json(body));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors names {field}");
        Assert.Equal(before, await CountEntriesAsync());
    }

    [Theory]
    [InlineData("""{ "list": "Carrier pigeon", "code": "X", "labelFr": "X" }""")]
    [InlineData("""{ "list": "Channel", "code": """)]
    public async Task Create_WithMalformedBody_Answers400ProblemDetails(string body)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var before = await CountEntriesAsync();

        var response = await client.Http.PostAsync(Lists, Json(body));

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountEntriesAsync());
    }

    [Fact]
    public async Task Lists_WithAnUnknownKind_Answer400ProblemDetails()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var response = await client.GetAsync($"{Lists}?kind=Pigeon");

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Writes_AreForAdministratorsOnly()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        var before = await CountEntriesAsync();
        var phone = app.World.Alpha.Item(ListKind.Channel, "PHONE");

        var create = await client.Http.PostAsJsonAsync(Lists, new { list = "Channel", code = "FAX", labelFr = "Fax" });
        var retire = await client.Http.PostAsync($"{Lists}/{phone.Id}/retirement", null);

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retire.StatusCode);
        Assert.Equal(before, await CountEntriesAsync());
        var stored = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.ListItems.SingleAsync(i => i.Id == phone.Id));
        Assert.True(stored.IsActive);
    }

    [Fact]
    public async Task UnknownOrForeignEntry_Answers404ProblemDetails()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        await Problems.ReadAsync(await client.GetAsync($"{Lists}/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await client.Http.PostAsync($"{Lists}/{app.World.Beta.Item(ListKind.Channel, "PHONE").Id}/retirement", null),
            HttpStatusCode.NotFound);
        await Problems.ReadAsync(await client.GetAsync($"{Typologies}/{app.World.Beta.Scheme(ReadyMade.MainMotiveScheme).Id}"),
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Typologies_GiveTheReadyMadeSchemes_AndOneWithItsCategories()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.StatisticianEmail);

        var schemes = (await JsonAsync(await client.GetAsync(Typologies))).EnumerateArray().ToList();
        var maltreatment = schemes.Single(s => s.GetProperty("code").GetString() == ReadyMade.MaltreatmentScheme);
        var response = await client.GetAsync($"{Typologies}/{maltreatment.GetProperty("id").GetGuid()}");

        Assert.Contains(schemes, s => s.GetProperty("code").GetString() == ReadyMade.MainMotiveScheme);
        Assert.Equal(24, maltreatment.GetProperty("activeCategories").GetInt32());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scheme = await JsonAsync(response);
        Assert.Equal("Maltreatment typology (M1–M24)", scheme.GetProperty("name").GetProperty("en").GetString());
        var categories = scheme.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 24).Select(n => $"M{n}"), categories.Select(c => c.GetProperty("code").GetString()));
        Assert.All(categories, c => Assert.Equal(1, c.GetProperty("sinceEdition").GetInt32()));
    }

    [Fact]
    public async Task OpenApi_DescribesTheListAndTypologyEndpoints()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await JsonAsync(response)).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/o/{org}/lists", out var lists));
        Assert.True(lists.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/o/{org}/lists/{id}/retirement", out _));
        Assert.True(paths.TryGetProperty("/api/o/{org}/typologies/{id}", out _));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<List<string>> CodesAsync(TestClient client, string url) =>
        (await JsonAsync(await client.GetAsync(url))).EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList();

    private Task<int> CountEntriesAsync() =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.ListItems.CountAsync());
}
