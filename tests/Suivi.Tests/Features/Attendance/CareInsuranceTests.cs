using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;
using static Suivi.Tests.Features.Attendance.AttendanceRecords;

namespace Suivi.Tests.Features.Attendance;

public sealed class CareInsuranceTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string OverlapMessage = "This period overlaps another period of the same person.";

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static string PersonPage(Guid personId) => $"/o/alpha/people/{personId}/care-insurance";

    [Fact]
    public async Task APeriod_IsAdded_ThenEnded()
    {
        var person = await app.AddPersonAsync("Anne", "Dépendance");
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var page = PersonPage(person.Id);

        var added = await client.PostFormAsync($"{page}?handler=Add", page, new() { ["Input.From"] = "2023-04-01", ["Input.To"] = "" });
        var period = Assert.Single(await app.CarePeriodsOfAsync(person.Id));
        var ended = await client.PostFormAsync($"{page}?handler=End", page,
            new() { ["PeriodId"] = period.Id.ToString(), ["End.On"] = "2024-03-31", ["End.Version"] = period.Version.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var stored = Assert.Single(await app.CarePeriodsOfAsync(person.Id));
        Assert.Equal((D(2023, 4, 1), (DateOnly?)D(2024, 3, 31)), (stored.From, stored.To));
        var (_, shown) = await client.GetPageAsync(page);
        Assert.Null(shown.QuerySelector("form[action*='handler=End']"));
    }

    [Fact]
    public async Task APeriodOverlappingAnother_IsRefusedWithAMessage()
    {
        var person = await app.AddPersonAsync("Bernard", "Dépendance");
        await app.AddCarePeriodAsync(person.Id, D(2022, 1, 1), D(2022, 12, 31));
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var page = PersonPage(person.Id);

        var response = await client.PostFormAsync($"{page}?handler=Add", page, new() { ["Input.From"] = "2022-12-31", ["Input.To"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(new Dictionary<string, string> { ["Input.From"] = app.Shown(OverlapMessage) }, FieldMessages(shown));
        Assert.Single(await app.CarePeriodsOfAsync(person.Id));
    }

    [Fact]
    public async Task EndingBeforeTheStart_IsRefused()
    {
        var person = await app.AddPersonAsync("Chantal", "Dépendance");
        var period = await app.AddCarePeriodAsync(person.Id, D(2023, 6, 1), null);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var page = PersonPage(person.Id);

        var response = await client.PostFormAsync($"{page}?handler=End", page,
            new() { ["PeriodId"] = period.Id.ToString(), ["End.On"] = "2023-05-31", ["End.Version"] = "0" });

        var shown = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("A period ends on or after the day it started."), FieldMessages(shown)["End.On"]);
        Assert.Null(Assert.Single(await app.CarePeriodsOfAsync(person.Id)).To);
    }

    [Fact]
    public async Task Correction_ChangesTheDates_ButNotOverAnotherPeriod()
    {
        var person = await app.AddPersonAsync("Didier", "Dépendance");
        var earlier = await app.AddCarePeriodAsync(person.Id, D(2020, 1, 1), D(2020, 12, 31));
        await app.AddCarePeriodAsync(person.Id, D(2021, 6, 1), null);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var page = $"/o/alpha/care-insurance/{earlier.Id}";

        var refused = await client.PostFormAsync(page, page, new() { ["Input.From"] = "2020-01-01", ["Input.To"] = "", ["Input.Version"] = "0" });
        var corrected = await client.PostFormAsync(page, page, new() { ["Input.From"] = "2020-02-01", ["Input.To"] = "2021-05-31", ["Input.Version"] = "0" });

        var shown = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown(OverlapMessage), FieldMessages(shown)["Input.From"]);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal(PersonPage(person.Id), corrected.Headers.Location!.OriginalString);
        var periods = await app.CarePeriodsOfAsync(person.Id);
        Assert.Equal((D(2020, 2, 1), (DateOnly?)D(2021, 5, 31)), (periods[0].From, periods[0].To));
    }

    [Fact]
    public async Task Api_ListsAddsEndsAndCorrects_AndRefusesAnOverlap()
    {
        var person = await app.AddPersonAsync("Émilie", "Dépendance");
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var periods = $"/api/o/alpha/people/{person.Id}/care-insurance";

        var created = await client.Http.PostAsJsonAsync(periods, new { from = "2022-01-01" });
        var period = await created.Content.ReadFromJsonAsync<JsonElement>();
        var url = created.Headers.Location!.OriginalString;
        var overlap = await client.Http.PostAsJsonAsync(periods, new { from = "2023-01-01", to = "2023-02-01" });
        var ended = await client.Http.PostAsJsonAsync($"{url}/end", new { on = "2022-12-31", version = period.GetProperty("version").GetInt64() });
        var second = await client.Http.PostAsJsonAsync(periods, new { from = "2023-01-01", to = "2023-02-01" });
        var stale = await client.Http.PutAsJsonAsync(url, new { from = "2021-12-01", to = "2022-12-31", version = 0 });
        var list = await client.Http.GetFromJsonAsync<JsonElement>(periods);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/o/alpha/care-insurance/{period.GetProperty("id").GetGuid()}", url);
        var problem = await Problems.ReadAsync(overlap, HttpStatusCode.BadRequest);
        Assert.Equal(OverlapMessage, problem.GetProperty("errors").GetProperty("from")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        await Problems.ReadAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal([("2023-01-01", "2023-02-01"), ("2022-01-01", "2022-12-31")],
            list.EnumerateArray().Select(p => (p.GetProperty("from").GetString(), p.GetProperty("to").GetString())));
    }

    [Fact]
    public async Task PeriodsOfAnotherOrganisation_AreNotFound()
    {
        var beta = app.World.Beta;
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var personPage = await client.GetAsync(PersonPage(beta.Mother.Id));
        var periodPage = await client.GetAsync($"/o/alpha/care-insurance/{beta.Activities.CarePeriod.Id}");
        var add = await client.PostFormAsync($"{PersonPage(beta.Mother.Id)}?handler=Add", "/o/alpha/attendance",
            new() { ["Input.From"] = "2020-01-01" });
        var apiList = await client.GetAsync($"/api/o/alpha/people/{beta.Mother.Id}/care-insurance");
        var apiAdd = await client.Http.PostAsJsonAsync($"/api/o/alpha/people/{beta.Mother.Id}/care-insurance", new { from = "2020-01-01" });
        var apiEnd = await client.Http.PostAsJsonAsync($"/api/o/alpha/care-insurance/{beta.Activities.CarePeriod.Id}/end",
            new { on = "2024-01-01", version = 0 });

        Assert.Equal(HttpStatusCode.NotFound, personPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, periodPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        await Problems.ReadAsync(apiList, HttpStatusCode.NotFound);
        await Problems.ReadAsync(apiAdd, HttpStatusCode.NotFound);
        await Problems.ReadAsync(apiEnd, HttpStatusCode.NotFound);
        var kept = await app.InOrganisationAsync(beta.Organisation.Id,
            db => Task.FromResult(db.CareInsurancePeriods.Where(p => p.BeneficiaryId == beta.Mother.Id).ToList()));
        Assert.Null(Assert.Single(kept).To);
    }
}
