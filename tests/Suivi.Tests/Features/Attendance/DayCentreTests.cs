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

public sealed class DayCentreTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private static string RegisterPage(Service centre, DateOnly day) => $"/o/alpha/day-centres/{centre.Id}?date={Iso(day)}";

    private static IEnumerable<(string, string)> Register(IEnumerable<Guid> listed, IEnumerable<Guid> present) =>
        listed.Select(id => ("Input.Listed", id.ToString())).Concat(present.Select(id => ("Input.Present", id.ToString())));

    [Fact]
    public async Task Register_ListsTheRegularVisitors_AndTicksThoseRegisteredThatDay()
    {
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer Les Lilas");
        var regular = await app.AddPersonAsync("Maria", "Lilas");
        var registered = await app.AddPersonAsync("Jeanne", "Lilas");
        var longAgo = await app.AddPersonAsync("Paul", "Lilas");
        var day = Today.AddDays(-1);
        await app.AddVisitsAsync(centre.Id, day.AddDays(-7), regular.Id);
        await app.AddVisitsAsync(centre.Id, day, registered.Id);
        await app.AddVisitsAsync(centre.Id, day.AddDays(-60), longAgo.Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (response, page) = await client.GetPageAsync(RegisterPage(centre, day));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var boxes = page.QuerySelectorAll("input[name='Input.Present']").ToDictionary(b => b.GetAttribute("value")!, b => b.HasAttribute("checked"));
        Assert.Equal(new Dictionary<string, bool> { [regular.Id.ToString()] = false, [registered.Id.ToString()] = true }, boxes);
    }

    [Fact]
    public async Task Register_Saved_AddsTheTickedAndRemovesTheUnticked()
    {
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer Les Roses");
        var came = await app.AddPersonAsync("Albert", "Rose");
        var didNotCome = await app.AddPersonAsync("Berthe", "Rose");
        var day = Today.AddDays(-2);
        await app.AddVisitsAsync(centre.Id, day.AddDays(-7), came.Id, didNotCome.Id);
        await app.AddVisitsAsync(centre.Id, day, didNotCome.Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var url = RegisterPage(centre, day);

        var response = await client.PostFieldsAsync(url, url, Register([came.Id, didNotCome.Id], [came.Id]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([came.Id], await app.VisitorsAsync(centre.Id, day));
        var (_, page) = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.NotNull(page.QuerySelector("p.notice[role=status]"));
    }

    [Fact]
    public async Task Register_SavedTwice_KeepsOneVisitPerPersonAndDay()
    {
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer Les Pins");
        var person = await app.AddPersonAsync("Claire", "Pin");
        var day = Today;
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var url = RegisterPage(centre, day);

        var first = await client.PostFieldsAsync(url, url, Register([], [person.Id, person.Id]));
        var second = await client.PostFieldsAsync(url, url, Register([person.Id], [person.Id]));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal([person.Id], await app.VisitorsAsync(centre.Id, day));
    }

    [Fact]
    public async Task Register_WithSomeoneOfAnotherOrganisation_SavesNothingAtAll()
    {
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer Les Chênes");
        var registered = await app.AddPersonAsync("Denise", "Chêne");
        var newcomer = await app.AddPersonAsync("Émile", "Chêne");
        var day = Today.AddDays(-3);
        await app.AddVisitsAsync(centre.Id, day, registered.Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var url = RegisterPage(centre, day);

        var response = await client.PostFieldsAsync(url, url, Register([registered.Id], [newcomer.Id, app.World.Beta.Mother.Id]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([app.Shown("Someone in the register is not a person recorded in the organisation.")], FormMessages(page));
        Assert.Equal([registered.Id], await app.VisitorsAsync(centre.Id, day));
        Assert.DoesNotContain(app.World.Beta.Mother.LastName, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ForADayInTheFuture_IsRefused_AndOffersNoForm()
    {
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer Les Saules");
        var person = await app.AddPersonAsync("Fernand", "Saule");
        var day = Today.AddDays(5);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var url = RegisterPage(centre, day);

        var (_, shown) = await client.GetPageAsync(url);
        var response = await client.PostFieldsAsync(url, RegisterPage(centre, Today), Register([], [person.Id]));

        Assert.Null(shown.QuerySelector("form.register"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(app.Shown("A visit is recorded once it happened: the date lies in the future."), page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await app.VisitorsAsync(centre.Id, day));
    }

    [Fact]
    public async Task Search_FindsSomeoneWhoIsNotARegular_AndKeepsTheTicks()
    {
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer Les Érables");
        var regular = await app.AddPersonAsync("Gisèle", "Érable");
        var newcomer = await app.AddPersonAsync("Hélène", "Nouvelle-Venue");
        var day = Today.AddDays(-1);
        await app.AddVisitsAsync(centre.Id, day.AddDays(-14), regular.Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var url = RegisterPage(centre, day);

        var response = await client.PostFieldsAsync($"/o/alpha/day-centres/{centre.Id}?handler=Search&date={Iso(day)}", url,
            Register([regular.Id], [regular.Id]).Append(("find", "HELENE nouvelle")));

        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var boxes = page.QuerySelectorAll("input[name='Input.Present']").ToDictionary(b => b.GetAttribute("value")!, b => b.HasAttribute("checked"));
        Assert.Equal(new Dictionary<string, bool> { [regular.Id.ToString()] = true, [newcomer.Id.ToString()] = false }, boxes);
        Assert.Empty(await app.VisitorsAsync(centre.Id, day));
    }

    [Fact]
    public async Task TheSamePersonTwiceOnADayAtACentre_IsRefusedByTheDatabase()
    {
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer Les Ormes");
        var person = await app.AddPersonAsync("Irène", "Orme");
        await app.AddVisitsAsync(centre.Id, Today, person.Id);

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.AddVisitsAsync(centre.Id, Today, person.Id));

        Assert.Equal([person.Id], await app.VisitorsAsync(centre.Id, Today));
    }

    [Fact]
    public async Task DistinctVisitors_CountSomeoneWhoCameToTwoCentresOnce()
    {
        // 2019 is this test's own year: no other test of the class records anything in it.
        var north = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer du Nord");
        var south = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer du Sud");
        var both = await app.AddPersonAsync("Jules", "Deux-Foyers");
        var one = await app.AddPersonAsync("Lucie", "Un-Foyer");
        await app.AddVisitsAsync(north.Id, new DateOnly(2019, 3, 4), both.Id, one.Id);
        await app.AddVisitsAsync(north.Id, new DateOnly(2019, 3, 5), both.Id);
        await app.AddVisitsAsync(south.Id, new DateOnly(2019, 11, 20), both.Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (_, page) = await client.GetPageAsync("/o/alpha/day-centres?year=2019");

        var figures = page.QuerySelectorAll(".figures > div").ToDictionary(d => d.QuerySelector("dt")!.TextContent.Trim(), d => d.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal("4", figures[string.Format(app.Shown("Visits in {0}"), 2019)]);
        Assert.Equal("2", figures[string.Format(app.Shown("Distinct visitors in {0}"), 2019)]);
        var rows = page.QuerySelectorAll("main tbody tr").ToDictionary(r => r.QuerySelector("th a")!.TextContent.Trim(),
            r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList());
        Assert.Equal(["3", "2"], rows["Foyer du Nord"][1..]);
        Assert.Equal(["1", "1"], rows["Foyer du Sud"][1..]);
    }

    [Fact]
    public async Task MonthView_ShowsHowManyCameEachDay()
    {
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer Les Tilleuls");
        var people = new[] { await app.AddPersonAsync("Marc", "Tilleul"), await app.AddPersonAsync("Nadia", "Tilleul"), await app.AddPersonAsync("Oscar", "Tilleul") };
        await app.AddVisitsAsync(centre.Id, new DateOnly(2020, 2, 28), [.. people.Select(p => p.Id)]);
        await app.AddVisitsAsync(centre.Id, new DateOnly(2020, 2, 29), people[0].Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (_, page) = await client.GetPageAsync(RegisterPage(centre, new DateOnly(2020, 2, 10)));

        var counts = page.QuerySelectorAll("table.month td a").ToDictionary(a => a.QuerySelector(".month-day")!.TextContent.Trim(),
            a => a.QuerySelector(".month-count")!.TextContent.Trim());
        Assert.Equal(29, counts.Count);
        Assert.Equal("3", counts["28"]);
        Assert.Equal("1", counts["29"]);
        Assert.Equal("", counts["27"]);
    }

    [Fact]
    public async Task ACentreOfAnotherOrganisation_OrAServiceThatIsNoDayCentre_IsNotFound()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var other = await client.GetAsync($"/o/alpha/day-centres/{app.World.Beta.Activities.DayCentre.Id}");
        var notACentre = await client.GetAsync($"/o/alpha/day-centres/{app.World.Alpha.Service.Id}");
        var post = await client.PostFieldsAsync($"/o/alpha/day-centres/{app.World.Beta.Activities.DayCentre.Id}", "/o/alpha/day-centres",
            Register([], [app.World.Beta.Mother.Id]));

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notACentre.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task Api_SaveRegister_MakesTheDaySayWhoCame_AndVisitsListsThem()
    {
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer API");
        var first = await app.AddPersonAsync("Pierre", "Api");
        var second = await app.AddPersonAsync("Quentin", "Api");
        var day = Today.AddDays(-4);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var register = $"/api/o/alpha/day-centres/{centre.Id}/register";

        var saved = await client.Http.PostAsJsonAsync(register, new { date = Iso(day), personIds = new[] { first.Id, second.Id } });
        var changed = await client.Http.PostAsJsonAsync(register, new { date = Iso(day), personIds = new[] { second.Id } });
        var visits = await client.Http.GetFromJsonAsync<JsonElement>(
            $"/api/o/alpha/day-centres/{centre.Id}/visits?from={Iso(day.AddDays(-1))}&to={Iso(day)}");
        var read = await client.Http.GetFromJsonAsync<JsonElement>($"{register}?date={Iso(day)}");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var outcome = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 1), (outcome.GetProperty("added").GetInt32(), outcome.GetProperty("removed").GetInt32()));
        var visit = Assert.Single(visits.GetProperty("visits").EnumerateArray());
        Assert.Equal(second.Id, visit.GetProperty("personId").GetGuid());
        Assert.Equal(Iso(day), visit.GetProperty("date").GetString());
        Assert.Equal([second.Id], read.GetProperty("personIds").EnumerateArray().Select(p => p.GetGuid()));
    }

    [Fact]
    public async Task Api_RegisterInTheFuture_Answers400_AndSavesNothing()
    {
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer Futur");
        var person = await app.AddPersonAsync("Rita", "Futur");
        var day = Today.AddDays(3);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.Http.PostAsJsonAsync($"/api/o/alpha/day-centres/{centre.Id}/register",
            new { date = Iso(day), personIds = new[] { person.Id } });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("date", out _));
        Assert.Empty(await app.VisitorsAsync(centre.Id, day));
    }

    [Fact]
    public async Task Api_RegisterWithAPersonOfAnotherOrganisation_Answers400_AndSavesNothing()
    {
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer Mixte");
        var person = await app.AddPersonAsync("Sophie", "Mixte");
        var day = Today.AddDays(-1);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.Http.PostAsJsonAsync($"/api/o/alpha/day-centres/{centre.Id}/register",
            new { date = Iso(day), personIds = new[] { person.Id, app.World.Beta.Child.Id } });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("personIds", out _));
        Assert.Empty(await app.VisitorsAsync(centre.Id, day));
    }

    [Fact]
    public async Task Api_ACentreOfAnotherOrganisation_AnswersNotFound()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var centre = app.World.Beta.Activities.DayCentre.Id;
        var before = await BetaVisitsAsync();

        var visits = await client.GetAsync($"/api/o/alpha/day-centres/{centre}/visits");
        var register = await client.Http.PostAsJsonAsync($"/api/o/alpha/day-centres/{centre}/register",
            new { date = Iso(Today), personIds = Array.Empty<Guid>() });

        await Problems.ReadAsync(visits, HttpStatusCode.NotFound);
        await Problems.ReadAsync(register, HttpStatusCode.NotFound);
        Assert.Equal(before, await BetaVisitsAsync());
    }

    private Task<int> BetaVisitsAsync() => app.InOrganisationAsync(app.World.Beta.Organisation.Id, db => db.DayCentreVisits.CountAsync());
}
