using System.Net;
using Suivi.Domain;
using Suivi.Tests.Features.CaseFiles;
using Suivi.Tests.Features.Requests;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Contacts;

public sealed class ContactLogTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string NewContact = "/o/alpha/contacts/new";

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task NewContact_OpensAtNow_AsAnAnonymousInboundHelplineCall()
    {
        var helpline = await app.NewServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var form = await client.FormAsync($"{NewContact}?service={helpline.Id}");

        Assert.Equal(ContactRecords.LocalToday.ToString("yyyy-MM-dd"), form["Input.OnDate"]);
        Assert.Matches(@"^\d{2}:\d{2}$", form["Input.AtTime"]);
        Assert.Equal(nameof(ContactKind.HelplineCall), form["Input.Kind"]);
        Assert.Equal(nameof(ContactDirection.Inbound), form["Input.Direction"]);
        Assert.Equal("", form["Input.BeneficiaryId"]);
        Assert.Equal(helpline.Id.ToString(), form["Input.ServiceId"]);
    }

    [Fact]
    public async Task AnAnonymousCall_IsCountedInTheLog_WithoutCreatingAPerson()
    {
        var helpline = await app.NewServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountsAsync();
        var form = await client.FormAsync($"{NewContact}?service={helpline.Id}");
        form["Input.DurationMinutes"] = "12";
        form["Input.Subject"] = "A woman asks about home care for her father; did not give her name.";

        var response = await client.PostFormAsync(NewContact, NewContact, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await app.CountsAsync();
        Assert.Equal(before.Contacts + 1, after.Contacts);
        Assert.Equal(before.People, after.People);
        var recorded = RecordedId(response);
        var contact = await app.FindContactAsync(recorded);
        Assert.NotNull(contact);
        Assert.True(contact.IsAnonymous);
        Assert.Equal(12 * 60, contact.DurationSeconds);
        var (_, log) = await client.GetPageAsync($"/o/alpha/contacts?service={helpline.Id}&from={contact.OnDate:yyyy-MM-dd}");
        Assert.Equal(["1", "1", "0", "0", "1"], Figures(log));
    }

    [Fact]
    public async Task AfterSaving_TheFormOpensAgainForTheNextCall_AndNamesTheOneRecorded()
    {
        var helpline = await app.NewServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = await client.FormAsync($"{NewContact}?service={helpline.Id}");

        var response = await client.PostFormAsync(NewContact, NewContact, form);
        var (_, next) = await client.GetPageAsync(response.Headers.Location!.OriginalString);

        Assert.StartsWith("/o/alpha/contacts/new?", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.NotNull(next.QuerySelector("main p.notice a[href^='/o/alpha/contacts/']"));
        Assert.Equal("", HtmlForms.FieldsOf(next.QuerySelector("main form[method=post]")!)["Input.Subject"]);
    }

    public static TheoryData<string, string, string> BadFields => new()
    {
        { "Input.OnDate", "in three days", "A contact is recorded once it happened: the date lies in the future." },
        { "Input.OnDate", "", "This field is required." },
        { "Input.DurationMinutes", "721", "A contact lasts between 0 and 12 hours." },
        { "Input.DurationMinutes", "-5", "A contact lasts between 0 and 12 hours." },
        { "Input.OutcomeId", "beta's outcome", "Choose the outcome of the contact." },
        { "Input.ChannelId", "beta's channel", "Choose the channel." },
        { "Input.BeneficiaryId", "beta's child", "This person was not found." },
        { "Input.ServiceId", "beta's service", "Choose the service." },
        { "Input.StaffMemberId", "beta's staff", "Choose a member of staff of the organisation." },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task NewContact_WithABadField_ShowsTheMessageNextToIt_AndSavesNothing(string field, string value, string message)
    {
        var helpline = await app.NewServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountsAsync();
        var form = await client.FormAsync($"{NewContact}?service={helpline.Id}");
        form["Input.Subject"] = "Kept as typed";
        form[field] = Value(value);

        var response = await client.PostFormAsync(NewContact, NewContact, form);

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal((field, app.Shown(message)), CaseFileRecords.FieldMessage(page));
        Assert.Equal("Kept as typed", page.QuerySelector("textarea[name='Input.Subject']")!.TextContent.Trim());
        Assert.Equal(before, await app.CountsAsync());
    }

    [Fact]
    public async Task Search_OffersThePeopleFound_ThenTheContactIsRecordedForTheOneChosen()
    {
        var helpline = await app.NewServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = await client.FormAsync($"{NewContact}?service={helpline.Id}");
        form["Input.Subject"] = "The mother calls back";
        form["find"] = "INES goncalves";

        var searched = await CaseFileRecords.PageOfAsync(await client.PostFormAsync($"{NewContact}?handler=Search", NewContact, form));
        var offered = searched.QuerySelectorAll("input[name='Input.BeneficiaryId']").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["", Alpha.Mother.Id.ToString()], offered);
        Assert.Empty(RequestRecords.FieldMessages(searched));
        var chosen = HtmlForms.FieldsOf(searched.QuerySelector("main form[method=post]")!);
        Assert.Equal("The mother calls back", chosen["Input.Subject"]);
        chosen["Input.BeneficiaryId"] = Alpha.Mother.Id.ToString();
        var before = await app.CountsAsync();

        var response = await client.PostFormAsync(NewContact, NewContact, chosen);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var recorded = RecordedId(response);
        Assert.Equal(Alpha.Mother.Id, (await app.FindContactAsync(recorded))!.BeneficiaryId);
        Assert.Equal(before.People, (await app.CountsAsync()).People);
    }

    [Fact]
    public async Task TheLog_CountsInboundRedirectedOutboundAndAnonymous_ForTheServiceAndDays()
    {
        var helpline = await app.NewServiceAsync();
        var day = ContactRecords.Today.AddDays(-10);
        await app.AddContactAsync(helpline.Id, day, ContactDirection.Inbound);
        await app.AddContactAsync(helpline.Id, day, ContactDirection.Inbound, Alpha.Mother.Id);
        await app.AddContactAsync(helpline.Id, day, ContactDirection.Redirected);
        await app.AddContactAsync(helpline.Id, day.AddDays(1), ContactDirection.Outbound, Alpha.Child.Id);
        await app.AddContactAsync(helpline.Id, day.AddDays(5), ContactDirection.Inbound);
        await app.AddContactAsync(Alpha.Service.Id, day, ContactDirection.Inbound);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var (_, oneDay) = await client.GetPageAsync($"/o/alpha/contacts?service={helpline.Id}&from={day:yyyy-MM-dd}");
        var (_, twoDays) = await client.GetPageAsync($"/o/alpha/contacts?service={helpline.Id}&from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}");
        var (_, inbound) = await client.GetPageAsync(
            $"/o/alpha/contacts?service={helpline.Id}&from={day:yyyy-MM-dd}&to={day.AddDays(5):yyyy-MM-dd}&direction=Inbound");

        Assert.Equal(["3", "2", "1", "0", "2"], Figures(oneDay));
        Assert.Equal(3, oneDay.QuerySelectorAll("table.contacts tbody tr").Length);
        Assert.Equal(["4", "2", "1", "1", "2"], Figures(twoDays));
        Assert.Equal(2, twoDays.QuerySelectorAll("table.contact-days tbody tr").Length);
        Assert.Equal(["3", "3", "0", "0", "2"], Figures(inbound));
    }

    [Fact]
    public async Task Correct_ChangesTheContact_AndRefusesAnEditMadeOnAnOlderVersion()
    {
        var helpline = await app.NewServiceAsync();
        var contact = await app.AddContactAsync(helpline.Id, ContactRecords.Today.AddDays(-1));
        var url = $"/o/alpha/contacts/{contact.Id}";
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = await client.FormAsync(url);
        form["Input.Direction"] = nameof(ContactDirection.Outbound);
        form["Input.BeneficiaryId"] = Alpha.Mother.Id.ToString();
        form["Input.Subject"] = "Called the mother back";

        var corrected = await client.PostFormAsync(url, url, form);
        form["Input.Subject"] = "A late edit on the first version";
        var stale = await client.PostFormAsync(url, url, form);

        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var page = await CaseFileRecords.PageOfAsync(stale);
        Assert.Contains(app.Shown("Someone else changed this contact meanwhile. Your correction was not saved: reload the page to see the current version."),
            page.QuerySelector("main .errors")!.TextContent, StringComparison.Ordinal);
        var saved = (await app.FindContactAsync(contact.Id))!;
        Assert.Equal((ContactDirection.Outbound, Alpha.Mother.Id, "Called the mother back"), (saved.Direction, saved.BeneficiaryId, saved.Subject));
    }

    [Fact]
    public async Task TurningAContactIntoARequest_PrefillsTheForm_LinksBothInOneSave_AndCannotBeDoneTwice()
    {
        var contact = await app.AddContactAsync(Alpha.Service.Id, ContactRecords.Today.AddDays(-2), personId: Alpha.Mother.Id,
            subject: "The mother asks for help with her daughter's nightmares.", channelId: Alpha.Item(ListKind.Channel, "PHONE").Id);
        var contactUrl = $"/o/alpha/contacts/{contact.Id}";
        var requestForm = $"/o/alpha/requests/new?fromContact={contact.Id}";
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var (_, details) = await client.GetPageAsync(contactUrl);
        Assert.Equal(requestForm, details.QuerySelector("main a.button[href*='fromContact']")!.GetAttribute("href"), ignoreCase: true);

        var form = await client.FormAsync(requestForm);
        Assert.Equal(contact.OnDate.ToString("yyyy-MM-dd"), form["Input.ReceivedOn"]);
        Assert.Equal(Alpha.Service.Id.ToString(), form["Input.ServiceId"]);
        Assert.Equal(Alpha.Item(ListKind.Channel, "PHONE").Id.ToString(), form["Input.ChannelId"]);
        Assert.Equal("The mother asks for help with her daughter's nightmares.", form["Input.Summary"]);
        Assert.Equal(Alpha.Mother.Id.ToString(), form["Input.PersonIds"]);
        form["Input.SourceId"] = Alpha.Item(ListKind.RequestSource, "FAMILY").Id.ToString();
        var before = await app.CountsAsync();

        var saved = await client.PostFormAsync(requestForm, requestForm, form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var requestId = Guid.Parse(saved.Headers.Location!.OriginalString[^36..]);
        var request = await app.FindRequestAsync(requestId);
        Assert.Equal(Alpha.Mother.Id, Assert.Single(request.Persons).BeneficiaryId);
        Assert.Equal(requestId, (await app.FindContactAsync(contact.Id))!.RequestId);
        Assert.Equal((before.Requests + 1, before.People), ((await app.CountsAsync()).Requests, (await app.CountsAsync()).People));
        var (_, linked) = await client.GetPageAsync(contactUrl);
        Assert.Equal($"/o/alpha/requests/{requestId}", linked.QuerySelector("main a.contact-request")!.GetAttribute("href"));
        Assert.Null(linked.QuerySelector("main a.button[href*='fromContact']"));

        var again = await CaseFileRecords.PageOfAsync(await client.PostFormAsync(requestForm, $"/o/alpha/requests/new", form));

        Assert.Contains(app.Shown("This contact was already turned into a request."), again.QuerySelector("main .errors")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(before.Requests + 1, (await app.CountsAsync()).Requests);
        Assert.Equal(requestId, (await app.FindContactAsync(contact.Id))!.RequestId);
    }

    [Fact]
    public async Task AContactOfAnotherOrganisation_AnswersNotFound_OnEveryPageAndTheRequestForm()
    {
        var beta = await app.InOrganisationAsync(app.World.Beta.Organisation.Id, async db =>
        {
            var contact = new Contact(app.World.Beta.Service.Id, new ContactDetails(ContactKind.HelplineCall, ContactDirection.Inbound,
                ContactRecords.Today, null, null, null, app.World.Beta.Child.Id, null, null, "Beta's secret call"), ContactRecords.Today);
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact;
        });
        using var client = await app.SignedInAsync(Alpha.AdminEmail);
        var form = await client.FormAsync(NewContact);

        foreach (var url in new[] { $"/o/alpha/contacts/{beta.Id}", $"/o/alpha/requests/new?fromContact={beta.Id}", $"/api/o/alpha/contacts/{beta.Id}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"/o/alpha/contacts/{beta.Id}", NewContact, form)).StatusCode);
        Assert.Null((await app.FindContactAsync(beta.Id)));
    }

    [Fact]
    public async Task Statistician_CannotOpenTheLog()
    {
        using var client = await app.SignedInAsync(Alpha.StatisticianEmail);

        foreach (var url in new[] { "/o/alpha/contacts", NewContact })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/access-denied", response.Headers.Location?.AbsolutePath);
        }
    }

    /// <summary>The contact the new-contact form reopened after: ?recorded=… in the redirection.</summary>
    private static Guid RecordedId(HttpResponseMessage response) =>
        Guid.Parse(System.Text.RegularExpressions.Regex.Match(response.Headers.Location!.OriginalString, "recorded=([0-9a-f-]{36})").Groups[1].Value);

    private string Value(string value) => value switch
    {
        "in three days" => ContactRecords.Today.AddDays(3).ToString("yyyy-MM-dd"),
        "beta's outcome" => app.World.Beta.Item(ListKind.ContactOutcome, "NEW-CARE").Id.ToString(),
        "beta's channel" => app.World.Beta.Item(ListKind.Channel, "PHONE").Id.ToString(),
        "beta's child" => app.World.Beta.Child.Id.ToString(),
        "beta's service" => app.World.Beta.Service.Id.ToString(),
        "beta's staff" => app.World.Beta.Staff.Id.ToString(),
        _ => value,
    };

    /// <summary>The key figures of the log: contacts, inbound, callbacks and redirected, outbound, anonymous.</summary>
    private static List<string> Figures(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("main dl.contact-counts dd").Select(dd => dd.TextContent.Trim()).ToList();
}
