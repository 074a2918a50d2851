using System.Net;
using Microsoft.EntityFrameworkCore;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Settings;

public sealed class TypologySettingsTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string TypologiesPage = "/o/alpha/settings/typologies";

    private int MainMotives => app.World.Alpha.Scheme(ReadyMade.MainMotiveScheme).Categories.Count;

    [Fact]
    public async Task TypologiesPage_ShowsTheReadyMadeSchemesWithTheirCategoryCounts()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var (response, page) = await client.GetPageAsync(TypologiesPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("main table tbody tr")
            .ToDictionary(r => r.QuerySelector("td.mono")!.TextContent.Trim(), r => r);
        Assert.Equal("Typologie de la maltraitance (M1–M24)", rows[ReadyMade.MaltreatmentScheme].QuerySelector("th")!.TextContent.Trim());
        var motives = rows[ReadyMade.MainMotiveScheme];
        Assert.Equal("Motif principal", motives.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal(["1", MainMotives.ToString(), "0"], motives.QuerySelectorAll("td.num").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task SchemePage_ListsTheCategoriesInOrder()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var (response, page) = await client.GetPageAsync($"{TypologiesPage}/{app.World.Alpha.Scheme(ReadyMade.MaltreatmentScheme).Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = page.QuerySelectorAll("main table tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(Enumerable.Range(1, 24).Select(n => $"M{n}"), codes.Take(24));
    }

    [Fact]
    public async Task AddCategory_StartsANewEditionAndAddsItAtTheEnd()
    {
        var scheme = await NewSchemeAsync("motives-a", "PHYS", "PSY");
        var schemePage = $"{TypologiesPage}/{scheme.Id}";
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var form = await AddFormAsync(client, schemePage);
        form["Input.Code"] = "SCHOOL";
        form["Input.LabelFr"] = "Difficultés scolaires";
        form["Input.LabelEn"] = "School difficulties";
        form["Input.Group"] = "Contexte";

        var response = await client.PostFormAsync(schemePage, schemePage, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await LoadAsync(scheme.Id);
        Assert.Equal(scheme.Edition + 1, stored.Edition);
        var added = stored.Categories.Single(c => c.Code == "SCHOOL");
        Assert.Equal(stored.Edition, added.SinceEdition);
        Assert.Equal(3, added.Position);
        Assert.Equal("Contexte", added.Group);
        Assert.Equal(new Label("Difficultés scolaires", null, "School difficulties"), added.Label);
    }

    [Fact]
    public async Task AddCategory_ToTheReadyMadeMaltreatmentTypology_BumpsItsEdition()
    {
        var scheme = app.World.Alpha.Scheme(ReadyMade.MaltreatmentScheme);
        var schemePage = $"{TypologiesPage}/{scheme.Id}";
        var before = (await LoadAsync(scheme.Id)).Edition;
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var form = await AddFormAsync(client, schemePage);
        form["Input.Code"] = "M25";
        form["Input.LabelFr"] = "Cyberharcèlement";

        var response = await client.PostFormAsync(schemePage, schemePage, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await LoadAsync(scheme.Id);
        Assert.Equal(before + 1, stored.Edition);
        Assert.Equal(25, stored.Categories.Count(c => c.RetiredOn is null));
    }

    public static TheoryData<string, string, string> InvalidCategories => new()
    {
        { "Input.Code", "phys", "This code is already used in the scheme." },
        { "Input.Code", "", "This field is required." },
        { "Input.Code", "M 1", "A code uses letters, digits, dashes, dots and underscores only." },
        { "Input.LabelFr", "", "This field is required." },
    };

    [Theory]
    [MemberData(nameof(InvalidCategories))]
    public async Task AddCategory_WithAnInvalidField_ShowsTheMessageAndChangesNothing(string field, string value, string message)
    {
        var scheme = await NewSchemeAsync($"motives-{Guid.NewGuid():N}"[..20], "PHYS", "PSY");
        var schemePage = $"{TypologiesPage}/{scheme.Id}";
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var form = await AddFormAsync(client, schemePage);
        form["Input.Code"] = "NEGLECT";
        form["Input.LabelFr"] = "Négligence";
        form[field] = value;

        var response = await client.PostFormAsync(schemePage, schemePage, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var messages = page.QuerySelectorAll("span[data-valmsg-for]").Where(span => span.TextContent.Trim().Length > 0).ToList();
        Assert.Equal(field, Assert.Single(messages).GetAttribute("data-valmsg-for"));
        Assert.Equal(app.Shown(message), messages[0].TextContent.Trim());
        Assert.Equal(scheme.Edition.ToString(), page.QuerySelectorAll("dl.details dd")[1].TextContent.Trim());
        var stored = await LoadAsync(scheme.Id);
        Assert.Equal(scheme.Edition, stored.Edition);
        Assert.Equal(2, stored.Categories.Count);
    }

    [Fact]
    public async Task RetireCategory_BumpsTheEditionAndKeepsItReadable()
    {
        var scheme = await NewSchemeAsync("motives-b", "PHYS", "PSY", "OLD");
        var schemePage = $"{TypologiesPage}/{scheme.Id}";
        var old = scheme.Categories.Single(c => c.Code == "OLD");
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var response = await client.PostFormAsync($"{schemePage}?handler=Retire", schemePage,
            new() { ["categoryId"] = old.Id.ToString(), ["version"] = scheme.Version.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await LoadAsync(scheme.Id);
        Assert.Equal(scheme.Edition + 1, stored.Edition);
        var retired = stored.Categories.Single(c => c.Id == old.Id);
        Assert.Equal(stored.Edition, retired.RetiredInEdition);
        Assert.NotNull(retired.RetiredOn);
        var active = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db =>
            Suivi.Features.Settings.Choices.ActiveAsync(db.TypologyCategories, scheme.Id, CancellationToken.None));
        Assert.Equal(["PHYS", "PSY"], active.Select(c => c.Code));
        var (_, page) = await client.GetPageAsync(schemePage);
        Assert.Contains("OLD", page.QuerySelectorAll("main table tbody th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public async Task RetireCategory_WithAStaleEdition_IsRefused()
    {
        var scheme = await NewSchemeAsync("motives-c", "PHYS", "PSY", "OTHER");
        var schemePage = $"{TypologiesPage}/{scheme.Id}";
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        await client.PostFormAsync($"{schemePage}?handler=Retire", schemePage,
            new() { ["categoryId"] = scheme.Categories[2].Id.ToString(), ["version"] = scheme.Version.ToString() });

        var response = await client.PostFormAsync($"{schemePage}?handler=Retire", schemePage,
            new() { ["categoryId"] = scheme.Categories[1].Id.ToString(), ["version"] = scheme.Version.ToString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector(".errors li"));
        var stored = await LoadAsync(scheme.Id);
        Assert.Null(stored.Categories.Single(c => c.Code == "PSY").RetiredOn);
        Assert.Equal(scheme.Edition + 1, stored.Edition);
    }

    [Fact]
    public async Task NewScheme_IsCreatedAndOpensItsPage()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var response = await client.PostFormAsync(TypologiesPage, TypologiesPage, new()
        {
            ["Input.Code"] = "family-context",
            ["Input.NameFr"] = "Contexte familial",
            ["Input.NameDe"] = "Familiärer Kontext",
            ["Input.NameEn"] = "Family context",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (shown, page) = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("Contexte familial", page.QuerySelector("h1")!.TextContent.Trim());
        var stored = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db =>
            db.TypologySchemes.Include(s => s.Categories).SingleAsync(s => s.Code == "family-context"));
        Assert.Equal(new Label("Contexte familial", "Familiärer Kontext", "Family context"), stored.Name);
        Assert.Equal(1, stored.Edition);
        Assert.Empty(stored.Categories);
    }

    [Fact]
    public async Task NewScheme_FirstCategoriesMakeUpItsFirstEdition()
    {
        var scheme = await NewSchemeAsync("motives-d");
        var schemePage = $"{TypologiesPage}/{scheme.Id}";
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var form = await AddFormAsync(client, schemePage);
        form["Input.Code"] = "FIRST";
        form["Input.LabelFr"] = "Première catégorie";

        await client.PostFormAsync(schemePage, schemePage, form);

        var stored = await LoadAsync(scheme.Id);
        Assert.Equal(1, stored.Edition);
        Assert.Equal(1, Assert.Single(stored.Categories).SinceEdition);
    }

    public static TheoryData<string, string, string> InvalidSchemes => new()
    {
        { "Input.Code", "MAIN-motive", "This code is already used by another scheme." },
        { "Input.Code", "un schéma", "A code uses letters, digits, dashes, dots and underscores only." },
        { "Input.NameFr", "", "This field is required." },
    };

    [Theory]
    [MemberData(nameof(InvalidSchemes))]
    public async Task NewScheme_WithAnInvalidField_ShowsTheMessageAndSavesNothing(string field, string value, string message)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var before = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.TypologySchemes.CountAsync());
        var typed = new Dictionary<string, string>
        {
            ["Input.Code"] = "violence",
            ["Input.NameFr"] = "Violences",
            ["Input.NameDe"] = "",
            ["Input.NameEn"] = "",
        };
        typed[field] = value;

        var response = await client.PostFormAsync(TypologiesPage, TypologiesPage, typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var messages = page.QuerySelectorAll("span[data-valmsg-for]").Where(span => span.TextContent.Trim().Length > 0).ToList();
        Assert.Equal(field, Assert.Single(messages).GetAttribute("data-valmsg-for"));
        Assert.Equal(app.Shown(message), messages[0].TextContent.Trim());
        Assert.Equal(typed, HtmlForms.FieldsOf(page.QuerySelector("main form")!));
        Assert.Equal(before, await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.TypologySchemes.CountAsync()));
    }

    [Fact]
    public async Task AnotherOrganisationsScheme_IsNotFound()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        using var response = await client.GetAsync($"{TypologiesPage}/{app.World.Beta.Scheme(ReadyMade.MaltreatmentScheme).Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<Dictionary<string, string>> AddFormAsync(TestClient client, string schemePage)
    {
        var (_, page) = await client.GetPageAsync(schemePage);
        return HtmlForms.FieldsOf(page.QuerySelector("main form:not([action*=handler])")!);
    }

    private Task<TypologyScheme> NewSchemeAsync(string code, params string[] categories) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var scheme = new TypologyScheme(code, new Label($"Schéma {code}", null, null));
            foreach (var category in categories)
            {
                scheme.AddCategory(category, new Label($"Catégorie {category}", null, null), null);
            }
            db.TypologySchemes.Add(scheme);
            await db.SaveChangesAsync();
            return scheme;
        });

    private Task<TypologyScheme> LoadAsync(Guid id) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db =>
            db.TypologySchemes.AsNoTracking().Include(s => s.Categories).SingleAsync(s => s.Id == id));
}
