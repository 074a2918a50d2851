using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Requests;

public sealed class RequestsApiTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Requests = "/api/o/alpha/requests";

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task Post_RecordsTheRequestWithItsPersons_AndAnswers201()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountAsync();

        var response = await client.Http.PostAsJsonAsync(Requests, new
        {
            receivedOn = RequestRecords.Today.ToString("yyyy-MM-dd"),
            sourceId = Alpha.Item(ListKind.RequestSource, "MATERNITY").Id,
            serviceId = Alpha.Service.Id,
            urgency = "Urgent",
            summary = "The maternity ward announces a mother in distress.",
            personIds = new[] { Alpha.Mother.Id },
            newPeople = new[] { new { firstName = "Léo", lastName = "Gonçalves" } },
            anonymous = new[] { "the father, not named" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = await JsonAsync(response);
        Assert.Equal($"{Requests}/{request.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
        Assert.Equal("MATERNITY", request.GetProperty("source").GetString());
        Assert.Equal("Urgent", request.GetProperty("urgency").GetString());
        Assert.Equal(0, request.GetProperty("waitingDays").GetInt32());
        var persons = request.GetProperty("persons").EnumerateArray().ToList();
        Assert.Equal(new[] { "Inês Gonçalves", "Léo Gonçalves", null }, persons.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("the father, not named", persons[2].GetProperty("description").GetString());
        var after = await app.CountAsync();
        Assert.Equal((before.Requests + 1, before.People + 1), (after.Requests, after.People));
    }

    [Fact]
    public async Task Post_WithoutSourceOrDate_Answers400WithTheFields_AndSavesNothing()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountAsync();

        var response = await client.Http.PostAsJsonAsync(Requests, new { serviceId = Alpha.Service.Id, summary = "No source, no date" });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal("Choose where the request comes from.", errors.GetProperty("sourceId")[0].GetString());
        Assert.Equal("This field is required.", errors.GetProperty("receivedOn")[0].GetString());
        Assert.Equal(before, await app.CountAsync());
    }

    [Theory]
    [InlineData("future", "receivedOn", "A request cannot be received in the future.")]
    [InlineData("channel-as-source", "sourceId", "Choose where the request comes from.")]
    [InlineData("unknown-person", "personIds", "This person was not found.")]
    [InlineData("half-named", "newPeople[0].lastName", "This field is required.")]
    public async Task Post_WithAWrongField_Answers400ForThatField_AndSavesNothing(string wrong, string field, string message)
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountAsync();

        var response = await client.Http.PostAsJsonAsync(Requests, new
        {
            receivedOn = (wrong == "future" ? RequestRecords.Today.AddDays(1) : RequestRecords.Today).ToString("yyyy-MM-dd"),
            sourceId = wrong == "channel-as-source" ? Alpha.Item(ListKind.Channel, "PHONE").Id : Alpha.Item(ListKind.RequestSource, "FAMILY").Id,
            serviceId = Alpha.Service.Id,
            summary = "A call",
            personIds = wrong == "unknown-person" ? new[] { app.World.Beta.Child.Id } : [],
            newPeople = wrong == "half-named" ? new[] { new { firstName = "Léo", lastName = "" } } : [],
        });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(before, await app.CountAsync());
    }

    [Fact]
    public async Task Decision_Accepted_OpensTheCaseFile_AndTheRequestLinksToIt()
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id, Alpha.Mother.Id]);
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var response = await client.Http.PostAsJsonAsync($"{Requests}/{request.Id}/decision", new
        {
            kind = "Accepted",
            decidedOn = RequestRecords.Today.ToString("yyyy-MM-dd"),
            roles = new[] { new { beneficiaryId = Alpha.Mother.Id, role = "Mother" } },
            schemeId = Alpha.Scheme(ReadyMade.MaltreatmentScheme).Id,
            primaryCategoryId = Alpha.Scheme(ReadyMade.MaltreatmentScheme).Categories[0].Id,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await JsonAsync(response);
        Assert.Equal("Accepted", document.GetProperty("decision").GetString());
        var decision = Assert.Single(document.GetProperty("decisions").EnumerateArray().ToList());
        var fileId = decision.GetProperty("caseFileId").GetGuid();
        var file = await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.CaseFiles.AsNoTracking()
            .Include(c => c.Members).Include(c => c.Qualifications).SingleAsync(c => c.Id == fileId));
        Assert.Equal(request.Id, file.RequestId);
        Assert.Equal(CaseMemberRole.Child, file.Members.Single(m => m.BeneficiaryId == Alpha.Child.Id).Role);
        Assert.Equal(CaseMemberRole.Mother, file.Members.Single(m => m.BeneficiaryId == Alpha.Mother.Id).Role);
        Assert.Equal(Alpha.Scheme(ReadyMade.MaltreatmentScheme).Id, Assert.Single(file.Qualifications).SchemeId);
    }

    [Fact]
    public async Task Decision_WithACategoryOfAnotherScheme_Answers400_AndOpensNothing()
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id]);
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);
        var before = await app.CountAsync();

        var response = await client.Http.PostAsJsonAsync($"{Requests}/{request.Id}/decision", new
        {
            kind = "Accepted",
            decidedOn = RequestRecords.Today.ToString("yyyy-MM-dd"),
            schemeId = Alpha.Scheme(ReadyMade.MaltreatmentScheme).Id,
            primaryCategoryId = Alpha.Category(ReadyMade.MainMotiveScheme, "PHYS").Id,
        });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("This category is not in the chosen scheme.", problem.GetProperty("errors").GetProperty("primaryCategoryId")[0].GetString());
        Assert.Equal(before, await app.CountAsync());
        Assert.True((await app.FindRequestAsync(request.Id)).IsWaiting);
    }

    [Fact]
    public async Task Decision_OnADecidedRequest_Answers400_AndChangesNothing()
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id]);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var first = await client.Http.PostAsJsonAsync($"{Requests}/{request.Id}/decision", Refusal());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var decided = await app.FindRequestAsync(request.Id);

        var response = await client.Http.PostAsJsonAsync($"{Requests}/{request.Id}/decision", new
        {
            kind = "HandledWithoutFile",
            decidedOn = RequestRecords.Today.ToString("yyyy-MM-dd"),
            reasonId = Alpha.Item(ListKind.NoFileReason, "ADVICE-PARENT").Id,
        });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("This request has already been decided; record a correction instead.", problem.GetProperty("errors").GetProperty("")[0].GetString());
        var after = await app.FindRequestAsync(request.Id);
        Assert.Equal((DecisionKind.NotTakenOn, decided.Version, 1), (after.Decision!.Value, after.Version, after.Decisions.Count));
    }

    [Fact]
    public async Task Decision_ReorientedWithoutTarget_Answers400_AndChangesNothing()
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id]);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var response = await client.Http.PostAsJsonAsync($"{Requests}/{request.Id}/decision", new
        {
            kind = "Reoriented",
            decidedOn = RequestRecords.Today.ToString("yyyy-MM-dd"),
            reasonId = Alpha.Item(ListKind.ReorientationReason, "MEDICAL").Id,
        });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Choose the service the request is sent to.", problem.GetProperty("errors").GetProperty("partnerServiceId")[0].GetString());
        Assert.True((await app.FindRequestAsync(request.Id)).IsWaiting);
    }

    [Fact]
    public async Task Correction_NeedsAReason_AndIsRecordedAsSuch()
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id]);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        await client.Http.PostAsJsonAsync($"{Requests}/{request.Id}/decision", Refusal());
        var reorientation = new
        {
            kind = "Reoriented",
            decidedOn = RequestRecords.Today.ToString("yyyy-MM-dd"),
            reasonId = Alpha.Item(ListKind.ReorientationReason, "MEDICAL").Id,
            partnerServiceId = Alpha.PartnerService.Id,
        };

        var refused = await client.Http.PostAsJsonAsync($"{Requests}/{request.Id}/corrections", reorientation);
        var problem = await Problems.ReadAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal("This field is required.", problem.GetProperty("errors").GetProperty("why")[0].GetString());
        Assert.Single((await app.FindRequestAsync(request.Id)).Decisions);

        var corrected = await client.Http.PostAsJsonAsync($"{Requests}/{request.Id}/corrections", new
        {
            reorientation.kind,
            reorientation.decidedOn,
            reorientation.reasonId,
            reorientation.partnerServiceId,
            why = "Oriented to medical care after all.",
        });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var decisions = (await JsonAsync(corrected)).GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(new[] { "NotTakenOn", "Reoriented" }, decisions.Select(d => d.GetProperty("kind").GetString()));
        Assert.Equal("Oriented to medical care after all.", decisions[1].GetProperty("correctionWhy").GetString());
        Assert.Equal(Alpha.PartnerService.Id, decisions[1].GetProperty("partnerServiceId").GetGuid());
    }

    [Fact]
    public async Task Correction_OfAVersionChangedMeanwhile_Answers409_AndChangesNothing()
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id]);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var read = await JsonAsync(await client.Http.PostAsJsonAsync($"{Requests}/{request.Id}/decision", Refusal()));
        var version = read.GetProperty("version").GetInt64();
        var correction = new
        {
            kind = "HandledWithoutFile",
            decidedOn = RequestRecords.Today.ToString("yyyy-MM-dd"),
            reasonId = Alpha.Item(ListKind.NoFileReason, "ADVICE-PRO").Id,
            why = "It was advice to the school.",
            version,
        };
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsJsonAsync($"{Requests}/{request.Id}/corrections", correction)).StatusCode);

        var stale = await client.Http.PostAsJsonAsync($"{Requests}/{request.Id}/corrections", correction);

        await Problems.ReadAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal(2, (await app.FindRequestAsync(request.Id)).Decisions.Count);
    }

    [Fact]
    public async Task List_GivesTheWaitingOrTheDecidedRequests()
    {
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var waiting = await JsonAsync(await client.GetAsync($"{Requests}?status=waiting&serviceId={Alpha.Service.Id}"));
        var decided = await JsonAsync(await client.GetAsync($"{Requests}?status=decided"));

        var waitingIds = waiting.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        var decidedIds = decided.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(Alpha.WaitingRequest.Id, waitingIds);
        Assert.DoesNotContain(Alpha.AcceptedRequest.Id, waitingIds);
        Assert.Contains(Alpha.AcceptedRequest.Id, decidedIds);
        Assert.DoesNotContain(Alpha.WaitingRequest.Id, decidedIds);
        Assert.DoesNotContain(app.World.Beta.AcceptedRequest.Id, decidedIds);
    }

    [Fact]
    public async Task List_WithAnUnknownStatus_Answers400()
    {
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var problem = await Problems.ReadAsync(await client.GetAsync($"{Requests}?status=lost"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Get_GivesTheRequestWithItsDecisionHistory()
    {
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var request = await JsonAsync(await client.GetAsync($"{Requests}/{Alpha.AcceptedRequest.Id}"));

        Assert.Equal("SCHOOL", request.GetProperty("source").GetString());
        var decision = Assert.Single(request.GetProperty("decisions").EnumerateArray().ToList());
        Assert.Equal(Alpha.CaseFile.Id, decision.GetProperty("caseFileId").GetGuid());
        Assert.Equal("Ana Gonçalves", request.GetProperty("persons")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Get_UnknownRequest_Answers404()
    {
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        await Problems.ReadAsync(await client.GetAsync($"{Requests}/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    private object Refusal() => new
    {
        kind = "NotTakenOn",
        decidedOn = RequestRecords.Today.ToString("yyyy-MM-dd"),
        reasonId = Alpha.Item(ListKind.RefusalReason, "SCOPE").Id,
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
