using System.Net;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Requests;

public sealed class RequestFormTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    // Alpha has several services; the form opened from a service's queue has that service chosen.
    private string NewRequestPage => $"/o/alpha/requests/new?service={app.World.Alpha.Service.Id}";

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { "Input.SourceId", "", "Choose where the request comes from." },
        { "Input.ReceivedOn", "", "This field is required." },
        { "Input.ReceivedOn", RequestRecords.Today.AddDays(1).ToString("yyyy-MM-dd"), "A request cannot be received in the future." },
        { "Input.Summary", "", "This field is required." },
        { "Input.NewPeople[0].LastName", "", "This field is required." },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Create_WithAnInvalidField_ShowsTheMessageNextToItKeepsWhatWasTypedAndSavesNothing(string field, string value, string message)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var before = await app.CountAsync();
        var typed = await FilledFormAsync(client);
        typed[field] = value;

        var response = await client.PostFormAsync(NewRequestPage, NewRequestPage, typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var shown = Assert.Single(RequestRecords.FieldMessages(page));
        Assert.Equal(field, shown.Key);
        Assert.Equal(app.Shown(message), shown.Value);
        Assert.Equal("true", page.QuerySelector($"[name='{field}']")!.GetAttribute("aria-invalid"));
        var kept = HtmlForms.FieldsOf(page.QuerySelector("main form")!);
        Assert.All(typed.Where(f => f.Key != "find"), f => Assert.Equal(f.Value, kept.GetValueOrDefault(f.Key)));
        Assert.Equal(before, await app.CountAsync());
    }

    [Fact]
    public async Task Create_RecordsTheRequestWithAKnownANewAndAnUnnamedPerson()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var before = await app.CountAsync();

        var response = await client.PostFormAsync(NewRequestPage, NewRequestPage, await FilledFormAsync(client));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/o/alpha/requests/[0-9a-f-]{36}$", location);
        var request = await app.FindRequestAsync(Guid.Parse(location[^36..]));
        Assert.Equal(RequestRecords.Today.AddDays(-1), request.ReceivedOn);
        Assert.Equal(Urgency.Urgent, request.Urgency);
        Assert.True(request.IsWaiting);
        Assert.Equal(3, request.Persons.Count);
        Assert.Equal(app.World.Alpha.Child.Id, request.Persons.MinBy(p => p.Position)!.BeneficiaryId);
        Assert.Equal("a mother who did not give her name", Assert.Single(request.Persons, p => p.BeneficiaryId is null).Description);
        var after = await app.CountAsync();
        Assert.Equal((before.Requests + 1, before.People + 1), (after.Requests, after.People));

        var (shown, page) = await client.GetPageAsync(location);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var persons = page.QuerySelector("ul.relatives")!.TextContent;
        Assert.Contains("Ana Gonçalves", persons, StringComparison.Ordinal);
        Assert.Contains("Zoé Kieffer", persons, StringComparison.Ordinal);
        Assert.Contains("a mother who did not give her name", persons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_OffersRecordedPersonsToTick_AndKeepsWhatWasTyped()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var typed = await FilledFormAsync(client);
        typed.Remove("Input.PersonIds");
        typed["find"] = "GONCALVES";

        var response = await client.PostFormAsync($"{NewRequestPage}&handler=Search", NewRequestPage, typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(RequestRecords.FieldMessages(page));
        var offered = page.QuerySelectorAll("input[name='Input.PersonIds']").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains(app.World.Alpha.Child.Id.ToString(), offered);
        Assert.Contains(app.World.Alpha.Mother.Id.ToString(), offered);
        Assert.Equal(typed["Input.Summary"], page.QuerySelector("textarea[name='Input.Summary']")!.TextContent.Trim());
        Assert.Equal("Zoé", page.QuerySelector("input[name='Input.NewPeople[0].FirstName']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Create_OffersTheActiveSourcesOnly_AndTodayAsTheDate()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (_, page) = await client.GetPageAsync(NewRequestPage);

        var form = HtmlForms.FieldsOf(page.QuerySelector("main form")!);
        Assert.Equal(RequestRecords.Today.ToString("yyyy-MM-dd"), form["Input.ReceivedOn"]);
        Assert.Equal(app.World.Alpha.Service.Id.ToString(), form["Input.ServiceId"]);
        var sources = page.QuerySelectorAll("select[name='Input.SourceId'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(app.World.Alpha.Item(ListKind.RequestSource, "SCHOOL").Id.ToString(), sources);
        Assert.DoesNotContain(app.World.Alpha.Item(ListKind.Channel, "PHONE").Id.ToString(), sources);
    }

    [Fact]
    public async Task Statistician_CannotOpenTheRequests()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.StatisticianEmail);

        foreach (var url in new[] { "/o/alpha/requests", NewRequestPage, $"/o/alpha/requests/{app.World.Alpha.WaitingRequest.Id}" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
        }
    }

    /// <summary>The new-request form as shown, filled as after a call: a known child, a new person and an unnamed mother.</summary>
    private async Task<Dictionary<string, string>> FilledFormAsync(TestClient client)
    {
        var (_, page) = await client.GetPageAsync(NewRequestPage);
        var fields = HtmlForms.FieldsOf(page.QuerySelector("main form")!);
        var alpha = app.World.Alpha;
        fields["Input.ReceivedOn"] = RequestRecords.Today.AddDays(-1).ToString("yyyy-MM-dd");
        fields["Input.SourceId"] = alpha.Item(ListKind.RequestSource, "SCHOOL").Id.ToString();
        fields["Input.ChannelId"] = alpha.Item(ListKind.Channel, "PHONE").Id.ToString();
        fields["Input.Urgency"] = "Urgent";
        fields["Input.Summary"] = "The teacher is worried about bruises on Ana's arms.";
        fields["Input.PersonIds"] = alpha.Child.Id.ToString();
        fields["Input.NewPeople[0].FirstName"] = "Zoé";
        fields["Input.NewPeople[0].LastName"] = "Kieffer";
        fields["Input.Anonymous[0]"] = "a mother who did not give her name";
        return fields;
    }
}
