using Suivi.Domain;
using Suivi.Features.Deliveries;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Deliveries;

/// <summary>What the case-file and person pages show of deliveries (the query behind _DeliveriesOf.cshtml).</summary>
public sealed class DeliveriesOfTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public async Task ACaseFile_HasItsDeliveries_TheLatestFirst_WithTheExactTotal()
    {
        var alpha = app.World.Alpha;
        var worker = await app.AddStaffAsync("Cléo", "Dossier");
        var file = await app.AddClosedFileAsync(new DateOnly(2024, 1, 2), new DateOnly(2024, 12, 20));
        var first = await app.AddDeliveryAsync(worker.Id, new DateOnly(2024, 3, 4), 1.5, caseFileId: file.Id);
        var latest = await app.AddDeliveryAsync(worker.Id, new DateOnly(2024, 5, 6), 0.25, caseFileId: file.Id);
        await app.AddDeliveryAsync(worker.Id, new DateOnly(2024, 5, 7), 2);

        var summary = await app.InOrganisationAsync(alpha.Organisation.Id, db => DeliveriesOf.ForCaseFileAsync(db, file.Id, CancellationToken.None));

        Assert.Equal(2, summary.Count);
        Assert.Equal(6300, summary.TotalSeconds);
        Assert.Equal([latest.Id, first.Id], summary.Latest.Select(d => d.Id));
        Assert.Equal("Cléo Dossier", summary.Names.Workers(summary.Latest[0]));
    }

    [Fact]
    public async Task APerson_HasTheDeliveriesRecordedForThem_AndThoseOfTheirCaseFiles()
    {
        var alpha = app.World.Alpha;
        var worker = await app.AddStaffAsync("Maé", "Personne");
        var person = await app.InOrganisationAsync(alpha.Organisation.Id, async db =>
        {
            var created = new Beneficiary(new BeneficiaryDetails("Yanis", "Suivi", null, Sex.Male, null, null, null, null, null, null));
            db.Beneficiaries.Add(created);
            await db.SaveChangesAsync();
            return created;
        });
        var file = await app.InOrganisationAsync(alpha.Organisation.Id, async db =>
        {
            var created = new CaseFile(alpha.Service.Id, "PSY-2024-YANIS", new DateOnly(2024, 1, 1));
            created.AddMember(person.Id, CaseMemberRole.Child);
            db.CaseFiles.Add(created);
            await db.SaveChangesAsync();
            return created;
        });
        var forHim = await app.AddDeliveryAsync(worker.Id, new DateOnly(2024, 2, 1), 1, beneficiaryId: person.Id);
        var ofHisFile = await app.AddDeliveryAsync(worker.Id, new DateOnly(2024, 2, 2), 1, caseFileId: file.Id);
        await app.AddDeliveryAsync(worker.Id, new DateOnly(2024, 2, 3), 1, caseFileId: alpha.CaseFile.Id);

        var summary = await app.InOrganisationAsync(alpha.Organisation.Id, db => DeliveriesOf.ForPersonAsync(db, person.Id, CancellationToken.None));

        Assert.Equal([ofHisFile.Id, forHim.Id], summary.Latest.Select(d => d.Id));
        Assert.Equal(7200, summary.TotalSeconds);
    }

    [Fact]
    public async Task TheCaseFileAndPersonPages_ShowTheirDeliveries_WithALinkToEach()
    {
        var alpha = app.World.Alpha;
        var worker = await app.AddStaffAsync("Lou", "Visite");
        var file = await app.AddClosedFileAsync(new DateOnly(2024, 2, 1), new DateOnly(2024, 11, 30));
        var delivery = await app.AddDeliveryAsync(worker.Id, new DateOnly(2024, 6, 3), 1.75, caseFileId: file.Id, beneficiaryId: alpha.Child.Id);
        using var client = await app.SignedInAsync(alpha.CoordinatorEmail);

        foreach (var page in new[] { $"/o/alpha/case-files/{file.Id}", $"/o/alpha/people/{alpha.Child.Id}" })
        {
            var (response, html) = await client.GetPageAsync(page);

            Assert.True(response.IsSuccessStatusCode, page);
            Assert.NotNull(html.QuerySelector("#deliveries-title"));
            Assert.NotNull(html.QuerySelector($"a[href='/o/alpha/deliveries/{delivery.Id}']"));
        }
    }
}
