using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Features.Settings;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Settings;

public sealed class ListSettingsTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string ListsPage = "/o/alpha/settings/lists";

    [Fact]
    public async Task ListsPage_ShowsEveryListWithItsReadyMadeEntriesInOrder()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var (response, page) = await client.GetPageAsync(ListsPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var kind in Enum.GetValues<ListKind>())
        {
            Assert.NotNull(page.GetElementById(kind.ToString()));
        }
        var sources = Codes(page, ListKind.RequestSource);
        Assert.Equal(["FAMILY", "PERSON", "MATERNITY"], sources.Take(3));
        Assert.Contains("La famille elle-même", Section(page, ListKind.RequestSource).TextContent, StringComparison.Ordinal);
        Assert.Contains("Die Familie selbst", Section(page, ListKind.RequestSource).TextContent, StringComparison.Ordinal);
        Assert.Contains("PREGNANCY", Codes(page, ListKind.Flag));
        Assert.Contains("YOUTH-COURT", Codes(page, ListKind.JusticeAuthority));
    }

    [Fact]
    public async Task AddEntry_WithValidFields_SavesItAtTheEndOfItsList()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var fields = Entry(ListKind.Channel, "VIDEO", "Visioconférence");
        fields["Input.LabelDe"] = "Videokonferenz";
        fields["Input.LabelEn"] = "Video call";

        var response = await client.PostFormAsync(ListsPage, ListsPage, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db =>
            db.ListItems.SingleAsync(i => i.List == ListKind.Channel && i.Code == "VIDEO"));
        Assert.Equal(new Label("Visioconférence", "Videokonferenz", "Video call"), saved.Label);
        Assert.Null(saved.ServiceId);
        Assert.True(saved.IsActive);
        var (_, page) = await client.GetPageAsync(ListsPage);
        Assert.Equal("VIDEO", Codes(page, ListKind.Channel).Last());
    }

    [Fact]
    public async Task AddEntry_ForOneService_IsOfferedInThatServiceOnly()
    {
        var alpha = app.World.Alpha;
        var other = await app.InOrganisationAsync(alpha.Organisation.Id, async db =>
        {
            var service = new Service("HOME", "Service d'aide à domicile", ServiceKind.HomeVisiting);
            db.Services.Add(service);
            await db.SaveChangesAsync();
            return service;
        });
        using var client = await app.SignedInAsync(alpha.AdminEmail);
        var fields = Entry(ListKind.RequestSource, "CRECHE", "Crèche");
        fields["Input.ServiceId"] = alpha.Service.Id.ToString();

        var response = await client.PostFormAsync(ListsPage, ListsPage, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (inService, inOther, organisationWide) = await app.InOrganisationAsync(alpha.Organisation.Id, async db => (
            await db.ListItems.ActiveAsync(ListKind.RequestSource, alpha.Service.Id, CancellationToken.None),
            await db.ListItems.ActiveAsync(ListKind.RequestSource, other.Id, CancellationToken.None),
            await db.ListItems.ActiveAsync(ListKind.RequestSource, null, CancellationToken.None)));
        Assert.Contains("CRECHE", inService.Select(i => i.Code));
        Assert.Contains("FAMILY", inService.Select(i => i.Code));
        Assert.DoesNotContain("CRECHE", inOther.Select(i => i.Code));
        Assert.Contains("FAMILY", inOther.Select(i => i.Code));
        Assert.DoesNotContain("CRECHE", organisationWide.Select(i => i.Code));
        Assert.Equal(inService.OrderBy(i => i.Position).Select(i => i.Id), inService.Select(i => i.Id));
    }

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { "Input.Code", "phone", "This code is already used in this list." },
        { "Input.Code", "", "This field is required." },
        { "Input.Code", "NEW CODE", "A code uses letters, digits, dashes, dots and underscores only." },
        { "Input.LabelFr", " ", "This field is required." },
        { "Input.Position", "-3", "Enter a position of 0 or more." },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task AddEntry_WithAnInvalidField_ShowsTheMessageNextToItKeepsWhatWasTypedAndSavesNothing(string field, string value, string message)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var before = await CountEntriesAsync();
        var typed = Entry(ListKind.Channel, "FAX", "Télécopie");
        typed[field] = value;

        var response = await client.PostFormAsync(ListsPage, ListsPage, typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var messages = page.QuerySelectorAll("span[data-valmsg-for]").Where(span => span.TextContent.Trim().Length > 0).ToList();
        Assert.Equal(field, Assert.Single(messages).GetAttribute("data-valmsg-for"));
        Assert.Equal(app.Shown(message), messages[0].TextContent.Trim());
        Assert.Equal("true", page.QuerySelector($"[name='{field}']")!.GetAttribute("aria-invalid"));
        var shown = HtmlForms.FieldsOf(page.QuerySelector("main form[method=post]:not([action*=handler])")!);
        Assert.All(typed, pair => Assert.Equal(pair.Value, shown[pair.Key]));
        Assert.Equal(before, await CountEntriesAsync());
    }

    [Fact]
    public async Task AddEntry_ForAnUnknownService_IsRefusedOnTheServiceField()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var before = await CountEntriesAsync();
        var typed = Entry(ListKind.Channel, "SMS", "SMS");
        typed["Input.ServiceId"] = app.World.Beta.Service.Id.ToString();

        var response = await client.PostFormAsync(ListsPage, ListsPage, typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("Choose a service of the organisation."),
            page.QuerySelector("span[data-valmsg-for='Input.ServiceId']")!.TextContent.Trim());
        Assert.Equal(before, await CountEntriesAsync());
    }

    [Fact]
    public async Task Retire_KeepsTheEntryReadableButNoLongerOffered()
    {
        var item = await AddItemAsync(ListKind.ClosureReason, "DECEASED", "Décès");
        var editPage = $"{ListsPage}/{item.Id}";
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var response = await client.PostFormAsync($"{editPage}?handler=Retire", editPage, new() { ["version"] = item.Version.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (stored, active) = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db => (
            await db.ListItems.SingleAsync(i => i.Id == item.Id),
            await db.ListItems.ActiveAsync(ListKind.ClosureReason, null, CancellationToken.None)));
        Assert.NotNull(stored.RetiredOn);
        Assert.Equal("Décès", stored.Label.Fr);
        Assert.DoesNotContain(item.Id, active.Select(i => i.Id));
        Assert.Contains(active, i => i.Code == "GOOD-EVOLUTION");
        var (shown, page) = await client.GetPageAsync(editPage);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("Décès", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main .status-closed"));
        var (_, lists) = await client.GetPageAsync(ListsPage);
        Assert.Contains("DECEASED", Codes(lists, ListKind.ClosureReason));
    }

    [Fact]
    public async Task Reinstate_OffersTheEntryAgain()
    {
        var item = await AddItemAsync(ListKind.ClosureReason, "ABROAD", "Départ à l'étranger");
        var editPage = $"{ListsPage}/{item.Id}";
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        await client.PostFormAsync($"{editPage}?handler=Retire", editPage, new() { ["version"] = item.Version.ToString() });

        var response = await client.PostFormAsync($"{editPage}?handler=Reinstate", editPage, new() { ["version"] = (item.Version + 1).ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var active = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db =>
            db.ListItems.ActiveAsync(ListKind.ClosureReason, null, CancellationToken.None));
        Assert.Contains(item.Id, active.Select(i => i.Id));
    }

    [Fact]
    public async Task Relabel_ChangesTheLabelsAndPosition()
    {
        var item = await AddItemAsync(ListKind.ReferralSpeciality, "ORTHOPTIST", "Orthoptiste");
        var editPage = $"{ListsPage}/{item.Id}";
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var form = await FormAsync(client, editPage);
        form["Input.LabelEn"] = "Orthoptist";
        form["Input.Position"] = "2";

        var response = await client.PostFormAsync(editPage, editPage, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.ListItems.SingleAsync(i => i.Id == item.Id));
        Assert.Equal(new Label("Orthoptiste", null, "Orthoptist"), stored.Label);
        Assert.Equal(2, stored.Position);
    }

    [Fact]
    public async Task Relabel_WithStaleVersion_IsRefusedAndKeepsTheOtherChange()
    {
        var item = await AddItemAsync(ListKind.ReferralSpeciality, "OSTEOPATH", "Ostéopathe");
        var editPage = $"{ListsPage}/{item.Id}";
        using var first = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        using var second = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var firstForm = await FormAsync(first, editPage);
        var secondForm = await FormAsync(second, editPage);
        firstForm["Input.LabelDe"] = "Osteopath/in";
        secondForm["Input.LabelEn"] = "Osteopath";

        var saved = await first.PostFormAsync(editPage, editPage, firstForm);
        var refused = await second.PostFormAsync(editPage, editPage, secondForm);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector(".errors li"));
        Assert.Equal("Osteopath", ((IHtmlInputElement)page.QuerySelector("[name='Input.LabelEn']")!).Value);
        var stored = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.ListItems.SingleAsync(i => i.Id == item.Id));
        Assert.Equal(new Label("Ostéopathe", "Osteopath/in", null), stored.Label);
    }

    [Fact]
    public async Task Relabel_WithoutFrenchLabel_ShowsTheMessageAndChangesNothing()
    {
        var item = await AddItemAsync(ListKind.ReferralSpeciality, "DIETICIAN", "Diététicien·ne");
        var editPage = $"{ListsPage}/{item.Id}";
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var form = await FormAsync(client, editPage);
        form["Input.LabelFr"] = "";

        var response = await client.PostFormAsync(editPage, editPage, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("This field is required."), page.QuerySelector("span[data-valmsg-for='Input.LabelFr']")!.TextContent.Trim());
        var stored = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.ListItems.SingleAsync(i => i.Id == item.Id));
        Assert.Equal("Diététicien·ne", stored.Label.Fr);
    }

    [Fact]
    public async Task AnotherOrganisationsEntry_IsNotFound()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        using var response = await client.GetAsync($"{ListsPage}/{app.World.Beta.Item(ListKind.Channel, "PHONE").Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Dictionary<string, string> Entry(ListKind list, string code, string labelFr) => new()
    {
        ["Input.List"] = list.ToString(),
        ["Input.Code"] = code,
        ["Input.LabelFr"] = labelFr,
        ["Input.LabelDe"] = "",
        ["Input.LabelEn"] = "",
        ["Input.Position"] = "",
        ["Input.ServiceId"] = "",
        ["Input.FlagValue"] = nameof(FlagValue.None),
    };

    private static IHtmlElement Section(IHtmlDocument page, ListKind kind) =>
        (IHtmlElement)page.QuerySelector($"section[aria-labelledby='{kind}']")!;

    private static List<string> Codes(IHtmlDocument page, ListKind kind) =>
        Section(page, kind).QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim()).ToList();

    private static async Task<Dictionary<string, string>> FormAsync(TestClient client, string editPage)
    {
        var (_, page) = await client.GetPageAsync(editPage);
        return HtmlForms.FieldsOf(page.QuerySelector("main form:not([action*=handler])")!);
    }

    private Task<ListItem> AddItemAsync(ListKind list, string code, string labelFr) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var item = new ListItem(list, code, new Label(labelFr, null, null), 50);
            db.ListItems.Add(item);
            await db.SaveChangesAsync();
            return item;
        });

    private Task<int> CountEntriesAsync() =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.ListItems.CountAsync());
}
