using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Api;

public sealed class CaseFilesApiTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public async Task List_GivesTheCaseFilesOfTheOrganisationOnly()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var response = await client.GetAsync("/api/o/alpha/case-files");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.Content.ReadFromJsonAsync<JsonElement>();
        var references = list.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("reference").GetString()).ToList();
        Assert.Equal(["PSY-2024-ALPHA"], references);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_ByStatus_LeavesOutTheOthers()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var open = await client.Http.GetFromJsonAsync<JsonElement>("/api/o/alpha/case-files?status=Open");
        var closed = await client.Http.GetFromJsonAsync<JsonElement>("/api/o/alpha/case-files?status=Closed");

        Assert.Equal(1, open.GetProperty("total").GetInt32());
        Assert.Equal(0, closed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Get_GivesTheMembersAndWorkers()
    {
        var alpha = app.World.Alpha;
        using var client = await app.SignedInAsync(alpha.CoordinatorEmail);

        var response = await client.GetAsync($"/api/o/alpha/case-files/{alpha.CaseFile.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PSY-2024-ALPHA", file.GetProperty("reference").GetString());
        Assert.Equal("2024-02-01", file.GetProperty("openedOn").GetString());
        var members = file.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("beneficiaryId").GetGuid()).Order();
        Assert.Equal(new[] { alpha.Child.Id, alpha.Mother.Id }.Order(), members);
        Assert.Equal([alpha.Staff.Id], file.GetProperty("workers").EnumerateArray().Select(w => w.GetGuid()));
    }

    [Fact]
    public async Task UnknownOrOtherOrganisationsCaseFile_Answers404ProblemDetails()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var unknown = await client.GetAsync($"/api/o/alpha/case-files/{Guid.NewGuid()}");
        var betas = await client.GetAsync($"/api/o/alpha/case-files/{app.World.Beta.CaseFile.Id}");

        await Problems.ReadAsync(unknown, HttpStatusCode.NotFound);
        await Problems.ReadAsync(betas, HttpStatusCode.NotFound);
    }
}
