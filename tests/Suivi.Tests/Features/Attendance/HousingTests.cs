using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Suivi.Domain;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;
using static Suivi.Tests.Features.Attendance.AttendanceRecords;

namespace Suivi.Tests.Features.Attendance;

public sealed class HousingTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string OverlapMessage = "This person already has a stay in those days; a person can only live in one residence.";

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static Dictionary<string, string> NewStay(Guid? person, DateOnly? from, DateOnly? to) => new()
    {
        ["Input.PersonId"] = person?.ToString() ?? "",
        ["Input.From"] = from is { } f ? Iso(f) : "",
        ["Input.To"] = to is { } t ? Iso(t) : "",
    };

    [Fact]
    public async Task NewStay_FromTheResidencePage_IsRecorded_AndTheResidentIsListed()
    {
        var residence = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Acacias");
        var person = await app.AddPersonAsync("Agnès", "Acacia");
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var page = $"/o/alpha/housing/{residence.Id}";

        var response = await client.PostFormAsync(page, page, NewStay(person.Id, Today.AddDays(-10), null));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stay = Assert.Single(await app.StaysOfAsync(person.Id));
        Assert.Equal((residence.Id, Today.AddDays(-10), (DateOnly?)null), (stay.ServiceId, stay.From, stay.To));
        var (_, shown) = await client.GetPageAsync(page);
        Assert.Contains("Agnès Acacia", shown.QuerySelector("main ul.relatives")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewStay_OverlappingAStayOfThePersonInAnotherResidence_IsRefusedWithAMessage()
    {
        var first = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Bouleaux");
        var second = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Cèdres");
        var person = await app.AddPersonAsync("Bruno", "Bouleau");
        await app.AddStayAsync(first.Id, person.Id, D(2021, 1, 1), D(2021, 6, 30));
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var page = $"/o/alpha/housing/{second.Id}";

        var response = await client.PostFormAsync(page, page, NewStay(person.Id, D(2021, 6, 30), null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown(OverlapMessage), FieldMessages(shown)["Input.From"]);
        Assert.Equal("true", shown.QuerySelector("[name='Input.From']")!.GetAttribute("aria-invalid"));
        Assert.Single(await app.StaysOfAsync(person.Id));
    }

    [Fact]
    public async Task NewStay_TheDayAfterThePreviousOneEnded_IsAccepted()
    {
        var residence = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Charmes");
        var person = await app.AddPersonAsync("Cécile", "Charme");
        await app.AddStayAsync(residence.Id, person.Id, D(2021, 1, 1), D(2021, 6, 30));
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var page = $"/o/alpha/housing/{residence.Id}";

        var response = await client.PostFormAsync(page, page, NewStay(person.Id, D(2021, 7, 1), null));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, (await app.StaysOfAsync(person.Id)).Count);
    }

    [Fact]
    public async Task NewStay_ForAPersonOfAnotherOrganisation_IsRefused()
    {
        var residence = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Douglas");
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var page = $"/o/alpha/housing/{residence.Id}";

        var response = await client.PostFormAsync(page, page, NewStay(app.World.Beta.Child.Id, Today, null));

        var shown = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("Choose a person recorded in the organisation."), FieldMessages(shown)["Input.PersonId"]);
        Assert.Empty(await app.InAlphaAsync(db => Task.FromResult(db.HousingStays.Where(s => s.ServiceId == residence.Id).ToList())));
    }

    [Fact]
    public async Task EndStay_SetsTheLastNight_AndBeforeTheFirstDayIsRefused()
    {
        var residence = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Frênes");
        var person = await app.AddPersonAsync("Denis", "Frêne");
        var stay = await app.AddStayAsync(residence.Id, person.Id, D(2022, 3, 1), null);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var page = $"/o/alpha/housing-stays/{stay.Id}";

        var refused = await client.PostFormAsync($"{page}?handler=End", page, new() { ["End.On"] = "2022-02-28", ["End.Version"] = "0" });
        var ended = await client.PostFormAsync($"{page}?handler=End", page, new() { ["End.On"] = "2022-03-31", ["End.Version"] = "0" });

        var shown = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("A stay ends on or after the day it started."), FieldMessages(shown)["End.On"]);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal($"/o/alpha/housing/{residence.Id}", ended.Headers.Location!.OriginalString);
        Assert.Equal(D(2022, 3, 31), Assert.Single(await app.StaysOfAsync(person.Id)).To);
    }

    [Fact]
    public async Task CorrectStay_CanReopenIt_ButNotOverAnotherStay()
    {
        var residence = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Hêtres");
        var person = await app.AddPersonAsync("Estelle", "Hêtre");
        var earlier = await app.AddStayAsync(residence.Id, person.Id, D(2020, 1, 1), D(2020, 12, 31));
        await app.AddStayAsync(residence.Id, person.Id, D(2021, 3, 1), D(2021, 3, 31));
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var page = $"/o/alpha/housing-stays/{earlier.Id}";

        var refused = await client.PostFormAsync($"{page}?handler=Correct", page,
            new() { ["Correction.From"] = "2020-01-01", ["Correction.To"] = "", ["Correction.Version"] = "0" });
        var corrected = await client.PostFormAsync($"{page}?handler=Correct", page,
            new() { ["Correction.From"] = "2020-01-15", ["Correction.To"] = "2021-02-28", ["Correction.Version"] = "0" });

        var shown = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown(OverlapMessage), FieldMessages(shown)["Correction.From"]);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var stays = await app.StaysOfAsync(person.Id);
        Assert.Equal((D(2020, 1, 15), (DateOnly?)D(2021, 2, 28)), (stays[0].From, stays[0].To));
    }

    [Fact]
    public async Task CorrectStay_WithAStaleVersion_IsRefused()
    {
        var residence = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Ifs");
        var person = await app.AddPersonAsync("Fabien", "If");
        var stay = await app.AddStayAsync(residence.Id, person.Id, D(2022, 5, 1), null);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var page = $"/o/alpha/housing-stays/{stay.Id}";
        await client.PostFormAsync($"{page}?handler=End", page, new() { ["End.On"] = "2022-05-31", ["End.Version"] = "0" });

        var stale = await client.PostFormAsync($"{page}?handler=Correct", page,
            new() { ["Correction.From"] = "2022-04-01", ["Correction.To"] = "", ["Correction.Version"] = "0" });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.NotEmpty(FormMessages(TestClient.Parse(await stale.Content.ReadAsStringAsync())));
        var kept = Assert.Single(await app.StaysOfAsync(person.Id));
        Assert.Equal((D(2022, 5, 1), (DateOnly?)D(2022, 5, 31)), (kept.From, kept.To));
    }

    [Fact]
    public async Task HousingPage_ShowsTheResidentDaysAndAverageOccupancyOfTheYear()
    {
        var residence = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Mélèzes");
        var leaving = await app.AddPersonAsync("Gaston", "Mélèze");
        var arriving = await app.AddPersonAsync("Hortense", "Mélèze");
        // 31 days of 2022 for the first, 184 for the second (1 July to 31 December, open): 215 of 365 days.
        await app.AddStayAsync(residence.Id, leaving.Id, D(2021, 12, 1), D(2022, 1, 31));
        await app.AddStayAsync(residence.Id, arriving.Id, D(2022, 7, 1), null);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (_, page) = await client.GetPageAsync("/o/alpha/housing?year=2022");

        var row = page.QuerySelectorAll("main tbody tr").Single(r => r.QuerySelector("th a")!.TextContent.Trim() == "Résidence des Mélèzes");
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("1", cells[0]);
        Assert.Equal("215", cells[1]);
        Assert.Equal((215m / 365m).ToString("N2", CultureInfo.GetCultureInfo("fr-FR")), cells[2]);
    }

    [Fact]
    public async Task OccupancyApi_GivesTheResidentsOfEachDay_AcrossTheLeapDay()
    {
        var residence = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Noyers");
        var first = await app.AddPersonAsync("Ivan", "Noyer");
        var second = await app.AddPersonAsync("Julie", "Noyer");
        await app.AddStayAsync(residence.Id, first.Id, D(2023, 6, 1), D(2024, 2, 29));
        await app.AddStayAsync(residence.Id, second.Id, D(2024, 2, 29), null);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var occupancy = await client.Http.GetFromJsonAsync<JsonElement>($"/api/o/alpha/housing/{residence.Id}/occupancy?from=2024-02-27&to=2024-03-02");

        var days = occupancy.GetProperty("perDay").EnumerateArray().Select(d => (d.GetProperty("date").GetString(), d.GetProperty("residents").GetInt32()));
        Assert.Equal([("2024-02-27", 1), ("2024-02-28", 1), ("2024-02-29", 2), ("2024-03-01", 1), ("2024-03-02", 1)], days);
        Assert.Equal(5, occupancy.GetProperty("days").GetInt32());
        Assert.Equal(6, occupancy.GetProperty("residentDays").GetInt64());
        Assert.Equal(6m / 5m, occupancy.GetProperty("averageDaily").GetDecimal());
    }

    [Fact]
    public async Task OccupancyApi_OfMoreThanAYear_Answers400()
    {
        var residence = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Ormeaux");
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.GetAsync($"/api/o/alpha/housing/{residence.Id}/occupancy?from=2022-01-01&to=2023-12-31");

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StaysApi_RecordsEndsAndCorrects_AndRefusesAnOverlap()
    {
        var residence = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence des Platanes");
        var person = await app.AddPersonAsync("Karim", "Platane");
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var created = await client.Http.PostAsJsonAsync("/api/o/alpha/housing-stays",
            new { residenceId = residence.Id, personId = person.Id, from = "2023-01-10" });
        var stay = await created.Content.ReadFromJsonAsync<JsonElement>();
        var url = created.Headers.Location!.OriginalString;
        var overlap = await client.Http.PostAsJsonAsync("/api/o/alpha/housing-stays",
            new { residenceId = residence.Id, personId = person.Id, from = "2023-05-01", to = "2023-05-31" });
        var withoutVersion = await client.Http.PostAsJsonAsync($"{url}/end", new { on = "2023-04-30" });
        var ended = await client.Http.PostAsJsonAsync($"{url}/end", new { on = "2023-04-30", version = stay.GetProperty("version").GetInt64() });
        var afterEnd = await ended.Content.ReadFromJsonAsync<JsonElement>();
        var corrected = await client.Http.PutAsJsonAsync(url, new { from = "2023-01-09", to = "2023-04-29", version = afterEnd.GetProperty("version").GetInt64() });
        var list = await client.Http.GetFromJsonAsync<JsonElement>($"/api/o/alpha/housing-stays?person={person.Id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/o/alpha/housing-stays/{stay.GetProperty("id").GetGuid()}", url);
        var problem = await Problems.ReadAsync(overlap, HttpStatusCode.BadRequest);
        Assert.Equal(OverlapMessage, problem.GetProperty("errors").GetProperty("from")[0].GetString());
        await Problems.ReadAsync(withoutVersion, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("2023-04-30", afterEnd.GetProperty("to").GetString());
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var only = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(("2023-01-09", "2023-04-29"), (only.GetProperty("from").GetString(), only.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task RecordsOfAnotherOrganisation_AreNotFound()
    {
        var beta = app.World.Beta.Activities;
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var residence = await client.GetAsync($"/o/alpha/housing/{beta.Residence.Id}");
        var stayPage = await client.GetAsync($"/o/alpha/housing-stays/{beta.Stay.Id}");
        var end = await client.PostFormAsync($"/o/alpha/housing-stays/{beta.Stay.Id}?handler=End", "/o/alpha/housing",
            new() { ["End.On"] = Iso(Today), ["End.Version"] = "0" });
        var apiStay = await client.GetAsync($"/api/o/alpha/housing-stays/{beta.Stay.Id}");
        var apiEnd = await client.Http.PostAsJsonAsync($"/api/o/alpha/housing-stays/{beta.Stay.Id}/end", new { on = Iso(Today), version = 0 });
        var occupancy = await client.GetAsync($"/api/o/alpha/housing/{beta.Residence.Id}/occupancy");
        var notAResidence = await client.GetAsync($"/o/alpha/housing/{app.World.Alpha.Activities.DayCentre.Id}");

        Assert.Equal(HttpStatusCode.NotFound, residence.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stayPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, end.StatusCode);
        await Problems.ReadAsync(apiStay, HttpStatusCode.NotFound);
        await Problems.ReadAsync(apiEnd, HttpStatusCode.NotFound);
        await Problems.ReadAsync(occupancy, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, notAResidence.StatusCode);
        var stay = await app.InOrganisationAsync(app.World.Beta.Organisation.Id, db => Task.FromResult(db.HousingStays.Single(s => s.Id == beta.Stay.Id)));
        Assert.Null(stay.To);
    }
}
