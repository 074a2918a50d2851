using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.CaseFiles;

/// <summary>Who reads what on a file: notes for the assigned workers only, and files restricted to named people.</summary>
public sealed class ConfidentialityTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private static readonly DateOnly Opened = new(2025, 1, 10);

    [Fact]
    public async Task ANoteForTheAssignedWorkers_IsHiddenFromAWorkerNotAssigned_AndShownOnceTheyAre()
    {
        var alpha = app.World.Alpha;
        var file = await app.NewFileAsync(Opened);
        var url = $"/o/alpha/case-files/{file.Id}";
        using var coordinator = await app.SignedInAsync(alpha.CoordinatorEmail);
        using var worker = await app.SignedInAsync(alpha.WorkerEmail);
        foreach (var (text, visibility) in new[] { ("For the whole team.", "Team"), ("Only for the assigned workers.", "AssignedWorkers") })
        {
            var written = await coordinator.PostFormAsync($"{url}/note", $"{url}/note",
                new() { ["Input.Text"] = text, ["Input.Visibility"] = visibility });
            Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        }

        var (_, notAssigned) = await worker.GetPageAsync(url);
        var (_, author) = await coordinator.GetPageAsync(url);
        var staff = await app.StaffOfAsync(alpha.WorkerEmail, alpha.Service.Id);
        var assigned = await coordinator.PostFormAsync($"{url}?handler=Assign", url, new() { ["staffMemberId"] = staff.Id.ToString() });
        var (_, nowAssigned) = await worker.GetPageAsync(url);

        Assert.Equal(["For the whole team."], Notes(notAssigned));
        Assert.Equal(["Only for the assigned workers.", "For the whole team."], Notes(author));
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(["Only for the assigned workers.", "For the whole team."], Notes(nowAssigned));
    }

    [Fact]
    public async Task ANoteWithoutText_IsRefusedAndSavesNothing()
    {
        var file = await app.NewFileAsync(Opened);
        var url = $"/o/alpha/case-files/{file.Id}";
        using var worker = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await worker.PostFormAsync($"{url}/note", $"{url}/note", new() { ["Input.Text"] = "", ["Input.Visibility"] = "Team" });

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal(("Input.Text", app.Shown("This field is required.")), CaseFileRecords.FieldMessage(page));
        var (_, details) = await worker.GetPageAsync(url);
        Assert.Empty(Notes(details));
    }

    [Fact]
    public async Task AFileRestrictedToTheWorker_AnswersNotFoundToTheCoordinator_AndLeavesTheirList()
    {
        var alpha = app.World.Alpha;
        var file = await app.NewFileAsync(Opened);
        var url = $"/o/alpha/case-files/{file.Id}";
        var workerId = await app.UserIdAsync(alpha.WorkerEmail);
        using var admin = await app.SignedInAsync(alpha.AdminEmail);
        using var coordinator = await app.SignedInAsync(alpha.CoordinatorEmail);
        using var worker = await app.SignedInAsync(alpha.WorkerEmail);
        var (_, listBefore) = await coordinator.GetPageAsync($"/o/alpha/case-files?q={file.Reference}");
        Assert.Single(listBefore.QuerySelectorAll("main table tbody tr"));
        var form = await admin.FormAsync($"{url}/restrict");
        form["Input.UserIds"] = workerId.ToString();

        var restricted = await admin.PostFormAsync($"{url}/restrict", $"{url}/restrict", form);

        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"{url}/close")).StatusCode);
        var (_, list) = await coordinator.GetPageAsync($"/o/alpha/case-files?q={file.Reference}");
        Assert.Null(list.QuerySelector("main table"));
        Assert.Equal(app.Shown("{0} case files").Replace("{0}", "0", StringComparison.Ordinal), list.QuerySelector("main p.muted")!.TextContent.Trim());
        // The worker is named; the administrator who restricted the file stays named, so they keep access.
        var (shown, page) = await worker.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(app.Shown("Restricted"), page.QuerySelector(".badges .status-restricted")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task LiftingTheRestriction_ShowsTheFileToEveryoneAgain()
    {
        var alpha = app.World.Alpha;
        var adminId = await app.UserIdAsync(alpha.AdminEmail);
        var file = await app.NewFileAsync(Opened, then: f => f.RestrictTo([adminId]));
        var url = $"/o/alpha/case-files/{file.Id}";
        using var admin = await app.SignedInAsync(alpha.AdminEmail);
        using var coordinator = await app.SignedInAsync(alpha.CoordinatorEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(url)).StatusCode);
        var (_, page) = await admin.GetPageAsync($"{url}/restrict");
        var version = page.QuerySelector("form[action*='handler=Lift'] input[name='Input.Version']")!.GetAttribute("value")!;

        var lifted = await admin.PostFormAsync($"{url}/restrict?handler=Lift", $"{url}/restrict", new() { ["Input.Version"] = version });

        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task AWorker_MayNotRestrictAFile()
    {
        var file = await app.NewFileAsync(Opened);
        var url = $"/o/alpha/case-files/{file.Id}/restrict";
        var workerId = await app.UserIdAsync(app.World.Alpha.WorkerEmail);
        using var worker = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var shown = await worker.GetAsync(url);
        var posted = await worker.PostFormAsync(url, $"/o/alpha/case-files/{file.Id}", new() { ["Input.UserIds"] = workerId.ToString() });

        Assert.Equal("/access-denied", shown.Headers.Location?.AbsolutePath);
        Assert.Equal("/access-denied", posted.Headers.Location?.AbsolutePath);
        Assert.False((await app.StateAsync(file.Id)).IsRestricted);
    }

    [Fact]
    public async Task Restricting_ToNobody_IsRefusedAndSavesNothing()
    {
        var file = await app.NewFileAsync(Opened);
        var url = $"/o/alpha/case-files/{file.Id}/restrict";
        var before = await app.StateAsync(file.Id);
        using var coordinator = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        var form = await coordinator.FormAsync(url);
        form.Remove("Input.UserIds");

        var response = await coordinator.PostFormAsync(url, url, form);

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal(("Input.UserIds", app.Shown("Name at least one person who may see the file.")), CaseFileRecords.FieldMessage(page));
        Assert.Equal(before, await app.StateAsync(file.Id));
    }

    [Fact]
    public async Task OpeningAFile_SkipsAReferenceTakenByARestrictedFile_WithoutShowingIt()
    {
        var alpha = app.World.Alpha;
        var adminId = await app.UserIdAsync(alpha.AdminEmail);
        await app.InOrganisationAsync(alpha.Organisation.Id, db =>
        {
            var hidden = new CaseFile(alpha.Service.Id, "PSY-2023-0001", new DateOnly(2023, 4, 1));
            hidden.AddMember(alpha.Child.Id, CaseMemberRole.Child);
            hidden.RestrictTo([adminId]);
            db.CaseFiles.Add(hidden);
            return db.SaveChangesAsync();
        });
        using var coordinator = await app.SignedInAsync(alpha.CoordinatorEmail);

        var response = await coordinator.Http.PostAsJsonAsync("/api/o/alpha/case-files", new
        {
            serviceId = alpha.Service.Id,
            openedOn = "2023-05-05",
            members = new[] { new { beneficiaryId = alpha.Mother.Id, role = "Mother" } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("PSY-2023-0002", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString());
    }

    private static List<string> Notes(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#notes li p.pre").Select(p => p.TextContent.Trim()).ToList();
}
