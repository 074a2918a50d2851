using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.CaseFiles;

/// <summary>The same steps of a case file's life through the JSON API: problem details for bad input, nothing saved.</summary>
public sealed class CaseFileStepsApiTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private static readonly DateOnly Opened = new(2025, 1, 10);

    private string Main(string code) => app.Category(ReadyMade.MainMotiveScheme, code).ToString();

    private Guid MainMotive => app.World.Alpha.Scheme(ReadyMade.MainMotiveScheme).Id;

    [Fact]
    public async Task Open_CreatesTheFileWithItsMembersAndOpeningQualification()
    {
        var alpha = app.World.Alpha;
        using var client = await app.SignedInAsync(alpha.WorkerEmail);

        var response = await client.Http.PostAsJsonAsync("/api/o/alpha/case-files", new
        {
            serviceId = alpha.Service.Id,
            openedOn = "2025-03-03",
            members = new[] { new { beneficiaryId = alpha.Child.Id, role = "Child" }, new { beneficiaryId = alpha.Mother.Id, role = "Mother" } },
            qualification = new { schemeId = MainMotive, primaryCategoryId = Main("SEX-EXTRA"), secondaryCategoryIds = new[] { Main("PSY") } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var file = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches(@"^PSY-2025-\d{4}$", file.GetProperty("reference").GetString());
        Assert.Equal(2, file.GetProperty("members").GetArrayLength());
        var qualification = Assert.Single(file.GetProperty("qualifications").EnumerateArray());
        Assert.Equal("Opening", qualification.GetProperty("stage").GetString());
        Assert.Equal(Main("PSY"), Assert.Single(qualification.GetProperty("secondaryCategoryIds").EnumerateArray()).GetString());
        var episode = Assert.Single(file.GetProperty("episodes").EnumerateArray());
        Assert.Equal("2025-03-03", episode.GetProperty("openedOn").GetString());
        Assert.Equal(response.Headers.Location!.OriginalString, $"/api/o/alpha/case-files/{file.GetProperty("id").GetString()}");
    }

    [Fact]
    public async Task Open_WithoutService_IsAValidationProblem()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.Http.PostAsJsonAsync("/api/o/alpha/case-files",
            new { openedOn = "2025-03-03", members = new[] { new { beneficiaryId = app.World.Alpha.Child.Id, role = "Child" } } });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Choose a service.", problem.GetProperty("errors").GetProperty("serviceId")[0].GetString());
    }

    [Fact]
    public async Task Qualifications_AreAnOpeningThenARequalificationInTheSameScheme()
    {
        var file = await app.NewFileAsync(Opened, motive: null);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var url = $"/api/o/alpha/case-files/{file.Id}/qualifications";

        var opening = await client.Http.PostAsJsonAsync(url, new { schemeId = MainMotive, primaryCategoryId = Main("PHYS") });
        var requalification = await client.Http.PostAsJsonAsync(url,
            new { schemeId = MainMotive, primaryCategoryId = Main("CONFLICT"), on = "2025-02-01", why = "Family conflict after all." });
        var otherScheme = await client.Http.PostAsJsonAsync(url, new
        {
            schemeId = app.World.Alpha.Scheme(ReadyMade.MaltreatmentScheme).Id,
            primaryCategoryId = app.Category(ReadyMade.MaltreatmentScheme, "M2"),
        });

        Assert.Equal(HttpStatusCode.OK, opening.StatusCode);
        var document = await requalification.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Opening", "Requalification"],
            document.GetProperty("qualifications").EnumerateArray().Select(q => q.GetProperty("stage").GetString()));
        Assert.Equal("Family conflict after all.", document.GetProperty("qualifications")[1].GetProperty("why").GetString());
        var problem = await Problems.ReadAsync(otherScheme, HttpStatusCode.BadRequest);
        Assert.Equal("A requalification uses the scheme of the opening qualification.", problem.GetProperty("errors").GetProperty("schemeId")[0].GetString());
        Assert.Equal(2, (await app.StateAsync(file.Id)).Qualifications);
    }

    public static TheoryData<string, string, string> BadClosings => new()
    {
        { "noReason", "closureReasonId", "Choose the reason for closing." },
        { "noQualification", "primaryCategoryId", "Give the closing qualification." },
        { "otherScheme", "schemeId", "The closing qualification uses the scheme of the opening one." },
        { "beforeOpening", "closedOn", "A case file cannot close before it opened." },
    };

    [Theory]
    [MemberData(nameof(BadClosings))]
    public async Task Closing_WithBadInput_IsAValidationProblemAndSavesNothing(string bad, string field, string message)
    {
        var file = await app.NewFileAsync(Opened);
        var before = await app.StateAsync(file.Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var reason = app.World.Alpha.Item(ListKind.ClosureReason, "GOALS-MET").Id;
        object? qualification = bad switch
        {
            "noQualification" => null,
            "otherScheme" => new { schemeId = app.World.Alpha.Scheme(ReadyMade.MaltreatmentScheme).Id, primaryCategoryId = app.Category(ReadyMade.MaltreatmentScheme, "M5") },
            _ => new { schemeId = MainMotive, primaryCategoryId = Main("PHYS") },
        };

        var response = await client.Http.PostAsJsonAsync($"/api/o/alpha/case-files/{file.Id}/closing", new
        {
            closedOn = bad == "beforeOpening" ? "2024-12-01" : "2025-06-01",
            closureReasonId = bad == "noReason" ? (Guid?)null : reason,
            qualification,
        });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(before, await app.StateAsync(file.Id));
    }

    [Fact]
    public async Task ClosingThenReopening_KeepsTheClosedEpisode()
    {
        var file = await app.NewFileAsync(Opened);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var reason = app.World.Alpha.Item(ListKind.ClosureReason, "REORIENTED").Id;

        var closed = await client.Http.PostAsJsonAsync($"/api/o/alpha/case-files/{file.Id}/closing", new
        {
            closedOn = "2025-05-01",
            closureReasonId = reason,
            qualification = new { schemeId = MainMotive, primaryCategoryId = Main("PSY") },
        });
        var reopenedTwice = new List<HttpResponseMessage>();
        foreach (var _ in new[] { 1, 2 })
        {
            reopenedTwice.Add(await client.Http.PostAsJsonAsync($"/api/o/alpha/case-files/{file.Id}/reopening", new { reopenedOn = "2025-07-01" }));
        }

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var document = await reopenedTwice[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Open", document.GetProperty("status").GetString());
        var episodes = document.GetProperty("episodes").EnumerateArray().ToList();
        Assert.Equal(2, episodes.Count);
        Assert.Equal("2025-05-01", episodes[0].GetProperty("closedOn").GetString());
        Assert.Equal(reason, episodes[0].GetProperty("closureReasonId").GetGuid());
        Assert.Equal(JsonValueKind.Null, episodes[1].GetProperty("closedOn").ValueKind);
        var problem = await Problems.ReadAsync(reopenedTwice[1], HttpStatusCode.BadRequest);
        Assert.Equal("Only a closed case file can be reopened.", problem.GetProperty("errors").GetProperty("")[0].GetString());
        Assert.Equal(2, (await app.StateAsync(file.Id)).Episodes);
    }

    [Fact]
    public async Task Assessments_SetTheCurrentColour_AndARationaleIsRequired()
    {
        var file = await app.NewFileAsync(Opened);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var url = $"/api/o/alpha/case-files/{file.Id}/assessments";

        var withoutRationale = await client.Http.PostAsJsonAsync(url, new { colour = "Red", assessedOn = "2025-02-01" });
        var stateAfterRefusal = await app.StateAsync(file.Id);
        var red = await client.Http.PostAsJsonAsync(url, new { colour = "Red", assessedOn = "2025-02-01", rationale = "Injuries seen." });

        var problem = await Problems.ReadAsync(withoutRationale, HttpStatusCode.BadRequest);
        Assert.Equal("This field is required.", problem.GetProperty("errors").GetProperty("rationale")[0].GetString());
        Assert.Equal(0, stateAfterRefusal.Assessments);
        var document = await red.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Red", document.GetProperty("currentColour").GetString());
        Assert.Equal("Injuries seen.", Assert.Single(document.GetProperty("assessments").EnumerateArray()).GetProperty("rationale").GetString());
        Assert.Equal(1, (await app.StateAsync(file.Id)).Notifications);
    }

    [Fact]
    public async Task Notes_AndFlags_AreRecorded()
    {
        var file = await app.NewFileAsync(Opened);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var symptoms = app.World.Alpha.Item(ListKind.Flag, "SYMPTOMS").Id;

        var note = await client.Http.PostAsJsonAsync($"/api/o/alpha/case-files/{file.Id}/notes", new { text = "Call with the school.", visibility = "AssignedWorkers" });
        var emptyNote = await client.Http.PostAsJsonAsync($"/api/o/alpha/case-files/{file.Id}/notes", new { text = "" });
        var flag = await client.Http.PostAsJsonAsync($"/api/o/alpha/case-files/{file.Id}/flags", new { flagId = symptoms });
        var cleared = await client.Http.DeleteAsync($"/api/o/alpha/case-files/{file.Id}/flags?flagId={symptoms}");

        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal("AssignedWorkers", (await note.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("visibility").GetString());
        await Problems.ReadAsync(emptyNote, HttpStatusCode.BadRequest);
        Assert.Equal(symptoms, Assert.Single((await flag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("flags").EnumerateArray()).GetProperty("flagId").GetGuid());
        Assert.Empty((await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("flags").EnumerateArray());
    }

    [Fact]
    public async Task Restriction_IsForCoordinators_AndKeepsTheCallerNamed()
    {
        var file = await app.NewFileAsync(Opened);
        var workerId = await app.UserIdAsync(app.World.Alpha.WorkerEmail);
        var coordinatorId = await app.UserIdAsync(app.World.Alpha.CoordinatorEmail);
        using var worker = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        using var coordinator = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        var url = $"/api/o/alpha/case-files/{file.Id}/restriction";

        var byWorker = await worker.Http.PutAsJsonAsync(url, new { userIds = new[] { workerId } });
        var byCoordinator = await coordinator.Http.PutAsJsonAsync(url, new { userIds = new[] { workerId } });
        var lifted = await coordinator.Http.DeleteAsync(url);

        await Problems.ReadAsync(byWorker, HttpStatusCode.Forbidden);
        var document = await byCoordinator.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(document.GetProperty("isRestricted").GetBoolean());
        Assert.Equal(new[] { workerId, coordinatorId }.Order(), document.GetProperty("restrictedTo").EnumerateArray().Select(u => u.GetGuid()).Order());
        Assert.False((await lifted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isRestricted").GetBoolean());
    }

    [Fact]
    public async Task AStepOnAStaleVersion_IsAConflictAndSavesNothing()
    {
        var file = await app.NewFileAsync(Opened);
        var before = await app.StateAsync(file.Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.Http.PostAsJsonAsync($"/api/o/alpha/case-files/{file.Id}/assessments",
            new { colour = "Green", rationale = "Fine.", version = before.Version + 5 });

        await Problems.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(before, await app.StateAsync(file.Id));
    }

    [Fact]
    public async Task Get_GivesTheWholeLifeOfTheFile()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var file = await client.Http.GetFromJsonAsync<JsonElement>($"/api/o/alpha/case-files/{app.World.Alpha.CaseFile.Id}");

        Assert.Equal("Orange", file.GetProperty("currentColour").GetString());
        Assert.False(file.GetProperty("isRestricted").GetBoolean());
        Assert.Equal(app.World.Alpha.AcceptedRequest.Id, file.GetProperty("requestId").GetGuid());
        Assert.Single(file.GetProperty("episodes").EnumerateArray());
        Assert.Equal(Main("PHYS"), Assert.Single(file.GetProperty("qualifications").EnumerateArray()).GetProperty("primaryCategoryId").GetString());
        Assert.Single(file.GetProperty("flags").EnumerateArray());
        Assert.Single(file.GetProperty("assessments").EnumerateArray());
    }

    [Fact]
    public async Task TheOpenApiDescription_DocumentsEveryStep()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var paths = (await client.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/o/{org}/case-files").TryGetProperty("post", out _));
        foreach (var step in new[] { "qualifications", "closing", "reopening", "assessments", "notes", "flags" })
        {
            Assert.True(paths.GetProperty($"/api/o/{{org}}/case-files/{{id}}/{step}").TryGetProperty("post", out _), step);
        }
        Assert.True(paths.GetProperty("/api/o/{org}/case-files/{id}/restriction").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/o/{org}/case-files/{id}/restriction").TryGetProperty("delete", out _));
    }
}
