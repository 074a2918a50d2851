using System.Globalization;
using System.Net;
using Suivi.Tests.Features.Requests;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Deliveries;

public sealed class DeliveryPagesTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string NewPage = "/o/alpha/deliveries/new";

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    private static readonly CultureInfo French = new("fr-FR");

    [Fact]
    public async Task New_StartsWithTheSignedInWorker_TheirServiceAndToday()
    {
        var me = await app.AddStaffAsync("Willa", "Intervenante", Alpha.WorkerEmail);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var form = await FormAsync(client, NewPage);

        Assert.Equal(me.Id.ToString(), form["Input.WorkerId"]);
        Assert.Equal(Alpha.Service.Id.ToString(), form["Input.ServiceId"]);
        Assert.Equal(DeliveryRecords.Iso(DeliveryRecords.Today), form["Input.OnDate"]);
    }

    [Fact]
    public async Task New_FromACaseFile_StartsWithItsReferenceAndService()
    {
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var form = await FormAsync(client, $"{NewPage}?caseFile={Alpha.CaseFile.Id}&person={Alpha.Child.Id}");

        Assert.Equal(Alpha.CaseFile.Reference, form["Input.CaseFileReference"]);
        Assert.Equal(Alpha.Child.Id.ToString(), form["Input.BeneficiaryId"]);
        Assert.Equal(Alpha.Service.Id.ToString(), form["Input.ServiceId"]);
    }

    [Fact]
    public async Task New_RecordsTheDelivery_AndItsPageShowsItWithLinksToTheFileAndPerson()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountDeliveriesAsync();

        var response = await client.PostFormAsync(NewPage, NewPage, await FilledAsync(client));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/o/alpha/deliveries/[0-9a-f-]{36}$", location);
        var stored = await app.FindDeliveryAsync(Guid.Parse(location[^36..]));
        Assert.NotNull(stored);
        Assert.Equal(5400, stored.DurationSeconds);
        Assert.Equal(Alpha.CaseFile.Id, stored.CaseFileId);
        Assert.Equal(12_300, stored.DistanceMetres);
        Assert.Equal(before + 1, await app.CountDeliveriesAsync());

        var (shown, page) = await client.GetPageAsync(location);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var details = page.QuerySelector("main dl.details")!;
        Assert.Contains("1,50", details.TextContent, StringComparison.Ordinal);
        Assert.NotNull(details.QuerySelector($"a[href='/o/alpha/case-files/{Alpha.CaseFile.Id}']"));
        Assert.NotNull(details.QuerySelector($"a[href='/o/alpha/people/{Alpha.Child.Id}']"));
    }

    public static TheoryData<string, string, string, string> InvalidFields => new()
    {
        { "Input.Duration", "", "Input.Duration", "This field is required." },
        { "Input.Duration", "1h30x", "Input.Duration", "Give hours as 1.5, 1,5 or 1:30." },
        { "Input.Duration", "-2", "Input.Duration", "A duration is more than zero hours." },
        { "Input.Duration", "25", "Input.Duration", "A duration is at most 24 hours." },
        { "Input.OnDate", DeliveryRecords.Iso(DeliveryRecords.Today.AddDays(3)), "Input.OnDate", "A delivery is recorded once done: the date lies in the future." },
        { "Input.TypeId", "", "Input.TypeId", "Choose the type of delivery." },
        { "Input.CaseFileReference", "NOPE-2024-0001", "Input.CaseFileReference", "This case file was not found." },
        { "Input.Kilometres", "douze", "Input.Kilometres", "Give kilometres as a number, such as 12.5." },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task New_WithAnInvalidField_ShowsTheMessageNextToIt_KeepsWhatWasTyped_AndSavesNothing(string field, string value,
        string shownOn, string message)
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountDeliveriesAsync();
        var typed = await FilledAsync(client);
        typed[field] = value;

        var response = await client.PostFormAsync(NewPage, NewPage, typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var shown = Assert.Single(RequestRecords.FieldMessages(page));
        Assert.Equal(shownOn, shown.Key);
        Assert.Equal(app.Shown(message), shown.Value);
        Assert.Equal("true", page.QuerySelector($"[name='{shownOn}']")!.GetAttribute("aria-invalid"));
        Assert.Equal(value, HtmlForms.FieldsOf(page.QuerySelector("main form")!)[field]);
        Assert.Equal(before, await app.CountDeliveriesAsync());
    }

    [Fact]
    public async Task New_ThirtyHoursInADayForOneWorker_IsRefused_NamingTheWorkerAndTheDay()
    {
        var worker = await app.AddStaffAsync("Théo", "Surchargé");
        var day = DeliveryRecords.LastWeek(DayOfWeek.Thursday);
        await app.AddDeliveryAsync(worker.Id, day, 18);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountDeliveriesAsync();
        var typed = await FilledAsync(client);
        typed["Input.WorkerId"] = worker.Id.ToString();
        typed["Input.OnDate"] = DeliveryRecords.Iso(day);
        typed["Input.Duration"] = "12";

        var response = await client.PostFormAsync(NewPage, NewPage, typed);

        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var message = RequestRecords.FieldMessages(page)["Input.Duration"];
        Assert.Contains("Théo Surchargé", message, StringComparison.Ordinal);
        Assert.Contains(day.ToString("d", French), message, StringComparison.Ordinal);
        Assert.Contains("30", message, StringComparison.Ordinal);
        Assert.Equal(before, await app.CountDeliveriesAsync());
    }

    [Fact]
    public async Task Correct_IsSavedAgainstTheVersionRead_AndRefusedWithAMessageWhenChangedMeanwhile()
    {
        var delivery = await app.AddDeliveryAsync(Alpha.Staff.Id, DeliveryRecords.LastWeek(DayOfWeek.Monday), 1);
        var url = $"/o/alpha/deliveries/{delivery.Id}";
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);
        var form = await FormAsync(client, url);
        Assert.Equal("1", form["Input.Duration"]);

        form["Input.Duration"] = "1:45";
        var saved = await client.PostFormAsync(url, url, form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(6300, (await app.FindDeliveryAsync(delivery.Id))!.DurationSeconds);

        // The form still holds the version it was read with: someone else's correction came in between.
        form["Input.Duration"] = "3";
        var stale = await client.PostFormAsync(url, url, form);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = TestClient.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Contains(app.Shown("Someone else changed this delivery meanwhile. Nothing was saved: check the page and try again."),
            page.QuerySelector("main .errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(6300, (await app.FindDeliveryAsync(delivery.Id))!.DurationSeconds);
    }

    [Fact]
    public async Task Delete_RemovesTheDelivery()
    {
        var delivery = await app.AddDeliveryAsync(Alpha.Staff.Id, DeliveryRecords.LastWeek(DayOfWeek.Tuesday), 1);
        var url = $"/o/alpha/deliveries/{delivery.Id}";
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var response = await client.PostFormAsync($"{url}?handler=Delete", url, new() { ["Input.Version"] = delivery.Version.ToString(CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await app.FindDeliveryAsync(delivery.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task List_ShowsTheLatestFirst_AndTheExactTotalRoundedInTheReadersCulture()
    {
        var worker = await app.AddStaffAsync("Léna", "Listée");
        var monday = DeliveryRecords.LastWeek(DayOfWeek.Monday);
        await app.AddDeliveryAsync(worker.Id, monday, 1.5);
        await app.AddDeliveryAsync(worker.Id, monday.AddDays(3), 1.0 / 3);
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var (response, page) = await client.GetPageAsync($"/o/alpha/deliveries?worker={worker.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["2", "1,83"], page.QuerySelectorAll("main dl.figures dd").Select(d => d.TextContent.Trim()));
        Assert.Equal([monday.AddDays(3).ToString("d", French), monday.ToString("d", French)],
            page.QuerySelectorAll("main table.deliveries tbody th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public async Task Statistician_IsSentToAccessDenied_FromEveryDeliveryPage()
    {
        var delivery = await app.AddDeliveryAsync(Alpha.Staff.Id, DeliveryRecords.LastWeek(DayOfWeek.Wednesday), 1);
        using var client = await app.SignedInAsync(Alpha.StatisticianEmail);

        foreach (var url in new[] { "/o/alpha/deliveries", NewPage, "/o/alpha/deliveries/week", $"/o/alpha/deliveries/{delivery.Id}" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
        }
    }

    [Fact]
    public async Task AnotherOrganisationsDelivery_IsNotFound()
    {
        var delivery = await app.AddDeliveryAsync(Alpha.Staff.Id, DeliveryRecords.LastWeek(DayOfWeek.Friday), 1);
        using var client = await app.SignedInAsync(app.World.Beta.CoordinatorEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/beta/deliveries/{delivery.Id}")).StatusCode);
    }

    /// <summary>The new-delivery form as shown, filled as after a home visit to the child of alpha's file.</summary>
    private async Task<Dictionary<string, string>> FilledAsync(TestClient client)
    {
        var fields = await FormAsync(client, NewPage);
        fields["Input.ServiceId"] = Alpha.Service.Id.ToString();
        fields["Input.WorkerId"] = Alpha.Staff.Id.ToString();
        fields["Input.OnDate"] = DeliveryRecords.Iso(DeliveryRecords.Today.AddDays(-1));
        fields["Input.StartTime"] = "14:00";
        fields["Input.Duration"] = "1,5";
        fields["Input.TypeId"] = app.Type().ToString();
        fields["Input.ActCategoryId"] = app.Category().ToString();
        fields["Input.CaseFileReference"] = Alpha.CaseFile.Reference.ToLowerInvariant();
        fields["Input.BeneficiaryId"] = Alpha.Child.Id.ToString();
        fields["Input.SiteId"] = Alpha.Site.Id.ToString();
        fields["Input.Kilometres"] = "12,3";
        fields["Input.Note"] = "Visite à domicile";
        // A list of several choices with none chosen sends nothing.
        fields.Remove("Input.OtherWorkerIds");
        return fields;
    }

    private static async Task<Dictionary<string, string>> FormAsync(TestClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return HtmlForms.FieldsOf(page.QuerySelector("main form[method=post]")!);
    }
}
