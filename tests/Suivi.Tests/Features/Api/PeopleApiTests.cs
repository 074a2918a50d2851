using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Api;

public sealed class PeopleApiTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string People = "/api/o/alpha/people";

    [Fact]
    public async Task List_GivesThePeopleOfTheOrganisationOnly()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var response = await client.GetAsync(People);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await JsonAsync(response);
        var names = Names(list);
        Assert.Contains("Ana Gonçalves", names);
        Assert.Contains("Inês Gonçalves", names);
        Assert.DoesNotContain(names, name => name.Contains("Müller", StringComparison.Ordinal));
        Assert.Equal(names.Count, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("goncalves")]
    [InlineData("GONÇALVES ana")]
    public async Task List_WithSearch_FindsNamesWhateverTheAccentsAndCase(string query)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var list = await JsonAsync(await client.GetAsync($"{People}?q={Uri.EscapeDataString(query)}"));

        Assert.Contains("Ana Gonçalves", Names(list));
        Assert.All(Names(list), name => Assert.EndsWith("Gonçalves", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_GivesThePersonWithItsVersion()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var response = await client.GetAsync($"{People}/{app.World.Alpha.Child.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var person = await JsonAsync(response);
        Assert.Equal("Ana", person.GetProperty("firstName").GetString());
        Assert.Equal("2015-03-14", person.GetProperty("birthDate").GetString());
        Assert.Equal("1, rue Secrète", person.GetProperty("address").GetString());
        Assert.Equal(0, person.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Enums_AreNamedInBothDirections()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var response = await client.Http.PostAsJsonAsync(People, new { firstName = "Léo", lastName = "Faber", sex = "Male", region = "Nord" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var person = await JsonAsync(response);
        Assert.Equal("Male", person.GetProperty("sex").GetString());
        Assert.Equal("Nord", person.GetProperty("region").GetString());
    }

    [Fact]
    public async Task Post_WithValidPerson_Answers201WithItsLocation()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.Http.PostAsJsonAsync(People, new { firstName = "Jérôme", lastName = "Steffen", birthDate = "1951-10-02", email = "j.steffen@example.lu" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches($"^{People}/[0-9a-f-]{{36}}$", location);
        var stored = await JsonAsync(await client.GetAsync(location));
        Assert.Equal("Steffen", stored.GetProperty("lastName").GetString());
        Assert.Equal("j.steffen@example.lu", stored.GetProperty("email").GetString());
    }

    public static TheoryData<string, string> InvalidPeople => new()
    {
        { """{ "firstName": "Jérôme" }""", "lastName" },
        { """{ "firstName": "Jérôme", "lastName": "  " }""", "lastName" },
        { """{ "firstName": "Jérôme", "lastName": "Steffen", "email": "j.steffen.example.lu" }""", "email" },
        { $$"""{ "firstName": "Jérôme", "lastName": "Steffen", "birthDate": "{{DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(2):yyyy-MM-dd}}" }""", "birthDate" },
    };

    [Theory]
    [MemberData(nameof(InvalidPeople))]
    public async Task Post_WithInvalidPerson_Answers400NamingTheFieldAndSavesNothing(string body, string field)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var before = await CountPeopleAsync();

        var response = await client.Http.PostAsync(People, Json(body));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors names {field}");
        Assert.Equal(before, await CountPeopleAsync());
    }

    [Fact]
    public async Task Put_WithCurrentVersion_SavesAndGivesTheNextVersion()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var (location, version) = await CreateAsync(client, "Lucie", "Wagner");

        var response = await client.Http.PutAsJsonAsync(location, new { firstName = "Lucie", lastName = "Wagner-Thill", version });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await JsonAsync(response);
        Assert.Equal("Wagner-Thill", saved.GetProperty("lastName").GetString());
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Put_WithStaleVersion_Answers409AndKeepsTheOtherChange()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var (location, version) = await CreateAsync(client, "Paul", "Bastos");
        await client.Http.PutAsJsonAsync(location, new { firstName = "Paul", lastName = "Bastos", phone = "+352 691 222 333", version });

        var response = await client.Http.PutAsJsonAsync(location, new { firstName = "Paul", lastName = "Bastos", address = "5, rue Haute", version });

        await Problems.ReadAsync(response, HttpStatusCode.Conflict);
        var stored = await JsonAsync(await client.GetAsync(location));
        Assert.Equal("+352 691 222 333", stored.GetProperty("phone").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("address").ValueKind);
        Assert.Equal(version + 1, stored.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Put_WithoutVersion_Answers400NamingVersionAndChangesNothing()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var (location, _) = await CreateAsync(client, "Rui", "Moreira");

        var response = await client.Http.PutAsJsonAsync(location, new { firstName = "Rui", lastName = "Moreira-Lopes" });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("version", out _));
        var stored = await JsonAsync(await client.GetAsync(location));
        Assert.Equal("Moreira", stored.GetProperty("lastName").GetString());
    }

    [Fact]
    public async Task UnknownPerson_Answers404ProblemDetails()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var unknown = $"{People}/{Guid.NewGuid()}";

        var read = await client.GetAsync(unknown);
        var write = await client.Http.PutAsJsonAsync(unknown, new { firstName = "Rui", lastName = "Moreira", version = 0 });

        await Problems.ReadAsync(read, HttpStatusCode.NotFound);
        await Problems.ReadAsync(write, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherOrganisationsPerson_Answers404AsIfItDidNotExist()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.GetAsync($"{People}/{app.World.Beta.Child.Id}");

        await Problems.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("POST", """{ "firstName": "Jérôme", "lastName": """)]
    [InlineData("POST", "firstName=Jérôme")]
    [InlineData("POST", """{ "firstName": "Jérôme", "lastName": "Steffen", "birthDate": "2 October 1951" }""")]
    [InlineData("PUT", """{ "firstName": "Ana", "version": "zero" }""")]
    public async Task MalformedBody_Answers400ProblemDetails(string method, string body)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var url = method == "PUT" ? $"{People}/{app.World.Alpha.Child.Id}" : People;
        var before = await CountPeopleAsync();

        var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json(body) });

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountPeopleAsync());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    private static List<string> Names(JsonElement list) =>
        list.GetProperty("items").EnumerateArray()
            .Select(p => $"{p.GetProperty("firstName").GetString()} {p.GetProperty("lastName").GetString()}")
            .ToList();

    private static async Task<(string Location, long Version)> CreateAsync(TestClient client, string firstName, string lastName)
    {
        var response = await client.Http.PostAsJsonAsync(People, new { firstName, lastName });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await JsonAsync(response);
        return (response.Headers.Location!.OriginalString, created.GetProperty("version").GetInt64());
    }

    private Task<int> CountPeopleAsync() =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Beneficiaries.CountAsync());
}
