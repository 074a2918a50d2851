using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using static Suivi.Tests.Features.Imports.ImportFiles;

namespace Suivi.Tests.Features.Imports;

/// <summary>People come in through the same rules as the person form; each is audited; a re-import changes nothing.</summary>
public sealed class PeopleImportTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public async Task Import_CreatesEachPerson_AuditedAndMarkedWithTheRun()
    {
        var before = await app.PeopleAsync();
        var file = Csv(PeopleHeader,
            "P-1,Ana,Silva,2015-03-14,F,Sud,pt,+352 621 000 001,ana@example.lu,\"1, rue Haute\",",
            "P-2,Rui,Costa,14/02/1980,male,nord,,,,,First contact in 2019",
            "P-3,Lee,Wong,,,,,,,,");

        var outcome = await app.ImportAsync(ImportKind.People, file);

        outcome.Succeeded();
        Assert.Equal((3L, 3L), (outcome.RowsRead, outcome.RowsWritten));
        Assert.Equal(before + 3, await app.PeopleAsync());
        var ana = await app.InAlphaAsync(db => db.Beneficiaries.SingleAsync(b => b.ExternalId == "P-1"));
        Assert.Equal((new DateOnly(2015, 3, 14), Sex.Female, Region.Sud, "pt", "1, rue Haute"), (ana.BirthDate!.Value, ana.Sex, ana.Region!.Value, ana.Language, ana.Address));
        Assert.Equal(outcome.RunId, ana.ImportRunId);
        var rui = await app.InAlphaAsync(db => db.Beneficiaries.SingleAsync(b => b.ExternalId == "P-2"));
        Assert.Equal((new DateOnly(1980, 2, 14), Sex.Male, Region.Nord, "fr"), (rui.BirthDate!.Value, rui.Sex, rui.Region!.Value, rui.Language));
        var audited = await app.InAlphaAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == ana.Id && a.Action == AuditAction.Create));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Reimport_OfTheSameFile_ChangesNothing()
    {
        var file = Csv(PeopleHeader, "RP-1,Ana,Again,,,,,,,,", "RP-2,Rui,Again,,,,,,,,");
        (await app.ImportAsync(ImportKind.People, file)).Succeeded();
        var before = await app.PeopleAsync();

        var again = await app.ImportAsync(ImportKind.People, file);

        again.Succeeded();
        Assert.Equal((0L, 2L), (again.RowsWritten, again.RowsSkipped));
        Assert.Equal(before, await app.PeopleAsync());
    }

    [Fact]
    public async Task SameExternalIdTwice_InOneBatch_IsRejected_NamingBothLines()
    {
        var before = await app.PeopleAsync();

        var outcome = await app.ImportAsync(ImportKind.People, Csv(PeopleHeader, "DP-1,Ana,One,,,,,,,,", "DP-1,Ana,Two,,,,,,,,"));

        Assert.Equal(["DP-1", "2"], outcome.HasError(3, "external_id", "The external id {0} is already on line {1} of the file.").Arguments);
        Assert.Equal(before, await app.PeopleAsync());
    }

    [Fact]
    public async Task SameExternalIdTwice_FarApart_IsRejected_NamingBothLines()
    {
        var before = await app.PeopleAsync();
        var rows = Enumerable.Range(1, 2500).Select(i => $"FA-{i},Person,Number {i},,,,,,,,").ToList();
        rows[2199] = "FA-7,Person,Again,,,,,,,,";

        var outcome = await app.ImportAsync(ImportKind.People, Csv([PeopleHeader, .. rows]));

        Assert.Equal(["FA-7", "8"], outcome.HasError(2201, "external_id", "The external id {0} is already on line {1} of the file.").Arguments);
        Assert.Equal(1, outcome.ErrorCount);
        Assert.Equal(before, await app.PeopleAsync());
    }

    [Fact]
    public async Task RowBreakingThePersonRules_IsRejected_UnderItsColumn()
    {
        var outcome = await app.ImportAsync(ImportKind.People, Csv(PeopleHeader,
            "BP-1,Ana,Silva,,,,,,not-an-address,,",
            "BP-2,,,,,,,,,,",
            "BP-3,Rui,Costa,3024-01-01,X,Mars,,,,,"), dryRun: true);

        outcome.HasError(2, "email", "Enter a valid e-mail address.");
        outcome.HasError(3, "first_name", "This field is required.");
        outcome.HasError(3, "last_name", "This field is required.");
        outcome.HasError(4, "sex", "Give the sex as female, male, other or unknown.");
        outcome.HasError(4, "region", "Unknown region {0}: give Centre, Sud, Nord, Est or Ouest.");
    }

    [Fact]
    public async Task BirthDateInTheFuture_IsRejected()
    {
        var outcome = await app.ImportAsync(ImportKind.People, Csv(PeopleHeader, "BF-1,Rui,Costa,3024-01-01,,,,,,,"), dryRun: true);

        outcome.HasError(2, "birth_date", "The birth date must lie in the past 125 years.");
    }
}
