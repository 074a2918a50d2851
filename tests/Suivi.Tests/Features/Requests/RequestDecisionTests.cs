using System.Net;
using Microsoft.EntityFrameworkCore;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Requests;

public sealed class RequestDecisionTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task Accept_OpensACaseFileWithThePersonsAsMembersAndTheOpeningQualification()
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id, Alpha.Mother.Id], unnamed: ["the father, not named"]);
        var url = Url(request);
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);
        var form = await DecisionFormAsync(client, url);
        Assert.Equal("Child", form["Input.Roles[0].Role"]);
        Assert.Equal("Parent", form["Input.Roles[1].Role"]);
        form["Input.Kind"] = "Accepted";
        form["Input.Roles[1].Role"] = "Mother";
        form["Input.SchemeId"] = Alpha.Scheme(ReadyMade.MainMotiveScheme).Id.ToString();
        form["Input.PrimaryCategoryId"] = Alpha.Category(ReadyMade.MainMotiveScheme, "PHYS").Id.ToString();
        form["Input.SecondaryCategoryIds"] = Alpha.Category(ReadyMade.MainMotiveScheme, "PSY").Id.ToString();

        var response = await client.PostFormAsync($"{url}?handler=Decide", url, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var decided = await app.FindRequestAsync(request.Id);
        Assert.Equal(DecisionKind.Accepted, decided.Decision);
        Assert.Equal(RequestRecords.Today, decided.DecidedOn);
        var decision = Assert.Single(decided.Decisions);
        Assert.Equal("coordinator@alpha.test", decision.DecidedByName);
        var file = await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.CaseFiles.AsNoTracking()
            .Include(c => c.Members).Include(c => c.Qualifications).ThenInclude(q => q.Secondary)
            .SingleAsync(c => c.Id == decision.CaseFileId));
        Assert.Equal(request.Id, file.RequestId);
        Assert.Equal(Alpha.Service.Id, file.ServiceId);
        Assert.Matches($"^PSY-{RequestRecords.Today.Year}-\\d{{4}}$", file.Reference);
        Assert.Equal(new[] { (Alpha.Child.Id, CaseMemberRole.Child), (Alpha.Mother.Id, CaseMemberRole.Mother) },
            file.Members.OrderBy(m => m.Role).Select(m => (m.BeneficiaryId, m.Role)).ToList());
        var opening = Assert.Single(file.Qualifications);
        Assert.Equal(QualificationStage.Opening, opening.Stage);
        Assert.Equal(Alpha.Category(ReadyMade.MainMotiveScheme, "PHYS").Id, opening.PrimaryCategoryId);
        Assert.Equal(Alpha.Category(ReadyMade.MainMotiveScheme, "PSY").Id, Assert.Single(opening.Secondary).CategoryId);

        var (_, page) = await client.GetPageAsync(url);
        var link = page.QuerySelector("table.decisions a")!;
        Assert.Equal(file.Reference, link.TextContent.Trim());
        Assert.Equal($"/o/alpha/case-files/{file.Id}", link.GetAttribute("href"));
    }

    [Fact]
    public async Task Accept_NumbersTheCaseFilesOfTheServiceAndYearInTurn()
    {
        var first = await AcceptAsync(await app.AddRequestAsync(persons: [Alpha.Child.Id]));
        var second = await AcceptAsync(await app.AddRequestAsync(persons: [Alpha.Mother.Id]));

        var number = int.Parse(first[^4..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"PSY-{RequestRecords.Today.Year}-{number + 1:0000}", second);
    }

    [Fact]
    public async Task Accept_SkipsTheReferenceOfARestrictedFileTheWorkerCannotSee()
    {
        var year = RequestRecords.Today.Year;
        var hidden = await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            // Without a user, the background scope sees no restricted file: the same view as the worker's.
            var taken = await db.CaseFiles.Where(c => c.Reference.StartsWith($"PSY-{year}-")).Select(c => c.Reference).ToListAsync();
            var next = taken.Select(r => int.Parse(r[^4..], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1;
            var file = new CaseFile(Alpha.Service.Id, $"PSY-{year}-{next:0000}", RequestRecords.Today);
            file.RestrictTo([await db.Users.Where(u => u.Email == Alpha.AdminEmail).Select(u => u.Id).SingleAsync()]);
            db.CaseFiles.Add(file);
            await db.SaveChangesAsync();
            return next;
        });

        var reference = await AcceptAsync(await app.AddRequestAsync(persons: [Alpha.Child.Id]));

        Assert.Equal($"PSY-{year}-{hidden + 1:0000}", reference);
    }

    [Fact]
    public async Task Accept_WithACategoryOfAnotherScheme_IsRefusedAndChangesNothing()
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id]);
        var url = Url(request);
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);
        var form = await DecisionFormAsync(client, url);
        form["Input.SchemeId"] = Alpha.Scheme(ReadyMade.MainMotiveScheme).Id.ToString();
        form["Input.PrimaryCategoryId"] = Alpha.Scheme(ReadyMade.MaltreatmentScheme).Categories[0].Id.ToString();
        var before = await app.CountAsync();

        var response = await client.PostFormAsync($"{url}?handler=Decide", url, form);

        await AssertRefusedAsync(response, request, before, "Input.PrimaryCategoryId", "This category is not in the chosen scheme.");
    }

    public static TheoryData<string, string, string, string> InvalidDecisions => new()
    {
        { "NotTakenOn", "Input.RefusalReasonId", "", "Choose the reason." },
        { "Reoriented", "Input.PartnerServiceId", "", "Choose the service the request is sent to." },
        { "Reoriented", "Input.ReorientationReasonId", "", "Choose the reason." },
        { "HandledWithoutFile", "Input.NoFileReasonId", "", "Choose the reason." },
        { "NotTakenOn", "Input.DecidedOn", "", "This field is required." },
        { "NotTakenOn", "Input.DecidedOn", RequestRecords.Today.AddDays(-30).ToString("yyyy-MM-dd"), "A decision cannot come before the request." },
        { "NotTakenOn", "Input.DecidedOn", RequestRecords.Today.AddDays(1).ToString("yyyy-MM-dd"), "A decision cannot be dated in the future." },
    };

    [Theory]
    [MemberData(nameof(InvalidDecisions))]
    public async Task Decide_WithAMissingOrWrongField_ShowsTheMessageNextToItAndChangesNothing(string kind, string field, string value, string message)
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id]);
        var url = Url(request);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = Complete(await DecisionFormAsync(client, url), kind);
        form[field] = value;
        var before = await app.CountAsync();

        var response = await client.PostFormAsync($"{url}?handler=Decide", url, form);

        var page = await AssertRefusedAsync(response, request, before, field, message);
        Assert.Equal(kind, HtmlForms.FieldsOf(page.QuerySelector("form.decision")!)["Input.Kind"]);
    }

    [Fact]
    public async Task Decide_AnAlreadyDecidedRequest_IsRefusedAndChangesNothing()
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id]);
        var url = Url(request);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = Complete(await DecisionFormAsync(client, url), "NotTakenOn");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{url}?handler=Decide", url, form)).StatusCode);
        var decided = await app.FindRequestAsync(request.Id);
        var before = await app.CountAsync();

        var again = Complete(form, "HandledWithoutFile");
        again["Input.Version"] = decided.Version.ToString();
        var response = await client.PostFormAsync($"{url}?handler=Decide", url, again);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("This request has already been decided; record a correction instead."),
            page.QuerySelector("main .errors")!.TextContent.Trim());
        var after = await app.FindRequestAsync(request.Id);
        Assert.Equal(DecisionKind.NotTakenOn, after.Decision);
        Assert.Single(after.Decisions);
        Assert.Equal(decided.Version, after.Version);
        Assert.Equal(before, await app.CountAsync());
    }

    [Fact]
    public async Task Correct_WithoutAReason_IsRefusedAndChangesNothing()
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id]);
        var url = Url(request);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        await client.PostFormAsync($"{url}?handler=Decide", url, Complete(await DecisionFormAsync(client, url), "NotTakenOn"));
        var decided = await app.FindRequestAsync(request.Id);
        var form = Complete(await DecisionFormAsync(client, url), "HandledWithoutFile");
        Assert.Equal("", form["Input.Why"]);
        var before = await app.CountAsync();

        var response = await client.PostFormAsync($"{url}?handler=Correct", url, form);

        await AssertRefusedAsync(response, decided, before, "Input.Why", "This field is required.");
    }

    [Fact]
    public async Task Correct_WithAReason_ReplacesTheDecisionAndKeepsTheEarlierOneInTheHistory()
    {
        var request = await app.AddRequestAsync(persons: [Alpha.Child.Id]);
        var url = Url(request);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        await client.PostFormAsync($"{url}?handler=Decide", url, Complete(await DecisionFormAsync(client, url), "NotTakenOn"));
        var form = Complete(await DecisionFormAsync(client, url), "Reoriented");
        form["Input.Why"] = "The family lives in the north: the partner service is closer.";

        var response = await client.PostFormAsync($"{url}?handler=Correct", url, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var corrected = await app.FindRequestAsync(request.Id);
        Assert.Equal(DecisionKind.Reoriented, corrected.Decision);
        Assert.Equal(new[] { DecisionKind.NotTakenOn, DecisionKind.Reoriented }, corrected.Decisions.OrderBy(d => d.Number).Select(d => d.Kind));
        var correction = corrected.Decisions.Single(d => d.Number == 2);
        Assert.Equal(Alpha.PartnerService.Id, correction.PartnerServiceId);
        Assert.Equal("The family lives in the north: the partner service is closer.", correction.CorrectionWhy);

        var (_, page) = await client.GetPageAsync(url);
        var rows = page.QuerySelectorAll("table.decisions tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(Alpha.PartnerService.Name, rows[1], StringComparison.Ordinal);
        Assert.Contains("the partner service is closer", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_WithOnlyUnnamedPersons_AsksToRecordThemFirst_ThenOpensTheFile()
    {
        var request = await app.AddRequestAsync(persons: [], unnamed: ["a mother who did not give her name"]);
        var url = Url(request);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountAsync();

        var refused = await client.PostFormAsync($"{url}?handler=Decide", url, await DecisionFormAsync(client, url));

        await AssertRefusedAsync(refused, request, before, "Input.Roles",
            "Record at least one of the persons concerned before opening a case file: anonymous persons cannot be members.");

        var recorded = await client.PostFormAsync($"{url}?handler=Identify", url, new()
        {
            ["Identify.Position"] = "1",
            ["Identify.FirstName"] = "Sofia",
            ["Identify.LastName"] = "Marques",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var form = await DecisionFormAsync(client, url);
        Assert.Equal("Parent", form["Input.Roles[0].Role"]);
        var accepted = await client.PostFormAsync($"{url}?handler=Decide", url, form);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var decided = await app.FindRequestAsync(request.Id);
        var member = await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.CaseFileMembers
            .Where(m => m.CaseFileId == decided.Decisions[0].CaseFileId)
            .Join(db.Beneficiaries, m => m.BeneficiaryId, b => b.Id, (m, b) => b.FirstName + " " + b.LastName).SingleAsync());
        Assert.Equal("Sofia Marques", member);
    }

    [Fact]
    public async Task Identify_WithoutALastName_ShowsTheMessageAndRecordsNobody()
    {
        var request = await app.AddRequestAsync(persons: [], unnamed: ["the grandmother"]);
        var url = Url(request);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountAsync();

        var response = await client.PostFormAsync($"{url}?handler=Identify", url, new()
        {
            ["Identify.Position"] = "1",
            ["Identify.FirstName"] = "Maria",
            ["Identify.LastName"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("This field is required."), RequestRecords.FieldMessages(page)["Identify.LastName"]);
        Assert.Equal(before, await app.CountAsync());
        Assert.Single((await app.FindRequestAsync(request.Id)).Persons);
    }

    private static string Url(IntakeRequest request) => $"/o/alpha/requests/{request.Id}";

    private static async Task<Dictionary<string, string>> DecisionFormAsync(TestClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return HtmlForms.FieldsOf(page.QuerySelector("form.decision")!);
    }

    /// <summary>The form filled for a valid decision of <paramref name="kind"/>.</summary>
    private Dictionary<string, string> Complete(Dictionary<string, string> form, string kind)
    {
        var filled = new Dictionary<string, string>(form)
        {
            ["Input.Kind"] = kind,
            ["Input.RefusalReasonId"] = Alpha.Item(ListKind.RefusalReason, "CAPACITY").Id.ToString(),
            ["Input.ReorientationReasonId"] = Alpha.Item(ListKind.ReorientationReason, "REGION").Id.ToString(),
            ["Input.PartnerServiceId"] = Alpha.PartnerService.Id.ToString(),
            ["Input.NoFileReasonId"] = Alpha.Item(ListKind.NoFileReason, "ADVICE-PARENT").Id.ToString(),
        };
        return filled;
    }

    private async Task<string> AcceptAsync(IntakeRequest request)
    {
        var url = Url(request);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var response = await client.PostFormAsync($"{url}?handler=Decide", url, await DecisionFormAsync(client, url));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var decided = await app.FindRequestAsync(request.Id);
        return await app.InOrganisationAsync(Alpha.Organisation.Id, db =>
            db.CaseFiles.Where(c => c.Id == decided.Decisions[0].CaseFileId).Select(c => c.Reference).SingleAsync());
    }

    /// <summary>The form came back with one message, next to <paramref name="field"/>; the request and the counts are as before.</summary>
    private async Task<AngleSharp.Html.Dom.IHtmlDocument> AssertRefusedAsync(HttpResponseMessage response, IntakeRequest request,
        (int, int, int, int) before, string field, string message)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var shown = Assert.Single(RequestRecords.FieldMessages(page));
        Assert.Equal((field, app.Shown(message)), (shown.Key, shown.Value));
        var after = await app.FindRequestAsync(request.Id);
        Assert.Equal((request.Decision, request.Version, request.Decisions.Count), (after.Decision, after.Version, after.Decisions.Count));
        Assert.Equal(before, await app.CountAsync());
        return page;
    }
}
