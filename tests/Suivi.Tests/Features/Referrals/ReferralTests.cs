using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Domain;
using Suivi.Security;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Referrals;

public sealed class ReferralTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    private string ReferralsPage => $"/o/alpha/case-files/{Alpha.CaseFile.Id}/referrals";

    [Fact]
    public async Task ReferToAPartnerService_ListsItWithTheServiceAndThePartner()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = await NewReferralFormAsync(client);
        form["Input.PartnerServiceId"] = Alpha.PartnerService.Id.ToString();
        form["Input.SentOn"] = "2024-03-04";
        form["Input.Reason"] = "Sleep disorders since the disclosure";

        var response = await client.PostFormAsync(ReferralsPage, ReferralsPage, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await RowAsync(client, "Sleep disorders since the disclosure");
        Assert.Contains("Consultation pédopsychiatrique — Partenaire alpha", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(app.Shown("Sent"), row.TextContent, StringComparison.Ordinal);
        var stored = await FindByReasonAsync("Sleep disorders since the disclosure");
        Assert.Equal(Alpha.PartnerService.Id, stored.PartnerServiceId);
        Assert.Equal(new DateOnly(2024, 3, 4), stored.SentOn);
        Assert.Equal(ReferralOutcome.Sent, stored.Outcome);
    }

    [Fact]
    public async Task ReferToASpeciality_ListsItWithTheSpecialitysLabel()
    {
        var ophthalmologist = Alpha.Item(ListKind.ReferralSpeciality, "OPHTHALMOLOGIST");
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = await NewReferralFormAsync(client);
        form["Input.SpecialityId"] = ophthalmologist.Id.ToString();
        form["Input.Reason"] = "Squint noticed at school";

        var response = await client.PostFormAsync(ReferralsPage, ReferralsPage, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await RowAsync(client, "Squint noticed at school");
        Assert.Contains(ophthalmologist.Label.Fr, row.TextContent, StringComparison.Ordinal);
        Assert.Null((await FindByReasonAsync("Squint noticed at school")).PartnerServiceId);
    }

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { "Input.PartnerServiceId", "", "Choose the partner service or the speciality referred to." },
        { "Input.Reason", "", "This field is required." },
        { "Input.SentOn", "", "This field is required." },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Refer_WithAMissingField_ShowsTheMessageNextToItAndSavesNothing(string field, string value, string message)
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await CountReferralsAsync();
        var form = await NewReferralFormAsync(client);
        form["Input.PartnerServiceId"] = Alpha.PartnerService.Id.ToString();
        form["Input.Reason"] = "Bad input " + field;
        form[field] = value;

        var response = await client.PostFormAsync(ReferralsPage, ReferralsPage, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        var messages = page.QuerySelectorAll("span[data-valmsg-for]").Where(span => span.TextContent.Trim().Length > 0).ToList();
        Assert.Equal(field, Assert.Single(messages).GetAttribute("data-valmsg-for"));
        Assert.Equal(app.Shown(message), messages[0].TextContent.Trim());
        Assert.Equal(form, HtmlForms.FieldsOf(page.QuerySelector("main form")!));
        Assert.Equal(before, await CountReferralsAsync());
    }

    [Fact]
    public async Task Refer_ToAnItemOfAnotherList_IsRefused()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await CountReferralsAsync();
        var form = await NewReferralFormAsync(client);
        form["Input.SpecialityId"] = Alpha.Item(ListKind.Flag, "UNDER-3").Id.ToString();
        form["Input.Reason"] = "Not a speciality";

        var response = await client.PostFormAsync(ReferralsPage, ReferralsPage, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("Choose a speciality of the list."), page.QuerySelector("span[data-valmsg-for='Input.SpecialityId']")!.TextContent.Trim());
        Assert.Equal(before, await CountReferralsAsync());
    }

    [Fact]
    public async Task Refer_ToAnotherOrganisationsService_IsRefused()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await CountReferralsAsync();
        var form = await NewReferralFormAsync(client);
        form["Input.PartnerServiceId"] = app.World.Beta.PartnerService.Id.ToString();
        form["Input.Reason"] = "Beta's service";

        var response = await client.PostFormAsync(ReferralsPage, ReferralsPage, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("Choose a partner service of the directory."),
            page.QuerySelector("span[data-valmsg-for='Input.PartnerServiceId']")!.TextContent.Trim());
        Assert.Equal(before, await CountReferralsAsync());
    }

    [Fact]
    public async Task RecordOutcome_BeforeTheReferralWasSent_IsRefusedAndChangesNothing()
    {
        var referral = await AddReferralAsync(Alpha.CaseFile.Id, "Outcome before sending", new DateOnly(2024, 4, 10));
        var page = $"{ReferralsPage}/{referral.Id}";
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = await FormAsync(client, page);
        form["Input.Outcome"] = "Accepted";
        form["Input.OutcomeOn"] = "2024-04-09";

        var response = await client.PostFormAsync(page, page, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("The outcome cannot come before the referral was sent."),
            shown.QuerySelector("span[data-valmsg-for='Input.OutcomeOn']")!.TextContent.Trim());
        Assert.Equal("2024-04-09", HtmlForms.FieldsOf(shown.QuerySelector("main form")!)["Input.OutcomeOn"]);
        var stored = await FindAsync(referral.Id);
        Assert.Equal(ReferralOutcome.Sent, stored.Outcome);
        Assert.Null(stored.OutcomeOn);
    }

    [Theory]
    [InlineData("Accepted")]
    [InlineData("Declined")]
    [InlineData("Done")]
    public async Task RecordOutcome_SavesItWithItsDate(string outcome)
    {
        var referral = await AddReferralAsync(Alpha.CaseFile.Id, "Outcome " + outcome, new DateOnly(2024, 4, 10));
        var page = $"{ReferralsPage}/{referral.Id}";
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);
        var form = await FormAsync(client, page);
        form["Input.Outcome"] = outcome;
        form["Input.OutcomeOn"] = "2024-04-10";

        var response = await client.PostFormAsync(page, page, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ReferralsPage, response.Headers.Location!.OriginalString);
        var stored = await FindAsync(referral.Id);
        Assert.Equal(Enum.Parse<ReferralOutcome>(outcome), stored.Outcome);
        Assert.Equal(new DateOnly(2024, 4, 10), stored.OutcomeOn);
        var row = await RowAsync(client, "Outcome " + outcome);
        Assert.Contains(app.Shown(outcome), row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordOutcome_WithStaleVersion_IsRefusedAndKeepsTheOtherOutcome()
    {
        var referral = await AddReferralAsync(Alpha.CaseFile.Id, "Two outcomes at once", new DateOnly(2024, 4, 1));
        var page = $"{ReferralsPage}/{referral.Id}";
        using var first = await app.SignedInAsync(Alpha.CoordinatorEmail);
        using var second = await app.SignedInAsync(Alpha.WorkerEmail);
        var firstForm = await FormAsync(first, page);
        var secondForm = await FormAsync(second, page);
        firstForm["Input.Outcome"] = "Accepted";
        firstForm["Input.OutcomeOn"] = "2024-04-02";
        secondForm["Input.Outcome"] = "Declined";
        secondForm["Input.OutcomeOn"] = "2024-04-03";

        var saved = await first.PostFormAsync(page, page, firstForm);
        var refused = await second.PostFormAsync(page, page, secondForm);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = TestClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(app.Shown("Someone else changed this referral while you were editing. Your changes were not saved: reload the page to see the current version, then edit again."),
            shown.QuerySelector("main .errors")!.TextContent.Trim());
        var stored = await FindAsync(referral.Id);
        Assert.Equal(ReferralOutcome.Accepted, stored.Outcome);
        Assert.Equal(new DateOnly(2024, 4, 2), stored.OutcomeOn);
    }

    [Fact]
    public async Task RestrictedCaseFile_HasNoReferralPagesForThoseNotNamedOnIt()
    {
        var (fileId, referralId) = await AddRestrictedFileWithReferralAsync();
        var list = $"/o/alpha/case-files/{fileId}/referrals";
        var one = $"{list}/{referralId}";
        using var outsider = await app.SignedInAsync(Alpha.CoordinatorEmail);
        using var named = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await CountReferralsAsync();

        var outsiderList = await outsider.GetAsync(list);
        var outsiderOne = await outsider.GetAsync(one);
        var outsiderPost = await outsider.PostFormAsync(list, ReferralsPage, new()
        {
            ["Input.PartnerServiceId"] = Alpha.PartnerService.Id.ToString(),
            ["Input.SentOn"] = "2024-05-01",
            ["Input.Reason"] = "Intruding",
        });
        var outsiderOutcome = await outsider.PostFormAsync(one, ReferralsPage, new()
        {
            ["Input.Outcome"] = "Done",
            ["Input.OutcomeOn"] = "2024-05-02",
            ["Input.Version"] = "0",
        });
        var namedList = await named.GetAsync(list);
        var (_, namedOne) = await named.GetPageAsync(one);

        Assert.Equal(HttpStatusCode.NotFound, outsiderList.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderOne.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderPost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderOutcome.StatusCode);
        Assert.DoesNotContain("PSY-2024-SEALED", await outsiderList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, namedList.StatusCode);
        Assert.Contains("Known only to the worker", await namedList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountReferralsAsync());
        // Background code sees no restricted file either: the named worker's page tells the outcome is unchanged.
        Assert.Contains(app.Shown("Sent"), namedOne.QuerySelector("dl.details")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Shown("Done"), namedOne.QuerySelector("dl.details")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherOrganisationsCaseFileOrReferral_AnswersNotFound()
    {
        var beta = app.World.Beta;
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var betasFile = await client.GetAsync($"/o/alpha/case-files/{beta.CaseFile.Id}/referrals");
        var betasReferral = await client.GetAsync($"/o/alpha/case-files/{beta.CaseFile.Id}/referrals/{beta.Referral.Id}");
        var betasReferralUnderAlphasFile = await client.GetAsync($"{ReferralsPage}/{beta.Referral.Id}");
        var unknownFile = await client.GetAsync($"/o/alpha/case-files/{Guid.NewGuid()}/referrals");

        Assert.Equal(HttpStatusCode.NotFound, betasFile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, betasReferral.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, betasReferralUnderAlphasFile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownFile.StatusCode);
    }

    [Fact]
    public async Task Statistician_CannotOpenTheReferrals()
    {
        using var client = await app.SignedInAsync(Alpha.StatisticianEmail);

        var list = await client.GetAsync(ReferralsPage);
        var one = await client.GetAsync($"{ReferralsPage}/{Alpha.Referral.Id}");

        Assert.Equal("/access-denied", list.Headers.Location?.AbsolutePath);
        Assert.Equal("/access-denied", one.Headers.Location?.AbsolutePath);
    }

    private async Task<Dictionary<string, string>> NewReferralFormAsync(TestClient client)
    {
        var (response, page) = await client.GetPageAsync(ReferralsPage);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return HtmlForms.FieldsOf(page.QuerySelector("main form")!);
    }

    private static async Task<Dictionary<string, string>> FormAsync(TestClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return HtmlForms.FieldsOf(page.QuerySelector("main form")!);
    }

    private async Task<AngleSharp.Dom.IElement> RowAsync(TestClient client, string reason)
    {
        var (_, page) = await client.GetPageAsync(ReferralsPage);
        return page.QuerySelectorAll("main tbody tr").Single(r => r.TextContent.Contains(reason, StringComparison.Ordinal));
    }

    private Task<Referral> AddReferralAsync(Guid caseFileId, string reason, DateOnly sentOn) =>
        app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var referral = new Referral(caseFileId, Alpha.PartnerService.Id, null, sentOn, reason);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral;
        });

    private async Task<(Guid FileId, Guid ReferralId)> AddRestrictedFileWithReferralAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var workerId = (await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(Alpha.WorkerEmail))!.Id;
        return await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var file = new CaseFile(Alpha.Service.Id, "PSY-2024-SEALED", new DateOnly(2024, 3, 1));
            file.RestrictTo([workerId]);
            var referral = new Referral(file.Id, null, Alpha.Item(ListKind.ReferralSpeciality, "CHILD-PSYCHIATRIST").Id, new DateOnly(2024, 3, 5),
                "Known only to the worker");
            db.AddRange(file, referral);
            await db.SaveChangesAsync();
            return (file.Id, referral.Id);
        });
    }

    private Task<Referral> FindAsync(Guid id) =>
        app.InOrganisationAsync(Alpha.Organisation.Id, db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id));

    private Task<Referral> FindByReasonAsync(string reason) =>
        app.InOrganisationAsync(Alpha.Organisation.Id, db => db.Referrals.AsNoTracking().SingleAsync(r => r.Reason == reason));

    private Task<int> CountReferralsAsync() =>
        app.InOrganisationAsync(Alpha.Organisation.Id, db => db.Referrals.CountAsync());
}
