using System.Net;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.CaseFiles;

/// <summary>The people on a file and its flags, changed from the file's page.</summary>
public sealed class MembersWorkersFlagsTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private static readonly DateOnly Opened = new(2025, 1, 10);

    [Fact]
    public async Task AMemberFoundBySearch_IsAddedWithTheirRole_AndCanBeRemoved()
    {
        var file = await app.NewFileAsync(Opened);
        var url = $"/o/alpha/case-files/{file.Id}";
        using var worker = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var (_, search) = await worker.GetPageAsync($"{url}?person=ines");
        var candidate = Assert.Single(search.QuerySelectorAll("form.candidate"));
        var fields = HtmlForms.FieldsOf(candidate);
        fields["role"] = "Mother";

        var added = await worker.PostFormAsync($"{url}?handler=AddMember", url, fields);
        var (_, withMother) = await worker.GetPageAsync(url);
        var removed = await worker.PostFormAsync($"{url}?handler=RemoveMember", url,
            new() { ["beneficiaryId"] = app.World.Alpha.Mother.Id.ToString() });
        var (_, without) = await worker.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains(withMother.QuerySelectorAll("#members table tbody tr"),
            row => row.TextContent.Contains("Inês Gonçalves", StringComparison.Ordinal) && row.TextContent.Contains(app.Shown("Mother"), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(1, (await app.StateAsync(file.Id)).Members);
        Assert.DoesNotContain("Inês Gonçalves", without.QuerySelector("#members table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastMember_IsNotRemoved()
    {
        var file = await app.NewFileAsync(Opened);
        var url = $"/o/alpha/case-files/{file.Id}";
        using var worker = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await worker.PostFormAsync($"{url}?handler=RemoveMember", url,
            new() { ["beneficiaryId"] = app.World.Alpha.Child.Id.ToString() });

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal(("Member.BeneficiaryId", app.Shown("A case file keeps at least one member.")), CaseFileRecords.FieldMessage(page));
        Assert.Equal(1, (await app.StateAsync(file.Id)).Members);
    }

    [Fact]
    public async Task AWorker_IsAssignedAndUnassigned()
    {
        var file = await app.NewFileAsync(Opened);
        var url = $"/o/alpha/case-files/{file.Id}";
        using var coordinator = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        var staff = app.World.Alpha.Staff.Id.ToString();

        var assigned = await coordinator.PostFormAsync($"{url}?handler=Assign", url, new() { ["staffMemberId"] = staff });
        var (_, withWorker) = await coordinator.GetPageAsync(url);
        var unassigned = await coordinator.PostFormAsync($"{url}?handler=Unassign", url, new() { ["staffMemberId"] = staff });
        var (_, withoutWorker) = await coordinator.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Contains("Paula Reis", withWorker.QuerySelector("#workers ul")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, unassigned.StatusCode);
        Assert.Equal(app.Shown("Nobody assigned."), withoutWorker.QuerySelector("#workers p.muted")!.TextContent.Trim());
    }

    [Fact]
    public async Task AFlagThatRecordsANumber_IsRefusedWithoutIt_AndShownWithIt()
    {
        var file = await app.NewFileAsync(Opened);
        var url = $"/o/alpha/case-files/{file.Id}";
        var pregnancy = app.World.Alpha.Item(ListKind.Flag, "PREGNANCY").Id.ToString();
        using var worker = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var refused = await worker.PostFormAsync($"{url}?handler=SetFlag", url, new() { ["Flag.FlagId"] = pregnancy, ["Flag.Number"] = "" });
        var flagsAfterRefusal = (await app.StateAsync(file.Id)).Flags;
        var set = await worker.PostFormAsync($"{url}?handler=SetFlag", url, new() { ["Flag.FlagId"] = pregnancy, ["Flag.Number"] = "24" });
        var (_, page) = await worker.GetPageAsync(url);

        var refusal = await CaseFileRecords.PageOfAsync(refused);
        Assert.Equal(("Flag.Number", app.Shown("This flag needs a number.")), CaseFileRecords.FieldMessage(refusal));
        Assert.Equal(0, flagsAfterRefusal);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var flag = Assert.Single(page.QuerySelectorAll("#flags ul li"));
        Assert.Contains("Admission pendant la grossesse (semaine)", flag.TextContent, StringComparison.Ordinal);
        Assert.Equal("24", flag.QuerySelector("strong")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheJusticeFlag_RecordsItsAuthority_AndIsCleared()
    {
        var file = await app.NewFileAsync(Opened);
        var url = $"/o/alpha/case-files/{file.Id}";
        var justice = app.World.Alpha.Item(ListKind.Flag, "JUSTICE").Id.ToString();
        using var worker = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var set = await worker.PostFormAsync($"{url}?handler=SetFlag", url,
            new() { ["Flag.FlagId"] = justice, ["Flag.AuthorityId"] = app.World.Alpha.Item(ListKind.JusticeAuthority, "YOUTH-COURT").Id.ToString() });
        var (_, page) = await worker.GetPageAsync(url);
        var cleared = await worker.PostFormAsync($"{url}?handler=ClearFlag", url, new() { ["flagId"] = justice });

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("Tribunal de la jeunesse", page.QuerySelector("#flags ul li strong")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Equal(0, (await app.StateAsync(file.Id)).Flags);
    }
}
