using System.Net;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Partners;

public sealed class PartnerDirectoryTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Directory = "/o/alpha/partners";
    private const string NewPartnerPage = "/o/alpha/partners/new";

    [Theory]
    [InlineData("partenaire ALPHA")]
    [InlineData("SANTE mentale")]
    [InlineData("santé")]
    public async Task Search_FindsNameAndThemeWhateverTheAccentsAndCase(string query)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var names = await NamesListedAsync(client, $"{Directory}?q={Uri.EscapeDataString(query)}");

        Assert.Contains("Partenaire alpha", names);
    }

    [Fact]
    public async Task Search_WithAccentsTheNameDoesNotHave_FindsItToo()
    {
        await AddPartnerAsync(new PartnerDetails("Ligue medico-sociale", "precarite", null, Region.Sud, null, null, null, null));
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var names = await NamesListedAsync(client, $"{Directory}?q={Uri.EscapeDataString("LIGUE MÉDICO")}");

        Assert.Equal(["Ligue medico-sociale"], names);
    }

    [Fact]
    public async Task Directory_ShowsOnlyTheOrganisationsOwnPartners()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var names = await NamesListedAsync(client, Directory);

        Assert.Contains("Partenaire alpha", names);
        Assert.DoesNotContain("Partenaire beta", names);
    }

    [Fact]
    public async Task Directory_ShowsEachPartnerWithItsServices()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (_, page) = await client.GetPageAsync($"{Directory}?q=partenaire+alpha");

        var row = page.QuerySelectorAll("main tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Partenaire alpha");
        Assert.Contains("Consultation pédopsychiatrique", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilterByRegion_LeavesOutPartnersOfOtherRegions()
    {
        await AddPartnerAsync(new PartnerDetails("Maison relais Nord", "accueil", null, Region.Nord, null, null, null, null));
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var names = await NamesListedAsync(client, $"{Directory}?region=Nord");

        Assert.Contains("Maison relais Nord", names);
        Assert.DoesNotContain("Partenaire alpha", names);
    }

    [Fact]
    public async Task FilterByTheme_FindsPartnersWhoseServiceHasTheTheme()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (_, page) = await client.GetPageAsync(Directory);
        var themes = page.QuerySelectorAll("select#theme option").Select(o => o.GetAttribute("value")).ToList();
        var names = await NamesListedAsync(client, $"{Directory}?theme={Uri.EscapeDataString("pédopsychiatrie")}");

        Assert.Contains("pédopsychiatrie", themes);
        Assert.Contains("santé mentale", themes);
        Assert.Contains("Partenaire alpha", names);
    }

    [Fact]
    public async Task Directory_OffersTheHsdsExportForDownload()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (_, page) = await client.GetPageAsync(Directory);

        var link = page.QuerySelector("main a[download]");
        Assert.NotNull(link);
        Assert.Equal("/api/o/alpha/partners/hsds", link.GetAttribute("href"));
    }

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { "Input.Name", "", "This field is required." },
        { "Input.Email", "contact.example.lu", "Enter a valid e-mail address." },
        { "Input.Website", "javascript:alert(1)", "Enter a full web address, such as https://www.example.lu." },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Create_WithAnInvalidField_ShowsTheMessageNextToItKeepsWhatWasTypedAndSavesNothing(string field, string value, string message)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var before = await CountPartnersAsync();
        var typed = NewPartnerForm("Planning familial");
        typed[field] = value;

        var response = await client.PostFormAsync(NewPartnerPage, NewPartnerPage, typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var messages = page.QuerySelectorAll("span[data-valmsg-for]").Where(span => span.TextContent.Trim().Length > 0).ToList();
        Assert.Equal(field, Assert.Single(messages).GetAttribute("data-valmsg-for"));
        Assert.Equal(app.Shown(message), messages[0].TextContent.Trim());
        Assert.Equal("true", page.QuerySelector($"[name='{field}']")!.GetAttribute("aria-invalid"));
        Assert.Equal(typed, HtmlForms.FieldsOf(page.QuerySelector("main form")!));
        Assert.Equal(before, await CountPartnersAsync());
    }

    [Fact]
    public async Task Create_WithValidFields_OpensTheNewPartnersPage()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.PostFormAsync(NewPartnerPage, NewPartnerPage, NewPartnerForm("Service d'aide précoce"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("^/o/alpha/partners/[0-9a-f-]{36}$", response.Headers.Location!.OriginalString);
        var (_, page) = await client.GetPageAsync(response.Headers.Location.OriginalString);
        Assert.Equal("Service d'aide précoce", page.QuerySelector("main h1")!.TextContent.Trim());
        var stored = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Partners.SingleAsync(p => p.Name == "Service d'aide précoce"));
        Assert.Equal("lb", stored.Languages);
        Assert.Equal(Region.Est, stored.Region);
    }

    [Fact]
    public async Task Edit_WithStaleVersion_IsRefusedAndKeepsTheOtherChange()
    {
        var partner = await AddPartnerAsync(new PartnerDetails("Office social", "aide sociale", null, Region.Centre, null, null, null, null));
        var editPage = $"/o/alpha/partners/{partner.Id}/edit";
        using var first = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        using var second = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var firstForm = await FormAsync(first, editPage);
        var secondForm = await FormAsync(second, editPage);
        firstForm["Input.Phone"] = "+352 26 11 11";
        secondForm["Input.Address"] = "3, place de la Gare, L-1616 Luxembourg";

        var saved = await first.PostFormAsync(editPage, editPage, firstForm);
        var refused = await second.PostFormAsync(editPage, editPage, secondForm);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("Someone else changed this partner while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."),
            page.QuerySelector("main .errors")!.TextContent.Trim());
        Assert.Equal("3, place de la Gare, L-1616 Luxembourg", HtmlForms.FieldsOf(page.QuerySelector("main form")!)["Input.Address"]);
        var stored = await FindPartnerAsync(partner.Id);
        Assert.Equal("+352 26 11 11", stored.Phone);
        Assert.Null(stored.Address);
    }

    [Fact]
    public async Task Edit_WithAnInvalidEmail_ShowsTheMessageAndChangesNothing()
    {
        var partner = await AddPartnerAsync(new PartnerDetails("Centre de médiation", null, null, null, null, "info@mediation.example", null, null));
        var editPage = $"/o/alpha/partners/{partner.Id}/edit";
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await FormAsync(client, editPage);
        form["Input.Email"] = "info at mediation";
        form["Input.Name"] = "Renamed";

        var response = await client.PostFormAsync(editPage, editPage, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("Enter a valid e-mail address."), page.QuerySelector("span[data-valmsg-for='Input.Email']")!.TextContent.Trim());
        var stored = await FindPartnerAsync(partner.Id);
        Assert.Equal("Centre de médiation", stored.Name);
        Assert.Equal("info@mediation.example", stored.Email);
    }

    [Fact]
    public async Task AddService_ListsItOnThePartnersPage()
    {
        var partner = await AddPartnerAsync(new PartnerDetails("Hôpital du Nord", "santé", null, Region.Nord, null, null, null, null));
        var detailsPage = $"/o/alpha/partners/{partner.Id}";
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await ServiceFormAsync(client, detailsPage);
        form["Service.Name"] = "Consultation ophtalmologique";
        form["Service.Theme"] = "ophtalmologie";
        form["Service.Email"] = "ophtalmo@hopital.example";
        form["Service.Languages"] = "de";

        var response = await client.PostFormAsync($"{detailsPage}?handler=SaveService", detailsPage, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await client.GetPageAsync(detailsPage);
        var row = Assert.Single(page.QuerySelectorAll("main tbody tr"));
        Assert.Equal("Consultation ophtalmologique", row.QuerySelector("th")!.TextContent.Trim());
        Assert.Contains("Deutsch", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddService_WithoutNameOrWithAnInvalidEmail_ShowsTheMessageAndSavesNothing()
    {
        var partner = await AddPartnerAsync(new PartnerDetails("Cabinet de logopédie", null, null, null, null, null, null, null));
        var detailsPage = $"/o/alpha/partners/{partner.Id}";
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await ServiceFormAsync(client, detailsPage);
        form["Service.Name"] = "";
        form["Service.Email"] = "logopedie";

        var response = await client.PostFormAsync($"{detailsPage}?handler=SaveService", detailsPage, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("This field is required."), page.QuerySelector("span[data-valmsg-for='Service.Name']")!.TextContent.Trim());
        Assert.Equal(app.Shown("Enter a valid e-mail address."), page.QuerySelector("span[data-valmsg-for='Service.Email']")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("details#service-form[open]"));
        Assert.Equal(0, await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.PartnerServices.CountAsync(s => s.PartnerId == partner.Id)));
    }

    [Fact]
    public async Task EditService_WithStaleVersion_IsRefused()
    {
        var partner = await AddPartnerAsync(new PartnerDetails("Centre thérapeutique", null, null, null, null, null, null, null));
        var service = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var added = new PartnerService(partner.Id, "Thérapie familiale", null, null, null, null, null);
            db.PartnerServices.Add(added);
            await db.SaveChangesAsync();
            return added;
        });
        var detailsPage = $"/o/alpha/partners/{partner.Id}";
        var editPage = $"{detailsPage}?service={service.Id}";
        using var first = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        using var second = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var firstForm = await ServiceFormAsync(first, editPage);
        var secondForm = await ServiceFormAsync(second, editPage);
        firstForm["Service.Phone"] = "+352 27 00 00";
        secondForm["Service.Description"] = "Groupes de parole";

        var saved = await first.PostFormAsync($"{detailsPage}?handler=SaveService", detailsPage, firstForm);
        var refused = await second.PostFormAsync($"{detailsPage}?handler=SaveService", detailsPage, secondForm);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("Someone else changed this service while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."),
            page.QuerySelector("main .errors")!.TextContent.Trim());
        var stored = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.PartnerServices.SingleAsync(s => s.Id == service.Id));
        Assert.Equal("+352 27 00 00", stored.Phone);
        Assert.Null(stored.Description);
    }

    [Fact]
    public async Task Statistician_ReadsTheDirectory_ButCannotCreateOrEdit()
    {
        var partner = app.World.Alpha.Partner;
        using var client = await app.SignedInAsync(app.World.Alpha.StatisticianEmail);

        var (list, listPage) = await client.GetPageAsync(Directory);
        var (details, detailsPage) = await client.GetPageAsync($"{Directory}/{partner.Id}");
        var newPage = await client.GetAsync(NewPartnerPage);
        var editPage = await client.GetAsync($"{Directory}/{partner.Id}/edit");
        var posted = await client.PostFormAsync(NewPartnerPage, Directory, NewPartnerForm("Statistician-made"));
        var service = await client.PostFormAsync($"{Directory}/{partner.Id}?handler=SaveService", Directory,
            new() { ["Service.Name"] = "Statistician-made" });

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("Partenaire alpha", listPage.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);
        Assert.Null(listPage.QuerySelector($"main a[href='{NewPartnerPage}']"));
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Null(detailsPage.QuerySelector("main form"));
        Assert.Null(detailsPage.QuerySelector($"main a[href='{Directory}/{partner.Id}/edit']"));
        foreach (var refused in new[] { newPage, editPage, posted, service })
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/access-denied", refused.Headers.Location?.AbsolutePath);
        }
        Assert.Equal(0, await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
            await db.Partners.CountAsync(p => p.Name == "Statistician-made") + await db.PartnerServices.CountAsync(s => s.Name == "Statistician-made")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/edit")]
    public async Task UnknownOrOtherOrganisationsPartner_AnswersNotFound(string subpage)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var unknown = await client.GetAsync($"{Directory}/{Guid.NewGuid()}{subpage}");
        var betas = await client.GetAsync($"{Directory}/{app.World.Beta.Partner.Id}{subpage}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, betas.StatusCode);
        Assert.DoesNotContain("Partenaire beta", await betas.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> NewPartnerForm(string name) => new()
    {
        ["Input.Version"] = "0",
        ["Input.Name"] = name,
        ["Input.Theme"] = "petite enfance",
        ["Input.Region"] = "Est",
        ["Input.Address"] = "",
        ["Input.Phone"] = "+352 80 12 34",
        ["Input.Email"] = "contact@example.lu",
        ["Input.Website"] = "https://www.example.lu",
        ["Input.Languages"] = "lb",
    };

    private static async Task<List<string>> NamesListedAsync(TestClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page.QuerySelectorAll("main tbody tr > th").Select(th => th.TextContent.Trim()).ToList();
    }

    private static async Task<Dictionary<string, string>> FormAsync(TestClient client, string url)
    {
        var (_, page) = await client.GetPageAsync(url);
        return HtmlForms.FieldsOf(page.QuerySelector("main form")!);
    }

    private static async Task<Dictionary<string, string>> ServiceFormAsync(TestClient client, string url)
    {
        var (_, page) = await client.GetPageAsync(url);
        return HtmlForms.FieldsOf(page.QuerySelector("#service-form form")!);
    }

    private Task<Partner> AddPartnerAsync(PartnerDetails details) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var partner = new Partner(details);
            db.Partners.Add(partner);
            await db.SaveChangesAsync();
            return partner;
        });

    private Task<Partner> FindPartnerAsync(Guid id) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Partners.AsNoTracking().SingleAsync(p => p.Id == id));

    private Task<int> CountPartnersAsync() =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Partners.CountAsync());
}
