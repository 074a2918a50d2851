using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.People;

public sealed class PersonFormTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string NewPersonPage = "/o/alpha/people/new";

    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { "Input.LastName", "", "This field is required." },
        { "Input.Email", "zoe.faber.example.lu", "Enter a valid e-mail address." },
        { "Input.BirthDate", Today.AddDays(1).ToString("yyyy-MM-dd"), "The birth date must lie in the past 125 years." },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Create_WithAnInvalidField_ShowsTheMessageNextToItKeepsWhatWasTypedAndSavesNothing(string field, string value, string message)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var before = await CountPeopleAsync();
        var typed = await NewPersonAsync(client);
        typed[field] = value;

        var response = await client.PostFormAsync(NewPersonPage, NewPersonPage, typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var messages = page.QuerySelectorAll("span[data-valmsg-for]").Where(span => span.TextContent.Trim().Length > 0).ToList();
        Assert.Equal(field, Assert.Single(messages).GetAttribute("data-valmsg-for"));
        Assert.Equal(app.Shown(message), messages[0].TextContent.Trim());
        // Screen readers announce the field as invalid and read its message.
        var input = page.QuerySelector($"[name='{field}']")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal(messages[0].Id, input.GetAttribute("aria-describedby"));
        Assert.Equal(typed, HtmlForms.FieldsOf(page.QuerySelector("main form")!));
        Assert.Equal(before, await CountPeopleAsync());
    }

    [Fact]
    public async Task Create_WithValidFields_OpensTheNewPersonsPage()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var before = await CountPeopleAsync();

        var response = await client.PostFormAsync(NewPersonPage, NewPersonPage, await NewPersonAsync(client));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("^/o/alpha/people/[0-9a-f-]{36}$", response.Headers.Location!.OriginalString);
        var (shown, page) = await client.GetPageAsync(response.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("Zoé Faber", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(before + 1, await CountPeopleAsync());
    }

    [Fact]
    public async Task Edit_WithStaleVersion_IsRefusedAndKeepsTheOtherChange()
    {
        var person = await AddPersonAsync("Léa", "Thill");
        var editPage = $"/o/alpha/people/{person.Id}/edit";
        using var first = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        using var second = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var firstForm = await EditFormAsync(first, editPage);
        var secondForm = await EditFormAsync(second, editPage);
        firstForm["Input.Phone"] = "+352 691 111 222";
        secondForm["Input.Address"] = "12, rue des Tilleuls";

        var saved = await first.PostFormAsync(editPage, editPage, firstForm);
        var refused = await second.PostFormAsync(editPage, editPage, secondForm);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("Someone else changed this person while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."),
            page.QuerySelector("main .errors")!.TextContent.Trim());
        Assert.Equal("12, rue des Tilleuls", HtmlForms.FieldsOf(page.QuerySelector("main form")!)["Input.Address"]);
        var stored = await FindPersonAsync(person.Id);
        Assert.Equal("+352 691 111 222", stored.Phone);
        Assert.Null(stored.Address);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Edit_WithCurrentVersion_SavesTheChange()
    {
        var person = await AddPersonAsync("Max", "Reuter");
        var editPage = $"/o/alpha/people/{person.Id}/edit";
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await EditFormAsync(client, editPage);
        form["Input.Notes"] = "Prefers a call in the morning.";

        var response = await client.PostFormAsync(editPage, editPage, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await client.GetPageAsync($"/o/alpha/people/{person.Id}");
        Assert.Contains("Prefers a call in the morning.", page.QuerySelector("dl.details")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/edit")]
    public async Task UnknownPerson_ShowsTheNotFoundPageWithoutDetails(string subpage)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var response = await client.GetAsync($"/o/alpha/people/{Guid.NewGuid()}{subpage}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = TestClient.Parse(html);
        Assert.Equal(app.Shown("Page not found"), page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Suivi.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkAsParent_ShowsTheChildRelationOnTheOtherPersonsPage()
    {
        var parent = await AddPersonAsync("Hélène", "Majerus");
        var child = await AddPersonAsync("Théo", "Majerus");
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var linked = await LinkAsync(client, parent.Id, "theo majerus", child.Id, "parent");

        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal([$"{app.Shown("Child of")} Hélène Majerus"], await RelativesAsync(client, child.Id));
        Assert.Equal([$"{app.Shown("Parent of")} Théo Majerus"], await RelativesAsync(client, parent.Id));
    }

    [Fact]
    public async Task LinkTwice_IsRefusedWithAMessageAndKeepsOneLink()
    {
        var parent = await AddPersonAsync("Yasmina", "Öztürk");
        var child = await AddPersonAsync("Omar", "Öztürk");
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        await LinkAsync(client, parent.Id, "omar ozturk", child.Id, "parent");

        var again = await LinkAsync(client, child.Id, "yasmina ozturk", parent.Id, "child");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var page = TestClient.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("These two persons are already linked."), page.QuerySelector("main .errors")!.TextContent.Trim());
        Assert.Equal(1, await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.FamilyLinks
            .CountAsync(l => l.FromBeneficiaryId == child.Id || l.ToBeneficiaryId == child.Id)));
    }

    /// <summary>The new-person form, filled in completely.</summary>
    private static async Task<Dictionary<string, string>> NewPersonAsync(TestClient client)
    {
        var (_, page) = await client.GetPageAsync(NewPersonPage);
        var fields = HtmlForms.FieldsOf(page.QuerySelector("main form")!);
        fields["Input.FirstName"] = "Zoé";
        fields["Input.LastName"] = "Faber";
        fields["Input.BirthDate"] = "2019-05-04";
        fields["Input.Sex"] = "Female";
        fields["Input.Region"] = "Sud";
        fields["Input.Language"] = "lb";
        fields["Input.Phone"] = "+352 691 000 111";
        fields["Input.Email"] = "zoe.faber@example.lu";
        fields["Input.Address"] = "3, rue du Canal";
        fields["Input.Notes"] = "Comes with her grandmother.";
        return fields;
    }

    private static async Task<Dictionary<string, string>> EditFormAsync(TestClient client, string editPage)
    {
        var (_, page) = await client.GetPageAsync(editPage);
        return HtmlForms.FieldsOf(page.QuerySelector("main form")!);
    }

    /// <summary>Searches <paramref name="query"/> on the person's page and links the candidate found, as the person's page offers it.</summary>
    private static async Task<HttpResponseMessage> LinkAsync(TestClient client, Guid personId, string query, Guid otherId, string relation)
    {
        var searchPage = $"/o/alpha/people/{personId}?relative={Uri.EscapeDataString(query)}";
        var (_, page) = await client.GetPageAsync(searchPage);
        var candidate = page.QuerySelectorAll<IHtmlFormElement>("form.candidate")
            .Single(form => form.QuerySelector($"input[name=otherId][value='{otherId}']") is not null);
        var fields = HtmlForms.FieldsOf(candidate);
        fields["relation"] = relation;
        return await client.PostFormAsync(candidate.GetAttribute("action")!, searchPage, fields);
    }

    private static async Task<IReadOnlyList<string>> RelativesAsync(TestClient client, Guid personId)
    {
        var (_, page) = await client.GetPageAsync($"/o/alpha/people/{personId}");
        // What the line reads, without its "remove link" button.
        return page.QuerySelectorAll("ul.relatives li")
            .Select(li => string.Join(' ', string.Concat(li.ChildNodes.Where(n => n.NodeName != "FORM").Select(n => n.TextContent))
                .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
    }

    private Task<int> CountPeopleAsync() =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Beneficiaries.CountAsync());

    private Task<Beneficiary> FindPersonAsync(Guid id) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Beneficiaries.AsNoTracking().SingleAsync(b => b.Id == id));

    private Task<Beneficiary> AddPersonAsync(string firstName, string lastName) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var person = new Beneficiary(new BeneficiaryDetails(firstName, lastName, new DateOnly(2012, 9, 1), Sex.Unknown, Region.Nord,
                "fr", null, null, null, null));
            db.Beneficiaries.Add(person);
            await db.SaveChangesAsync();
            return person;
        });
}
