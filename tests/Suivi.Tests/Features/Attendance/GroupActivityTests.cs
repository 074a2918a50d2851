using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;
using static Suivi.Tests.Features.Attendance.AttendanceRecords;

namespace Suivi.Tests.Features.Attendance;

public sealed class GroupActivityTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string NewPage = "/o/alpha/group-activities/new";

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    private Dictionary<string, string> NewActivity(Guid serviceId, string title, DateOnly on, string kind = "EXCURSION") => new()
    {
        ["Input.ServiceId"] = serviceId.ToString(),
        ["Input.KindId"] = Alpha.Item(ListKind.GroupActivityKind, kind).Id.ToString(),
        ["Input.Title"] = title,
        ["Input.OnDate"] = Iso(on),
        ["Input.EndDate"] = "",
        ["Input.SiteId"] = Alpha.Site.Id.ToString(),
        ["Input.UnnamedParticipants"] = "4",
        ["Input.Version"] = "0",
    };

    [Fact]
    public async Task NewActivity_IsRecorded_AndOpensItsPage()
    {
        var club = await app.AddServiceAsync(ServiceKind.SeniorClub, "Club des aînés");
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var response = await client.PostFormAsync(NewPage, NewPage, NewActivity(club.Id, "Sortie au musée", Today.AddDays(-2)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("^/o/alpha/group-activities/[0-9a-f-]{36}$", response.Headers.Location!.OriginalString);
        var (_, page) = await client.GetPageAsync(response.Headers.Location.OriginalString);
        Assert.Equal("Sortie au musée", page.QuerySelector("main h1")!.TextContent.Trim());
        var stored = await app.InAlphaAsync(db => db.GroupActivities.SingleAsync(a => a.Title == "Sortie au musée"));
        Assert.Equal((club.Id, 4, (Guid?)Alpha.Site.Id), (stored.ServiceId, stored.UnnamedParticipants, stored.SiteId));
    }

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { "Input.Title", "", "This field is required." },
        { "Input.KindId", "", "Choose the kind of activity." },
        { "Input.UnnamedParticipants", "-1", "Give a number of participants between 0 and 10 000." },
        { "Input.EndDate", "2001-01-01", "An activity ends on or after the day it starts." },
        { "Input.OnDate", Iso(Today.AddDays(10)), "An activity is recorded once it has taken place: the date lies in the future." },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task NewActivity_WithAnInvalidField_ShowsTheMessageNextToIt_AndSavesNothing(string field, string value, string message)
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.InAlphaAsync(db => db.GroupActivities.CountAsync());
        var typed = NewActivity(Alpha.Activities.DayCentre.Id, "Cinéma", Today.AddDays(-1));
        typed[field] = value;

        var response = await client.PostFormAsync(NewPage, NewPage, typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(new Dictionary<string, string> { [field] = app.Shown(message) }, FieldMessages(page));
        Assert.Equal("true", page.QuerySelector($"[name='{field}']")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await app.InAlphaAsync(db => db.GroupActivities.CountAsync()));
    }

    [Fact]
    public async Task Participants_AreAddedFromASearch_AndRemoved()
    {
        var activity = await app.AddActivityAsync(Alpha.Activities.DayCentre.Id, "Atelier peinture", Today.AddDays(-1), 2);
        var person = await app.AddPersonAsync("Louise", "Pinceau");
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var page = $"/o/alpha/group-activities/{activity.Id}";

        var (_, found) = await client.GetPageAsync($"{page}?find=pinceau");
        var added = await client.PostFormAsync($"{page}?handler=Add", page, new() { ["personId"] = person.Id.ToString() });
        var twice = await client.PostFormAsync($"{page}?handler=Add", page, new() { ["personId"] = person.Id.ToString() });
        var participants = await app.ParticipantsOfAsync(activity.Id);
        var (_, shown) = await client.GetPageAsync(page);
        var removed = await client.PostFormAsync($"{page}?handler=Remove", page, new() { ["personId"] = person.Id.ToString() });

        Assert.Equal(person.Id.ToString(), Assert.Single(found.QuerySelectorAll("form.candidate input[name=personId]")).GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        Assert.Equal([person.Id], participants);
        Assert.Contains("Louise Pinceau", shown.QuerySelector("main ul.relatives")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await app.ParticipantsOfAsync(activity.Id));
    }

    [Fact]
    public async Task AParticipantOfAnotherOrganisation_IsNotFound_AndNotAdded()
    {
        var activity = await app.AddActivityAsync(Alpha.Activities.DayCentre.Id, "Fête d'été", Today.AddDays(-1), 0);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var page = $"/o/alpha/group-activities/{activity.Id}";

        var response = await client.PostFormAsync($"{page}?handler=Add", page, new() { ["personId"] = app.World.Beta.Mother.Id.ToString() });
        var api = await client.Http.PostAsJsonAsync($"/api/o/alpha/group-activities/{activity.Id}/participants",
            new { personId = app.World.Beta.Mother.Id });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await Problems.ReadAsync(api, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("personId", out _));
        Assert.Empty(await app.ParticipantsOfAsync(activity.Id));
    }

    [Fact]
    public async Task List_CountsActivitiesParticipationsAndDistinctParticipants()
    {
        // 2018 is this test's own year.
        var club = await app.AddServiceAsync(ServiceKind.SeniorClub, "Club du jeudi");
        var regular = await app.AddPersonAsync("Marcel", "Jeudi");
        var once = await app.AddPersonAsync("Nina", "Jeudi");
        await app.AddActivityAsync(club.Id, "Jeudi 1", new DateOnly(2018, 3, 1), 3, regular.Id, once.Id);
        await app.AddActivityAsync(club.Id, "Jeudi 2", new DateOnly(2018, 3, 8), 0, regular.Id);
        await app.AddActivityAsync(club.Id, "Jeudi 3", new DateOnly(2019, 1, 3), 5, regular.Id);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var (_, page) = await client.GetPageAsync($"/o/alpha/group-activities?service={club.Id}&from=2018-01-01&to=2018-12-31");
        var api = await client.Http.GetFromJsonAsync<JsonElement>($"/api/o/alpha/group-activities?service={club.Id}&from=2018-01-01&to=2018-12-31");

        Assert.Equal(["2", "6", "2"], page.QuerySelectorAll(".figures dd").Select(dd => dd.TextContent.Trim()));
        Assert.Equal((2, 6, 2), (api.GetProperty("activities").GetInt32(), api.GetProperty("participations").GetInt32(),
            api.GetProperty("distinctParticipants").GetInt32()));
        Assert.Equal(["Jeudi 2", "Jeudi 1"], api.GetProperty("page").GetProperty("items").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Api_CreatesAnActivityWithParticipants_ChangesIt_AndRemovesAParticipant()
    {
        var first = await app.AddPersonAsync("Olivier", "Excursion");
        var second = await app.AddPersonAsync("Pauline", "Excursion");
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var created = await client.Http.PostAsJsonAsync("/api/o/alpha/group-activities", new
        {
            serviceId = Alpha.Activities.DayCentre.Id,
            kindId = Alpha.Item(ListKind.GroupActivityKind, "STAY").Id,
            title = "Séjour à la mer",
            onDate = Iso(Today.AddDays(-5)),
            endDate = Iso(Today.AddDays(-1)),
            unnamedParticipants = 1,
            participantIds = new[] { first.Id, second.Id },
        });
        var activity = await created.Content.ReadFromJsonAsync<JsonElement>();
        var url = created.Headers.Location!.OriginalString;
        var changed = await client.Http.PutAsJsonAsync(url, new
        {
            kindId = Alpha.Item(ListKind.GroupActivityKind, "STAY").Id,
            title = "Séjour à la mer du Nord",
            onDate = Iso(Today.AddDays(-5)),
            endDate = Iso(Today.AddDays(-1)),
            unnamedParticipants = 2,
            version = activity.GetProperty("version").GetInt64(),
        });
        var removed = await client.Http.DeleteAsync($"{url}/participants?person={first.Id}");
        var read = await client.Http.GetFromJsonAsync<JsonElement>(url);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(3, activity.GetProperty("participantCount").GetInt32());
        Assert.Equal("STAY", activity.GetProperty("kindCode").GetString());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("Séjour à la mer du Nord", read.GetProperty("title").GetString());
        Assert.Equal([second.Id], read.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("personId").GetGuid()));
        Assert.Equal(3, read.GetProperty("participantCount").GetInt32());
    }

    [Fact]
    public async Task Api_AKindOfAnotherListOrOrganisation_IsRefused()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var wrongList = await client.Http.PostAsJsonAsync("/api/o/alpha/group-activities", new
        {
            serviceId = Alpha.Activities.DayCentre.Id,
            kindId = Alpha.Item(ListKind.Channel, "PHONE").Id,
            title = "Wrong list",
            onDate = Iso(Today),
        });
        var otherOrganisation = await client.Http.PostAsJsonAsync("/api/o/alpha/group-activities", new
        {
            serviceId = Alpha.Activities.DayCentre.Id,
            kindId = app.World.Beta.Item(ListKind.GroupActivityKind, "PARTY").Id,
            title = "Other organisation",
            onDate = Iso(Today),
        });

        Assert.True((await Problems.ReadAsync(wrongList, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("kindId", out _));
        Assert.True((await Problems.ReadAsync(otherOrganisation, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("kindId", out _));
    }

    [Fact]
    public async Task AnActivityOfAnotherOrganisation_IsNotFound()
    {
        var other = app.World.Beta.Activities.GroupActivity.Id;
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var page = await client.GetAsync($"/o/alpha/group-activities/{other}");
        var remove = await client.PostFormAsync($"/o/alpha/group-activities/{other}?handler=Remove", NewPage,
            new() { ["personId"] = app.World.Beta.Mother.Id.ToString() });
        var api = await client.GetAsync($"/api/o/alpha/group-activities/{other}");
        var apiRemove = await client.Http.DeleteAsync($"/api/o/alpha/group-activities/{other}/participants?person={app.World.Beta.Mother.Id}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        await Problems.ReadAsync(api, HttpStatusCode.NotFound);
        await Problems.ReadAsync(apiRemove, HttpStatusCode.NotFound);
        Assert.Single(await app.InOrganisationAsync(app.World.Beta.Organisation.Id,
            db => db.GroupActivityParticipants.Where(p => p.ActivityId == other).ToListAsync()));
    }
}
