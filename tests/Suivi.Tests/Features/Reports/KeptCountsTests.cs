using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Reports;
using Suivi.Infrastructure.Imports;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// The counts the database keeps besides the delivery totals (decision 013) — contacts, day-centre visits, and the
/// people counted once per source and year with their care insurance — follow every write of their records, every
/// change of an entitlement period and every restriction of a case file: after each, every kept table equals its records
/// counted again from scratch, and a report reading them counts each person once, within what the viewer may see.
/// Each test writes its own people in years no other test uses.
/// </summary>
public sealed class KeptCountsTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    /// <summary>Checks that every kept table equals its records counted again.</summary>
    private Task CheckedAsync() => KeptChecks.AssertKeptAsync(app, Alpha);

    private Task<T> InAlphaAsync<T>(Func<SuiviDbContext, Task<T>> work) => app.InOrganisationAsync(Alpha.Organisation.Id, work);

    private async Task<Beneficiary> PersonAsync(string name)
    {
        var person = new Beneficiary(new BeneficiaryDetails(name, "Kept", new DateOnly(1945, 1, 1), Sex.Male, Region.Nord, "lb", null, null, null, null));
        await InAlphaAsync(db =>
        {
            db.Beneficiaries.Add(person);
            return db.SaveChangesAsync();
        });
        return person;
    }

    private ServiceDelivery Delivery(DateOnly on, Guid? person, Guid? file = null) =>
        new(Alpha.Service.Id, new DeliveryDetails(on, null, TimeSpan.FromMinutes(30), Alpha.Item(ListKind.DeliveryType, "HOME-VISIT").Id, null,
            Alpha.Staff.Id, [], file, person, null, null, null), Today);

    private Task<Dictionary<(PeopleSource Source, int Year, bool Insured), long>> PeopleAsync() => InAlphaAsync(db =>
        db.PeopleTotals.ToDictionaryAsync(t => (t.Source, t.Year, t.Insured), t => t.People));

    /// <summary>The person's row of everyone's counts, or of the restricted file's own.</summary>
    private Task<CountedPerson?> RowOfAsync(PeopleSource source, int year, Guid person, Guid? restrictedFile = null) => InAlphaAsync(db =>
        db.CountedPeople.SingleOrDefaultAsync(p => p.Source == source && p.RestrictedFileId == (restrictedFile ?? Guid.Empty) && p.Year == year && p.BeneficiaryId == person));

    [Fact]
    public async Task ContactsRecordedCorrectedAndDeleted_AreCountedByYearKindDirectionAndOutcome()
    {
        Contact ContactOf(DateOnly on, ContactKind kind, string? outcome) => new(Alpha.Service.Id, new ContactDetails(kind, ContactDirection.Inbound, on, null, null,
            null, null, outcome is null ? null : Alpha.Item(ListKind.ContactOutcome, outcome).Id, null, null), Today);
        var (first, second, anonymous) = (ContactOf(new(2011, 2, 3), ContactKind.HelplineCall, "INFORMATION"),
            ContactOf(new(2011, 4, 5), ContactKind.HelplineCall, "INFORMATION"), ContactOf(new(2011, 6, 7), ContactKind.Other, null));
        await InAlphaAsync(db =>
        {
            db.Contacts.AddRange(first, second, anonymous);
            return db.SaveChangesAsync();
        });
        await CheckedAsync();
        var information = Alpha.Item(ListKind.ContactOutcome, "INFORMATION").Id;
        Task<long?> CountAsync(int year, ContactKind kind, Guid outcome) => InAlphaAsync(db => db.ContactTotals
            .Where(t => t.Year == year && t.Kind == kind && t.Direction == ContactDirection.Inbound && t.OutcomeId == outcome).Select(t => (long?)t.Count).SingleOrDefaultAsync());
        Assert.Equal(2, await CountAsync(2011, ContactKind.HelplineCall, information));
        // Without an outcome: kept under the empty id.
        Assert.Equal(1, await CountAsync(2011, ContactKind.Other, Guid.Empty));

        // Corrected into another year and kind; a subject changed alone moves nothing; deleted: the emptied row goes.
        await InAlphaAsync(async db =>
        {
            var contact = await db.Contacts.SingleAsync(c => c.Id == second.Id);
            contact.Correct(new ContactDetails(ContactKind.ClientRelations, ContactDirection.Inbound, new DateOnly(2012, 1, 9), null, null, null, null,
                information, null, null), Today);
            var other = await db.Contacts.SingleAsync(c => c.Id == first.Id);
            other.Correct(new ContactDetails(other.Kind, other.Direction, other.OnDate, null, null, null, null, other.OutcomeId, null, "Asked again"), Today);
            db.Contacts.Remove(await db.Contacts.SingleAsync(c => c.Id == anonymous.Id));
            return await db.SaveChangesAsync();
        });
        await CheckedAsync();
        Assert.Equal(1, await CountAsync(2011, ContactKind.HelplineCall, information));
        Assert.Equal(1, await CountAsync(2012, ContactKind.ClientRelations, information));
        Assert.Null(await CountAsync(2011, ContactKind.Other, Guid.Empty));
    }

    [Fact]
    public async Task AVisitorOfTwoCentres_IsCountedOnceInTheYear_AndNoLongerOnceTheirLastVisitIsDeleted()
    {
        var other = new Service("FOYER-2", "Foyer de jour du Nord", ServiceKind.DayCentre);
        await InAlphaAsync(db =>
        {
            db.Services.Add(other);
            return db.SaveChangesAsync();
        });
        var (both, once) = (await PersonAsync("Visits-two-centres"), await PersonAsync("Visits-once"));
        var centre = Alpha.Activities.DayCentre.Id;
        var visits = new[]
        {
            new DayCentreVisit(centre, both.Id, new DateOnly(2009, 3, 1), Today),
            new DayCentreVisit(other.Id, both.Id, new DateOnly(2009, 3, 2), Today),
            new DayCentreVisit(centre, once.Id, new DateOnly(2009, 3, 1), Today),
        };
        await InAlphaAsync(db =>
        {
            db.DayCentreVisits.AddRange(visits);
            return db.SaveChangesAsync();
        });
        await CheckedAsync();
        Assert.Equal(2, (await RowOfAsync(PeopleSource.DayCentre, 2009, both.Id))!.Records);
        Assert.Equal(2, (await PeopleAsync())[(PeopleSource.DayCentre, 2009, false)]);
        Assert.Equal([2L, 1L], await InAlphaAsync(db => db.DayCentreVisitTotals.Where(t => t.Year == 2009).OrderBy(t => t.ServiceId == other.Id)
            .Select(t => t.Visits).ToListAsync()));

        await InAlphaAsync(async db =>
        {
            db.DayCentreVisits.RemoveRange(await db.DayCentreVisits.Where(v => v.BeneficiaryId == once.Id).ToListAsync());
            return await db.SaveChangesAsync();
        });
        await CheckedAsync();
        Assert.Null(await RowOfAsync(PeopleSource.DayCentre, 2009, once.Id));
        Assert.Equal(1, (await PeopleAsync())[(PeopleSource.DayCentre, 2009, false)]);
    }

    [Fact]
    public async Task AClientsEntitlementPeriods_WrittenCorrectedAndDeleted_MoveThemBetweenWithAndWithoutCareInsurance()
    {
        var client = await PersonAsync("Entitled-later");
        await InAlphaAsync(db =>
        {
            db.Deliveries.AddRange(Delivery(new DateOnly(2008, 2, 1), client.Id), Delivery(new DateOnly(2008, 9, 1), client.Id), Delivery(new DateOnly(2007, 5, 5), client.Id));
            return db.SaveChangesAsync();
        });
        await CheckedAsync();
        Assert.Equal((2L, false), await RecordsAndInsuranceAsync(2008));

        // From 31 December 2007 on: entitled on a day of 2007 and of 2008.
        var period = new CareInsurancePeriod(client.Id, new DateOnly(2007, 12, 31), null);
        await InAlphaAsync(db =>
        {
            db.CareInsurancePeriods.Add(period);
            return db.SaveChangesAsync();
        });
        await CheckedAsync();
        Assert.Equal((2L, true), await RecordsAndInsuranceAsync(2008));
        Assert.Equal((1L, true), await RecordsAndInsuranceAsync(2007));

        // Corrected to start in 2008: 2007 without insurance again.
        await InAlphaAsync(async db =>
        {
            (await db.CareInsurancePeriods.SingleAsync(p => p.Id == period.Id)).Correct(new DateOnly(2008, 1, 1), new DateOnly(2008, 1, 1));
            return await db.SaveChangesAsync();
        });
        await CheckedAsync();
        Assert.Equal((1L, false), await RecordsAndInsuranceAsync(2007));
        Assert.Equal((2L, true), await RecordsAndInsuranceAsync(2008));

        await InAlphaAsync(async db =>
        {
            db.CareInsurancePeriods.Remove(await db.CareInsurancePeriods.SingleAsync(p => p.Id == period.Id));
            return await db.SaveChangesAsync();
        });
        await CheckedAsync();
        Assert.Equal((2L, false), await RecordsAndInsuranceAsync(2008));

        async Task<(long, bool)> RecordsAndInsuranceAsync(int year) => await RowOfAsync(PeopleSource.Served, year, client.Id) is { } row
            ? (row.Records, row.Insured)
            : throw new InvalidOperationException($"The client is not counted in {year}.");
    }

    [Fact]
    public async Task AClientOfARestrictedFile_CountsOnlyForThoseNamedOnIt_AndOnceIfAlsoServedOutsideIt()
    {
        var admin = await KeptChecks.AdministratorAsync(app, Alpha);
        var (alsoOutside, onlyInside) = (await PersonAsync("Served-both"), await PersonAsync("Served-restricted"));
        var file = new CaseFile(Alpha.Service.Id, $"KEPT-{Guid.NewGuid():N}"[..20], new DateOnly(2006, 1, 2));
        await InAlphaAsync(async db =>
        {
            db.CaseFiles.Add(file);
            db.CareInsurancePeriods.Add(new CareInsurancePeriod(alsoOutside.Id, new DateOnly(2006, 1, 1), new DateOnly(2006, 12, 31)));
            await db.SaveChangesAsync();
            db.Deliveries.AddRange(Delivery(new DateOnly(2006, 3, 3), alsoOutside.Id, file.Id), Delivery(new DateOnly(2006, 4, 4), onlyInside.Id, file.Id),
                Delivery(new DateOnly(2006, 5, 5), onlyInside.Id, file.Id), Delivery(new DateOnly(2006, 6, 6), alsoOutside.Id));
            return await db.SaveChangesAsync();
        });
        Assert.Equal((1, 1, 2), await ClientsAsync(null));

        await KeptChecks.RestrictAsync(app, Alpha, file.Id, restricted: true);
        await CheckedAsync();
        Assert.Equal(1, (await RowOfAsync(PeopleSource.Served, 2006, alsoOutside.Id))!.Records);
        Assert.Null(await RowOfAsync(PeopleSource.Served, 2006, onlyInside.Id));
        // Kept apart under the file, whose own rows count them.
        Assert.Equal(2, (await RowOfAsync(PeopleSource.Served, 2006, onlyInside.Id, file.Id))!.Records);
        Assert.Equal(1, (await RowOfAsync(PeopleSource.Served, 2006, alsoOutside.Id, file.Id))!.Records);
        // The administrator, named on the file, counts both — the one also served outside it once, with insurance; a
        // member it does not name, only the one served outside it.
        Assert.Equal((1, 1, 2), await ClientsAsync(admin));
        Assert.Equal((1, 0, 1), await ClientsAsync(null));

        await KeptChecks.RestrictAsync(app, Alpha, file.Id, restricted: false);
        await CheckedAsync();
        Assert.Equal(2, (await RowOfAsync(PeopleSource.Served, 2006, onlyInside.Id))!.Records);
        Assert.Null(await RowOfAsync(PeopleSource.Served, 2006, onlyInside.Id, file.Id));
        Assert.Equal((1, 1, 2), await ClientsAsync(null));
    }

    /// <summary>The clients of 2006 with care insurance, without, and in all, in a report run by the viewer (null: a worker named on no file).</summary>
    private async Task<(decimal With, decimal Without, decimal Total)> ClientsAsync(Guid? viewer)
    {
        const string definition = """
            suivi-report: 1
            title: Clients
            sections:
              - title: Clients
                blocks:
                  - type: key-figures
                    id: clients
                    title: Clients
                    figures:
                      - { label: Avec, indicator: beneficiaries.served, filter: { care-insurance: with } }
                      - { label: Sans, indicator: beneficiaries.served, filter: { care-insurance: without } }
                      - { label: Tous, indicator: beneficiaries.served }
            """;
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(Alpha.Organisation.Id, Alpha.Organisation.Slug, Alpha.Organisation.Name,
            viewer is null ? OrganisationRole.Worker : OrganisationRole.OrganisationAdministrator, viewer);
        var report = await scope.ServiceProvider.GetRequiredService<ReportRunner>().RunAsync(DefinitionReader.Read(definition).Definition!, 2006, CancellationToken.None);
        var figures = report.Sections.SelectMany(s => s.Blocks).OfType<KeyFiguresResult>().Single().Figures;
        return (figures[0].Value, figures[1].Value, figures[2].Value);
    }

    [Fact]
    public async Task ClientsOfDeliveriesWrittenInBulk_AreCounted_ThoseOfARestrictedFileUnderTheFile()
    {
        var (regular, hidden) = (await PersonAsync("Bulk-regular"), await PersonAsync("Bulk-hidden"));
        var file = new CaseFile(Alpha.Service.Id, $"BULK-{Guid.NewGuid():N}"[..20], new DateOnly(2005, 1, 2));
        await InAlphaAsync(async db =>
        {
            db.CaseFiles.Add(file);
            db.CareInsurancePeriods.Add(new CareInsurancePeriod(regular.Id, new DateOnly(2005, 7, 1), null));
            db.Deliveries.Add(Delivery(new DateOnly(2005, 1, 5), regular.Id));
            return await db.SaveChangesAsync();
        });
        await KeptChecks.RestrictAsync(app, Alpha, file.Id, restricted: true);
        DeliveryRow Row(int day, Guid person, Guid? caseFile = null) => new(Guid.CreateVersion7(), Alpha.Service.Id, new DateOnly(2005, 3, day), null, 600,
            Alpha.Item(ListKind.DeliveryType, "CALL").Id, null, Alpha.Staff.Id, null, caseFile, person, null, null, null, $"kept-{Guid.NewGuid():N}", day + 1);

        await BulkWrites.WriteAsync(app, Alpha.Organisation.Id, [Row(1, regular.Id), Row(2, regular.Id), Row(3, hidden.Id, file.Id), Row(4, hidden.Id)]);

        await CheckedAsync();
        Assert.Equal(3, (await RowOfAsync(PeopleSource.Served, 2005, regular.Id))!.Records);
        Assert.True((await RowOfAsync(PeopleSource.Served, 2005, regular.Id))!.Insured);
        Assert.Equal(1, (await RowOfAsync(PeopleSource.Served, 2005, hidden.Id))!.Records);
        Assert.Equal(1, (await RowOfAsync(PeopleSource.Served, 2005, hidden.Id, file.Id))!.Records);
        // The triggers the SQLite writer set aside are back: a delivery written afterwards is counted by them.
        await InAlphaAsync(db =>
        {
            db.Deliveries.Add(Delivery(new DateOnly(2005, 9, 9), hidden.Id));
            return db.SaveChangesAsync();
        });
        await CheckedAsync();
        Assert.Equal(2, (await RowOfAsync(PeopleSource.Served, 2005, hidden.Id))!.Records);
    }

    [Fact]
    public async Task OnPostgreSql_AnEntitlementWrittenWhileADeliveryIsBeingWritten_LeavesTheClientInsured_WhicheverCommitsFirst()
    {
        if (!TestDatabase.IsPostgres)
        {
            return;
        }
        foreach (var deliveryFirst in new[] { true, false })
        {
            var client = await PersonAsync($"Concurrent-{deliveryFirst}");
            var year = deliveryFirst ? 2004 : 2003;
            await using var first = app.Factory.Services.CreateAsyncScope();
            await using var second = app.Factory.Services.CreateAsyncScope();
            foreach (var scope in new[] { first, second })
            {
                scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(Alpha.Organisation.Id, Alpha.Organisation.Slug, Alpha.Organisation.Name, null);
            }
            var (db1, db2) = (first.ServiceProvider.GetRequiredService<SuiviDbContext>(), second.ServiceProvider.GetRequiredService<SuiviDbContext>());
            await using var t1 = await db1.Database.BeginTransactionAsync();
            if (deliveryFirst)
            {
                db1.Deliveries.Add(Delivery(new DateOnly(year, 6, 1), client.Id));
            }
            else
            {
                db1.CareInsurancePeriods.Add(new CareInsurancePeriod(client.Id, new DateOnly(year, 1, 1), null));
            }
            await db1.SaveChangesAsync();

            // The other write waits for the first to commit (the person's row is locked), then sees it.
            await using var t2 = await db2.Database.BeginTransactionAsync();
            if (deliveryFirst)
            {
                db2.CareInsurancePeriods.Add(new CareInsurancePeriod(client.Id, new DateOnly(year, 1, 1), null));
            }
            else
            {
                db2.Deliveries.Add(Delivery(new DateOnly(year, 6, 1), client.Id));
            }
            var waiting = db2.SaveChangesAsync();
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted);
            await t1.CommitAsync();
            await waiting;
            await t2.CommitAsync();

            await CheckedAsync();
            Assert.True((await RowOfAsync(PeopleSource.Served, year, client.Id))!.Insured);
        }
    }
}
