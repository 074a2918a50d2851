using System.Net;
using System.Net.Http.Json;
using Suivi.Domain;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Contacts;

public sealed class ContactsApiTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Contacts = "/api/o/alpha/contacts";

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task Post_AnAnonymousCall_Answers201_AndCreatesNoPerson()
    {
        var helpline = await app.NewServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountsAsync();

        var response = await client.Http.PostAsJsonAsync(Contacts, Body(helpline.Id));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var contact = await ContactRecords.JsonAsync(response);
        Assert.Equal($"{Contacts}/{contact.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
        Assert.True(contact.GetProperty("anonymous").GetBoolean());
        Assert.Equal("Redirected", contact.GetProperty("direction").GetString());
        Assert.Equal("INFORMATION", contact.GetProperty("outcomeCode").GetString());
        Assert.Equal(90, contact.GetProperty("durationSeconds").GetInt32());
        var after = await app.CountsAsync();
        Assert.Equal((before.Contacts + 1, before.People), (after.Contacts, after.People));
    }

    public static TheoryData<string, object?, string> BadBodies => new()
    {
        { "durationSeconds", 12 * 3600 + 1, "durationSeconds" },
        { "durationSeconds", -1, "durationSeconds" },
        { "onDate", "in two days", "onDate" },
        { "onDate", null, "onDate" },
        { "kind", null, "kind" },
        { "direction", null, "direction" },
        { "outcomeId", "beta's outcome", "outcomeId" },
        { "beneficiaryId", "beta's child", "beneficiaryId" },
        { "serviceId", "beta's service", "serviceId" },
        { "serviceId", null, "serviceId" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Post_WithABadField_AnswersAProblemNamingIt_AndSavesNothing(string field, object? value, string problemField)
    {
        var helpline = await app.NewServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var body = Body(helpline.Id);
        body[field] = Value(value);
        var before = await app.CountsAsync();

        var response = await client.Http.PostAsJsonAsync(Contacts, body);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(problemField, out _), problem.ToString());
        Assert.Equal(before, await app.CountsAsync());
    }

    [Fact]
    public async Task Put_CorrectsWithTheVersionRead_AndAnswers409ToAnOlderOne()
    {
        var helpline = await app.NewServiceAsync();
        var contact = await app.AddContactAsync(helpline.Id, ContactRecords.Today);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var body = Body(helpline.Id);
        body["beneficiaryId"] = Alpha.Child.Id;
        body["version"] = contact.Version;

        var corrected = await client.Http.PutAsJsonAsync($"{Contacts}/{contact.Id}", body);
        var stale = await client.Http.PutAsJsonAsync($"{Contacts}/{contact.Id}", body);
        body.Remove("version");
        var unversioned = await client.Http.PutAsJsonAsync($"{Contacts}/{contact.Id}", body);

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.False((await ContactRecords.JsonAsync(corrected)).GetProperty("anonymous").GetBoolean());
        await Problems.ReadAsync(stale, HttpStatusCode.Conflict);
        await Problems.ReadAsync(unversioned, HttpStatusCode.BadRequest);
        Assert.Equal(Alpha.Child.Id, (await app.FindContactAsync(contact.Id))!.BeneficiaryId);
    }

    [Fact]
    public async Task List_GivesTheLogOfThePeriod_WithItsCounts()
    {
        var helpline = await app.NewServiceAsync();
        var day = ContactRecords.Today.AddDays(-20);
        await app.AddContactAsync(helpline.Id, day, ContactDirection.Inbound);
        await app.AddContactAsync(helpline.Id, day, ContactDirection.Outbound, Alpha.Mother.Id);
        await app.AddContactAsync(helpline.Id, day.AddDays(1), ContactDirection.Redirected);
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var log = await ContactRecords.JsonAsync(await client.GetAsync($"{Contacts}?serviceId={helpline.Id}&from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}"));
        var outbound = await ContactRecords.JsonAsync(await client.GetAsync($"{Contacts}?serviceId={helpline.Id}&from={day:yyyy-MM-dd}&direction=Outbound"));

        var counts = log.GetProperty("counts");
        Assert.Equal((3, 1, 1, 1, 2), (counts.GetProperty("total").GetInt32(), counts.GetProperty("inbound").GetInt32(),
            counts.GetProperty("redirected").GetInt32(), counts.GetProperty("outbound").GetInt32(), counts.GetProperty("anonymous").GetInt32()));
        Assert.Equal(3, log.GetProperty("items").GetArrayLength());
        Assert.Equal(Alpha.Mother.Id, Assert.Single(outbound.GetProperty("items").EnumerateArray()).GetProperty("beneficiaryId").GetGuid());
    }

    [Fact]
    public async Task AContactOfAnotherOrganisation_AnswersNotFound()
    {
        var beta = await app.InOrganisationAsync(app.World.Beta.Organisation.Id, async db =>
        {
            var contact = new Contact(app.World.Beta.Service.Id, new ContactDetails(ContactKind.ClientRelations, ContactDirection.Inbound,
                ContactRecords.Today, null, null, null, null, null, null, "Beta's contact"), ContactRecords.Today);
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact;
        });
        using var client = await app.SignedInAsync(Alpha.AdminEmail);
        var body = Body(Alpha.Service.Id);
        body["version"] = 0;

        await Problems.ReadAsync(await client.GetAsync($"{Contacts}/{beta.Id}"), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await client.Http.PutAsJsonAsync($"{Contacts}/{beta.Id}", body), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Statistician_CannotReadTheLog()
    {
        using var client = await app.SignedInAsync(Alpha.StatisticianEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Contacts)).StatusCode);
    }

    private Dictionary<string, object?> Body(Guid serviceId) => new()
    {
        ["serviceId"] = serviceId,
        ["kind"] = "HelplineCall",
        ["direction"] = "Redirected",
        ["onDate"] = ContactRecords.Today.ToString("yyyy-MM-dd"),
        ["atTime"] = "14:05:00",
        ["durationSeconds"] = 90,
        ["outcomeId"] = Alpha.Item(ListKind.ContactOutcome, "INFORMATION").Id,
        ["subject"] = "Called back from the Sud branch",
    };

    private object? Value(object? value) => value switch
    {
        "in two days" => ContactRecords.Today.AddDays(2).ToString("yyyy-MM-dd"),
        "beta's outcome" => app.World.Beta.Item(ListKind.ContactOutcome, "INFORMATION").Id,
        "beta's child" => app.World.Beta.Child.Id,
        "beta's service" => app.World.Beta.Service.Id,
        _ => value,
    };
}
