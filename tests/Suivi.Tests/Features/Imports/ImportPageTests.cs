using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Suivi.Infrastructure.Imports;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;
using static Suivi.Tests.Features.Imports.ImportFiles;

namespace Suivi.Tests.Features.Imports;

/// <summary>
/// The import page and its API, as an administrator uses them: the browser uploads the file to the API and
/// follows the run; without script the form posts to the page, which then shows the run.
/// </summary>
public sealed class ImportPageTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Page = "/o/alpha/imports";
    private const string Api = "/api/o/alpha/imports";

    private static async Task<HttpResponseMessage> UploadAsync(TestClient client, string query, byte[] file, bool withToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}?{query}") { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (withToken)
        {
            request.Headers.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync(Page));
        }
        return await client.Http.SendAsync(request);
    }

    /// <summary>Polls the run as the page does, until it has ended.</summary>
    private static async Task<JsonElement> FinishedAsync(TestClient client, string location)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var run = await client.Http.GetFromJsonAsync<JsonElement>(location);
            if (run.GetProperty("status").GetString() != "Running")
            {
                return run;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{location} still running");
    }

    private static async Task<bool> UploadsDeletedAsync()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (!Directory.Exists(ImportUploads.Folder) || Directory.GetFiles(ImportUploads.Folder, "*.upload").Length == 0)
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }

    [Fact]
    public async Task Upload_ToTheApi_RunsInTheBackground_AndIsFollowedToItsEnd()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var before = await app.PeopleAsync();

        var response = await UploadAsync(client, "kind=people&dryRun=false&fileName=people.csv",
            Csv(PeopleHeader, "API-1,Ana,Upload,,,,,,,,", "API-2,Rui,Upload,,,,,,,,"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        var location = response.Headers.Location!.ToString();
        Assert.Equal(started.GetProperty("location").GetString(), location);
        var run = await FinishedAsync(client, location);
        Assert.Equal(("Succeeded", "people.csv", 2L, 2L), (run.GetProperty("status").GetString(), run.GetProperty("fileName").GetString(),
            run.GetProperty("rowsRead").GetInt64(), run.GetProperty("rowsWritten").GetInt64()));
        Assert.Equal(before + 2, await app.PeopleAsync());
        Assert.True(await UploadsDeletedAsync(), "the uploaded file is deleted once imported");
        var (page, document) = await client.GetPageAsync(started.GetProperty("page").GetString()!);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(app.Shown("Succeeded"), document.QuerySelector(".heading .status")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRunWithErrors_ListsThemInTheUsersLanguage_AndOffersThemAsCsv()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var response = await UploadAsync(client, "kind=deliveries&dryRun=true&fileName=week.csv",
            Csv(DeliveryHeader, Delivery("API-D1", "2025-02-03"), Delivery("API-D2", "2025-02-04", hours: "30")));
        var run = await FinishedAsync(client, response.Headers.Location!.ToString());

        Assert.Equal(("Failed", 1L), (run.GetProperty("status").GetString(), run.GetProperty("errorCount").GetInt64()));
        var error = Assert.Single(run.GetProperty("errors").EnumerateArray());
        Assert.Equal((3L, "hours", app.Shown("A duration is at most 24 hours.")),
            (error.GetProperty("line").GetInt64(), error.GetProperty("column").GetString(), error.GetProperty("reason").GetString()));
        var id = run.GetProperty("id").GetString();
        var csv = await client.GetAsync($"{Api}/{id}/errors");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"3,hours,{app.Shown("A duration is at most 24 hours.")}", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (_, page) = await client.GetPageAsync($"{Page}/{id}");
        var cells = page.QuerySelectorAll("table.import-errors tbody td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["3", "hours", app.Shown("A duration is at most 24 hours.")], cells);
    }

    [Fact]
    public async Task PlainFormPost_WithoutScript_StartsTheImport_AndShowsTheRun()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var token = await client.AntiforgeryTokenAsync(Page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("people"), "Kind" },
            { new StringContent("check"), "Mode" },
        };
        var file = new ByteArrayContent(Csv(PeopleHeader, "FORM-1,Ana,Form,,,,,,,,"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "form.csv");
        var before = await app.PeopleAsync();

        var response = await client.Http.PostAsync(Page, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var runPage = response.Headers.Location!.ToString();
        Assert.StartsWith($"{Page}/", runPage, StringComparison.Ordinal);
        await FinishedAsync(client, "/api" + runPage);
        var (_, document) = await client.GetPageAsync(runPage);
        Assert.Contains(app.Shown("Succeeded"), document.QuerySelector(".heading .status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await app.PeopleAsync());
        var (_, list) = await client.GetPageAsync(Page);
        Assert.Contains(list.QuerySelectorAll("table.import-runs a"), a => a.TextContent == "form.csv" && a.GetAttribute("href") == runPage);
    }

    [Fact]
    public async Task PlainFormPost_WithoutFile_SaysWhatIsMissing()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var token = await client.AntiforgeryTokenAsync(Page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("people"), "Kind" },
        };

        var response = await client.Http.PostAsync(Page, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("true", page.QuerySelector("#Upload")!.GetAttribute("aria-invalid"));
        Assert.Contains(app.Shown("Choose a file to import."), page.QuerySelector("[data-valmsg-for=Upload]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OfAnUnknownKind_OrWithoutFile_IsABadRequest()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var unknown = await Problems.ReadAsync(await UploadAsync(client, "kind=spaceships", Csv(PeopleHeader)), HttpStatusCode.BadRequest);
        var empty = await Problems.ReadAsync(await UploadAsync(client, "kind=people", []), HttpStatusCode.BadRequest);

        Assert.True(unknown.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True(empty.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task Upload_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var response = await UploadAsync(client, "kind=people", Csv(PeopleHeader, "CSRF-1,Ana,Forged,,,,,,,,"), withToken: false);

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_IsRefusedBeforeItIsRead()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}?kind=people") { Content = new ByteArrayContent(Csv(PeopleHeader)) };
        request.Content.Headers.ContentLength = ImportUploads.MaxBytes + 1;
        request.Headers.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync(Page));

        var response = await client.Http.SendAsync(request);

        await Problems.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Imports_AreForAdministratorsOnly()
    {
        using var coordinator = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync(Api)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await coordinator.GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task AnotherOrganisationsRun_IsNotFound()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);
        var betaRun = app.World.Beta.Activities.ImportRun.Id;

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/{betaRun}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Page}/{betaRun}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/{betaRun}/errors")).StatusCode);
    }

    [Fact]
    public async Task ThePage_ShowsTheColumnsOfEachKind()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.AdminEmail);

        var (_, page) = await client.GetPageAsync(Page);

        var kinds = page.QuerySelectorAll("select#Kind option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["people", "case-files", "deliveries"], kinds.Take(3));
        Assert.Contains(page.QuerySelectorAll(".import-columns th.mono"), th => th.TextContent == "other_workers");
    }
}
