using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using static Suivi.Tests.Features.Imports.ImportFiles;

namespace Suivi.Tests.Features.Imports;

/// <summary>Case files come in with their members (people imported before), workers, and their closing when they are closed.</summary>
public sealed class CaseFileImportTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private async Task PeopleAsync(params string[] externalIds) =>
        (await app.ImportAsync(ImportKind.People, Csv([PeopleHeader, .. externalIds.Select(id => $"{id},First {id},Last {id},,,,,,,,")]))).Succeeded();

    [Fact]
    public async Task Import_CreatesCaseFiles_WithMembersWorkersAndClosing()
    {
        await PeopleAsync("CP-1", "CP-2", "CP-3");
        var file = Csv(CaseFileHeader,
            "CF-1,PSY,PSY-IMP-1,2023-01-10,,,CP-1:Child;CP-2:Mother,Paula Reis;Marc Weber",
            "CF-2,PSY,PSY-IMP-2,2022-05-01,2023-06-30,MOVED,CP-3,");

        var outcome = await app.ImportAsync(ImportKind.CaseFiles, file);

        outcome.Succeeded();
        var open = await app.InAlphaAsync(db => db.CaseFiles.Include(c => c.Members).Include(c => c.Workers).SingleAsync(c => c.ExternalId == "CF-1"));
        Assert.Equal((CaseFileStatus.Open, "PSY-IMP-1", new DateOnly(2023, 1, 10)), (open.Status, open.Reference, open.OpenedOn));
        Assert.Equal([CaseMemberRole.Child, CaseMemberRole.Mother], open.Members.Select(m => m.Role).Order());
        Assert.Equal(2, open.Workers.Count);
        var closed = await app.InAlphaAsync(db => db.CaseFiles.Include(c => c.Episodes).Include(c => c.Members).SingleAsync(c => c.ExternalId == "CF-2"));
        Assert.Equal((CaseFileStatus.Closed, new DateOnly(2023, 6, 30)), (closed.Status, closed.ClosedOn!.Value));
        Assert.Equal(app.World.Alpha.Item(ListKind.ClosureReason, "MOVED").Id, Assert.Single(closed.Episodes).ClosureReasonId);
        Assert.Equal(CaseMemberRole.Client, Assert.Single(closed.Members).Role);
    }

    [Fact]
    public async Task Reimport_OfTheSameFile_ChangesNothing()
    {
        await PeopleAsync("RC-P");
        var file = Csv(CaseFileHeader, "RC-1,PSY,PSY-RC-1,2023-01-10,,,RC-P,");
        (await app.ImportAsync(ImportKind.CaseFiles, file)).Succeeded();
        var before = await app.InAlphaAsync(db => db.CaseFiles.CountAsync());

        var again = await app.ImportAsync(ImportKind.CaseFiles, file);

        again.Succeeded();
        Assert.Equal((0L, 1L), (again.RowsWritten, again.RowsSkipped));
        Assert.Equal(before, await app.InAlphaAsync(db => db.CaseFiles.CountAsync()));
    }

    [Fact]
    public async Task UnknownPerson_AReferenceInUse_AndAClosingWithoutReason_AreRejected()
    {
        await PeopleAsync("UC-P");
        var before = await app.InAlphaAsync(db => db.CaseFiles.CountAsync());

        var outcome = await app.ImportAsync(ImportKind.CaseFiles, Csv(CaseFileHeader,
            "UC-1,PSY,PSY-UC-1,2023-01-10,,,NOBODY:Child,",
            $"UC-2,PSY,{app.World.Alpha.CaseFile.Reference},2023-01-10,,,UC-P,",
            "UC-3,PSY,PSY-UC-3,2023-01-10,2023-02-01,,UC-P:Friend,",
            "UC-4,PSY,PSY-UC-4,2023-03-10,2023-02-01,MOVED,UC-P,"));

        outcome.HasError(2, "members", "No person has the external id {0}: import the people first.");
        outcome.HasError(3, "reference", "The reference {0} is already used by another case file.");
        outcome.HasError(4, "closure_reason", "Choose the reason for closing.");
        outcome.HasError(4, "members", "Unknown role {0}: give Child, Mother, Father, Parent, Caregiver, Client or Other.");
        outcome.HasError(5, "closed_on", "A case file cannot close before it opened.");
        Assert.Equal(before, await app.InAlphaAsync(db => db.CaseFiles.CountAsync()));
    }

    [Fact]
    public async Task AnotherOrganisationsPerson_IsUnknown()
    {
        await app.ImportAsync(ImportKind.People, Csv(PeopleHeader, "BETA-P,Jean,Muller,,,,,,,,"), organisation: app.World.Beta);

        var outcome = await app.ImportAsync(ImportKind.CaseFiles, Csv(CaseFileHeader, "BC-1,PSY,PSY-BC-1,2023-01-10,,,BETA-P,"));

        outcome.HasError(2, "members", "No person has the external id {0}: import the people first.");
    }
}
