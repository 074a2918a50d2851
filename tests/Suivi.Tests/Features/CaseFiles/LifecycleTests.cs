using System.Net;
using Microsoft.EntityFrameworkCore;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.CaseFiles;

/// <summary>A case file from opening to closing in the browser: each step, and each bad input refused with its message.</summary>
public sealed class LifecycleTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private static readonly DateOnly Opened = new(2025, 1, 10);

    private static string Url(CaseFile file, string step = "") => $"/o/alpha/case-files/{file.Id}{step}";

    [Fact]
    public async Task Qualify_AtOpening_AppearsInTheHistoryWithItsCategories()
    {
        var file = await app.NewFileAsync(Opened, motive: null);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await client.FormAsync(Url(file, "/qualify"));
        form["Input.PrimaryCategoryId"] = app.Category(ReadyMade.MainMotiveScheme, "SEX-INTRA").ToString();
        form["Input.SecondaryCategoryIds"] = app.Category(ReadyMade.MainMotiveScheme, "PSY").ToString();

        var response = await client.PostFormAsync(Url(file, "/qualify"), Url(file, "/qualify"), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await client.GetPageAsync(Url(file));
        var row = page.QuerySelector("#qualifications table tbody tr")!;
        Assert.Equal(app.Shown("Opening"), row.QuerySelector("th")!.TextContent.Trim());
        Assert.Contains("SEX-INTRA", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Violence sexuelle intrafamiliale", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("PSY", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requalify_KeepsTheOpeningQualification_AndShowsTheHistoryWithWhy()
    {
        var file = await app.NewFileAsync(Opened);
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        var form = await client.FormAsync(Url(file, "/requalify"));
        form["Input.PrimaryCategoryId"] = app.Category(ReadyMade.MainMotiveScheme, "CONFLICT").ToString();
        form["Input.On"] = "2025-03-01";
        form["Input.Why"] = "The interviews showed a family conflict rather than violence.";

        var response = await client.PostFormAsync(Url(file, "/requalify"), Url(file, "/requalify"), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await client.GetPageAsync(Url(file));
        var rows = page.QuerySelectorAll("#qualifications table tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(app.Shown("Opening"), rows[0].QuerySelector("th")!.TextContent.Trim());
        Assert.Contains("PHYS", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(app.Shown("Requalification"), rows[1].QuerySelector("th")!.TextContent.Trim());
        Assert.Contains("CONFLICT", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("The interviews showed a family conflict rather than violence.", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Coordinator alpha", rows[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedFile_OffersNotesAndReopening_ButNoAssessmentOrMemberChanges()
    {
        var reason = app.World.Alpha.Item(ListKind.ClosureReason, "GOOD-EVOLUTION").Id;
        var file = await app.NewFileAsync(Opened, motive: null, then: f => f.Close(Opened.AddDays(30), reason, null, null));
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var (_, page) = await client.GetPageAsync(Url(file));

        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href") ?? "").ToList();
        Assert.Contains(Url(file, "/note"), links);
        Assert.Contains(Url(file, "/reopen"), links);
        Assert.DoesNotContain(Url(file, "/assess"), links);
        Assert.Empty(page.QuerySelectorAll("form[action*='handler=RemoveMember'], form[action*='handler=Assign'], form[action*='handler=SetFlag']"));
    }

    [Fact]
    public async Task RequalifyForm_StartsFromTheQualificationInForce()
    {
        var file = await app.NewFileAsync(Opened);
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var (_, page) = await client.GetPageAsync(Url(file, "/requalify"));

        var selected = page.QuerySelector("select[name='Input.PrimaryCategoryId'] option[selected]");
        Assert.Equal(app.Category(ReadyMade.MainMotiveScheme, "PHYS").ToString(), selected?.GetAttribute("value"));
    }

    [Fact]
    public async Task Requalify_WithAnotherScheme_IsRefusedAndSavesNothing()
    {
        var file = await app.NewFileAsync(Opened);
        var before = await app.StateAsync(file.Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await client.FormAsync(Url(file, "/requalify"));
        form["Input.SchemeId"] = app.World.Alpha.Scheme(ReadyMade.MaltreatmentScheme).Id.ToString();
        form["Input.PrimaryCategoryId"] = app.Category(ReadyMade.MaltreatmentScheme, "M1").ToString();

        var response = await client.PostFormAsync(Url(file, "/requalify"), Url(file, "/requalify"), form);

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal(("Input.SchemeId", app.Shown("A requalification uses the scheme of the opening qualification.")), CaseFileRecords.FieldMessage(page));
        Assert.Equal(before, await app.StateAsync(file.Id));
    }

    [Fact]
    public async Task Close_WithReasonAndClosingQualification_ClosesTheEpisodeAndShowsBothQualifications()
    {
        var file = await app.NewFileAsync(Opened);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await client.FormAsync(Url(file, "/close"));
        form["Input.ClosedOn"] = "2025-06-30";
        form["Input.ClosureReasonId"] = app.World.Alpha.Item(ListKind.ClosureReason, "GOOD-EVOLUTION").Id.ToString();
        form["Input.PrimaryCategoryId"] = app.Category(ReadyMade.MainMotiveScheme, "PSY").ToString();

        var response = await client.PostFormAsync(Url(file, "/close"), Url(file, "/close"), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await client.GetPageAsync(Url(file));
        Assert.Equal(app.Shown("Closed"), page.QuerySelector("h1 + .badges .status-closed")!.TextContent.Trim());
        var episode = page.QuerySelector("#episodes table tbody tr")!;
        Assert.Contains("Bonne évolution", episode.TextContent, StringComparison.Ordinal);
        var stages = page.QuerySelectorAll("#qualifications table tbody tr th").Select(th => th.TextContent.Trim());
        Assert.Equal([app.Shown("Opening"), app.Shown("Closing")], stages);
        var state = await app.StateAsync(file.Id);
        Assert.Equal(CaseFileStatus.Closed, state.Status);
    }

    public static TheoryData<string, string, string, string> BadClosings => new()
    {
        // field to change, value, field of the message, message
        { "Input.ClosureReasonId", "", "Input.ClosureReasonId", "Choose the reason for closing." },
        { "Input.PrimaryCategoryId", "", "Input.PrimaryCategoryId", "Give the closing qualification." },
        { "Input.PrimaryCategoryId", "maltreatment:M3", "Input.PrimaryCategoryId", "This category is not in the chosen scheme." },
        { "Input.ClosedOn", "2024-12-31", "Input.ClosedOn", "A case file cannot close before it opened." },
        { "Input.SchemeId", "maltreatment", "Input.SchemeId", "Choose a typology." },
    };

    [Theory]
    [MemberData(nameof(BadClosings))]
    public async Task Close_WithBadInput_ShowsTheMessageNextToTheFieldAndSavesNothing(string field, string value, string messageField, string message)
    {
        var file = await app.NewFileAsync(Opened);
        var before = await app.StateAsync(file.Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await client.FormAsync(Url(file, "/close"));
        form["Input.ClosedOn"] = "2025-06-30";
        form["Input.ClosureReasonId"] = app.World.Alpha.Item(ListKind.ClosureReason, "GOALS-MET").Id.ToString();
        form["Input.PrimaryCategoryId"] = app.Category(ReadyMade.MainMotiveScheme, "PHYS").ToString();
        form[field] = value switch
        {
            "maltreatment:M3" => app.Category(ReadyMade.MaltreatmentScheme, "M3").ToString(),
            // An id that names no scheme of the organisation.
            "maltreatment" => Guid.NewGuid().ToString(),
            _ => value,
        };

        var response = await client.PostFormAsync(Url(file, "/close"), Url(file, "/close"), form);

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal((messageField, app.Shown(message)), CaseFileRecords.FieldMessage(page));
        Assert.Equal(form["Input.ClosedOn"], HtmlForms.FieldsOf(page.QuerySelector("main form[method=post]")!)["Input.ClosedOn"]);
        Assert.Equal(before, await app.StateAsync(file.Id));
    }

    [Fact]
    public async Task Close_AFileNeverQualified_NeedsOnlyItsReason()
    {
        var file = await app.NewFileAsync(Opened, motive: null);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await client.FormAsync(Url(file, "/close"));
        Assert.False(form.ContainsKey("Input.PrimaryCategoryId"));
        form["Input.ClosedOn"] = "2025-02-01";
        form["Input.ClosureReasonId"] = app.World.Alpha.Item(ListKind.ClosureReason, "MOVED").Id.ToString();

        var response = await client.PostFormAsync(Url(file, "/close"), Url(file, "/close"), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseFileStatus.Closed, (await app.StateAsync(file.Id)).Status);
    }

    [Fact]
    public async Task Reopen_StartsANewEpisode_AndKeepsTheClosedOne()
    {
        var file = await app.NewFileAsync(Opened, motive: null, then: f => f.Close(new DateOnly(2025, 2, 1),
            app.World.Alpha.Item(ListKind.ClosureReason, "MOVED").Id, null, null));
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await client.FormAsync(Url(file, "/reopen"));
        form["Input.ReopenedOn"] = "2025-04-01";

        var response = await client.PostFormAsync(Url(file, "/reopen"), Url(file, "/reopen"), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await client.GetPageAsync(Url(file));
        var episodes = page.QuerySelectorAll("#episodes table tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, episodes.Count);
        Assert.Equal(["2", new DateOnly(2025, 4, 1).ToString("d", Fr), "", ""], episodes[0]);
        Assert.Equal(["1", Opened.ToString("d", Fr), new DateOnly(2025, 2, 1).ToString("d", Fr), "Déménagement"], episodes[1]);
        Assert.Equal(CaseFileStatus.Open, (await app.StateAsync(file.Id)).Status);
    }

    [Fact]
    public async Task Reopen_AnOpenFile_IsRefusedAndSavesNothing()
    {
        var file = await app.NewFileAsync(Opened);
        var before = await app.StateAsync(file.Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.PostFormAsync(Url(file, "/reopen"), Url(file),
            new() { ["Input.Version"] = before.Version.ToString(), ["Input.ReopenedOn"] = "2025-04-01" });

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal(app.Shown("Only a closed case file can be reopened."), page.QuerySelector("main .errors")!.TextContent.Trim());
        Assert.Equal(before, await app.StateAsync(file.Id));
    }

    [Fact]
    public async Task Assess_WithoutRationale_IsRefusedAndSavesNothing()
    {
        var file = await app.NewFileAsync(Opened);
        var before = await app.StateAsync(file.Id);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await client.FormAsync(Url(file, "/assess"));
        form["Input.Colour"] = "Red";
        form["Input.Rationale"] = "   ";

        var response = await client.PostFormAsync(Url(file, "/assess"), Url(file, "/assess"), form);

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal(("Input.Rationale", app.Shown("This field is required.")), CaseFileRecords.FieldMessage(page));
        Assert.Equal(before, await app.StateAsync(file.Id));
    }

    [Fact]
    public async Task Assess_ShowsTheCurrentColourInWordsOnTheFileAndInTheList()
    {
        var file = await app.NewFileAsync(Opened);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await client.FormAsync(Url(file, "/assess"));
        form["Input.Colour"] = "Green";
        form["Input.AssessedOn"] = "2025-02-01";
        form["Input.Rationale"] = "The family is cooperating well.";

        var response = await client.PostFormAsync(Url(file, "/assess"), Url(file, "/assess"), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await client.GetPageAsync(Url(file));
        Assert.Equal($"{app.Shown("Traffic light")}: {app.Shown("Green")}", page.QuerySelector(".badges .status-green")!.TextContent.Trim());
        var assessment = page.QuerySelector("#assessments table tbody tr")!;
        Assert.Contains("The family is cooperating well.", assessment.TextContent, StringComparison.Ordinal);
        Assert.Contains("Worker alpha", assessment.TextContent, StringComparison.Ordinal);
        var (_, list) = await client.GetPageAsync($"/o/alpha/case-files?colour=Green&q={file.Reference}");
        var row = Assert.Single(list.QuerySelectorAll("main table tbody tr"));
        Assert.Contains(app.Shown("Green"), row.QuerySelector(".status-green")!.TextContent, StringComparison.Ordinal);
        var (_, orange) = await client.GetPageAsync($"/o/alpha/case-files?colour=Orange&q={file.Reference}");
        Assert.Empty(orange.QuerySelectorAll("main table tbody tr"));
    }

    [Fact]
    public async Task ARetiredCategory_StillReadsOnTheFile()
    {
        var file = await app.NewFileAsync(Opened, motive: "OTHER");
        await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var scheme = await db.TypologySchemes.Include(s => s.Categories).SingleAsync(s => s.Code == ReadyMade.MainMotiveScheme);
            scheme.RetireCategory(scheme.Categories.Single(c => c.Code == "OTHER").Id, new DateOnly(2025, 5, 1));
            return await db.SaveChangesAsync();
        });
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (_, page) = await client.GetPageAsync(Url(file));

        var row = page.QuerySelector("#qualifications table tbody tr")!;
        Assert.Contains("OTHER", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Autre motif", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(app.Shown("retired"), row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_OpensAFileUnderTheNextReferenceOfItsService_WithItsFirstMemberAndQualification()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        var scheme = app.World.Alpha.Scheme(ReadyMade.MainMotiveScheme).Id;
        var url = $"/o/alpha/case-files/new?person=Inês&scheme={scheme}";
        var form = await client.FormAsync(url);
        form["Input.ServiceId"] = app.World.Alpha.Service.Id.ToString();
        form["Input.OpenedOn"] = "2025-09-15";
        form["Input.BeneficiaryId"] = app.World.Alpha.Mother.Id.ToString();
        form["Input.Role"] = "Mother";
        form["Input.PrimaryCategoryId"] = app.Category(ReadyMade.MainMotiveScheme, "BEHAV").ToString();

        var response = await client.PostFormAsync("/o/alpha/case-files/new", url, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Matches(@"PSY-2025-\d{4}", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Inês Gonçalves", page.QuerySelector("#members table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("BEHAV", page.QuerySelector("#qualifications table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_WithoutFirstMember_IsRefusedAndOpensNothing()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        var before = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.CaseFiles.CountAsync());
        var form = await client.FormAsync("/o/alpha/case-files/new");
        form["Input.ServiceId"] = app.World.Alpha.Service.Id.ToString();

        var response = await client.PostFormAsync("/o/alpha/case-files/new", "/o/alpha/case-files/new", form);

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal(("Input.BeneficiaryId", app.Shown("Choose the first member.")), CaseFileRecords.FieldMessage(page));
        Assert.Equal(before, await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.CaseFiles.CountAsync()));
    }

    private static readonly System.Globalization.CultureInfo Fr = Suivi.Infrastructure.Localization.Culture("fr");
}
