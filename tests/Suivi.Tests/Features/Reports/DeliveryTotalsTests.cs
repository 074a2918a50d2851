using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Features.Reports;
using Suivi.Infrastructure.Imports;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// The delivery totals the database keeps (decision 012) follow every write of a delivery — recorded, corrected,
/// deleted, imported in bulk — and every restriction of a case file, in the statement that makes it: after each, the
/// kept totals are exactly the deliveries added up again from scratch, and the row a write touches holds what it should.
/// </summary>
public sealed class DeliveryTotalsTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    private ServiceDelivery Delivery(DateOnly on, int seconds, string type, string? category, decimal? kilometres, Guid? file = null, Guid? site = null) =>
        new(Alpha.Service.Id, new DeliveryDetails(on, new TimeOnly(9, 0), TimeSpan.FromSeconds(seconds), Alpha.Item(ListKind.DeliveryType, type).Id,
            category is null ? null : Alpha.Item(ListKind.ActCategory, category).Id, Alpha.Staff.Id, [], file, file is null ? null : Alpha.Child.Id,
            site, kilometres, null), Today);

    private KeptTotals.Key KeyOf(int year, string type, string? category, Guid? site = null) =>
        new(Alpha.Organisation.Id, year, Alpha.Service.Id, Alpha.Item(ListKind.DeliveryType, type).Id,
            category is null ? Guid.Empty : Alpha.Item(ListKind.ActCategory, category).Id, site ?? Guid.Empty);

    /// <summary>The kept totals, after checking that they equal the deliveries added up again.</summary>
    private async Task<Dictionary<KeptTotals.Key, KeptTotals.Amounts>> CheckedTotalsAsync()
    {
        await KeptChecks.AssertKeptAsync(app, Alpha);
        return await app.InOrganisationAsync(Alpha.Organisation.Id, db => KeptTotals.KeptAsync(db, CancellationToken.None));
    }

    [Fact]
    public async Task RecordingCorrectingAndDeletingDeliveries_KeepsTheTotalsEqualToTheDeliveriesAddedUpAgain()
    {
        var first = Delivery(new DateOnly(2019, 3, 4), 5400, "HOME-VISIT", "AEV", 12.5m, site: Alpha.Site.Id);
        var second = Delivery(new DateOnly(2019, 5, 6), 1800, "HOME-VISIT", "AEV", null, site: Alpha.Site.Id);
        var anonymous = Delivery(new DateOnly(2019, 7, 8), 2701, "CALL", null, null);
        await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            db.Deliveries.AddRange(first, second, anonymous);
            return await db.SaveChangesAsync();
        });

        var recorded = await CheckedTotalsAsync();
        Assert.Equal(new KeptTotals.Amounts(2, 7200, 12_500), recorded[KeyOf(2019, "HOME-VISIT", "AEV", Alpha.Site.Id)]);
        // Without act category or site: kept under the empty id.
        Assert.Equal(new KeptTotals.Amounts(1, 2701, 0), recorded[KeyOf(2019, "CALL", null)]);

        // Corrected into another year, category and duration: taken from its row, added to the other.
        await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var delivery = await db.Deliveries.SingleAsync(d => d.Id == second.Id);
            delivery.Correct(new DeliveryDetails(new DateOnly(2020, 1, 2), null, TimeSpan.FromMinutes(45), delivery.TypeId,
                Alpha.Item(ListKind.ActCategory, "MENAGE").Id, delivery.WorkerId, [], null, null, delivery.SiteId, 3.333m, "corrected"), Today);
            return await db.SaveChangesAsync();
        });
        var corrected = await CheckedTotalsAsync();
        Assert.Equal(new KeptTotals.Amounts(1, 5400, 12_500), corrected[KeyOf(2019, "HOME-VISIT", "AEV", Alpha.Site.Id)]);
        Assert.Equal(new KeptTotals.Amounts(1, 2700, 3_333), corrected[KeyOf(2020, "HOME-VISIT", "MENAGE", Alpha.Site.Id)]);

        // Corrected in its duration and distance alone: the same row, the count unchanged, the seconds and metres not.
        await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var delivery = await db.Deliveries.SingleAsync(d => d.Id == first.Id);
            delivery.Correct(new DeliveryDetails(delivery.OnDate, delivery.StartTime, TimeSpan.FromMinutes(100), delivery.TypeId, delivery.ActCategoryId,
                delivery.WorkerId, [], null, null, delivery.SiteId, 1m, null), Today);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(new KeptTotals.Amounts(1, 6000, 1_000), (await CheckedTotalsAsync())[KeyOf(2019, "HOME-VISIT", "AEV", Alpha.Site.Id)]);

        // Deleted: the row no delivery is added up in any more goes.
        await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            db.Deliveries.Remove(await db.Deliveries.SingleAsync(d => d.Id == anonymous.Id));
            return await db.SaveChangesAsync();
        });
        Assert.False((await CheckedTotalsAsync()).ContainsKey(KeyOf(2019, "CALL", null)));
    }

    [Fact]
    public async Task RestrictingAFile_MovesItsDeliveriesFromEveryonesTotalsToTheFiles_AndLiftingTheRestriction_MovesThemBack()
    {
        var file = new CaseFile(Alpha.Service.Id, $"TOTALS-{Guid.NewGuid():N}"[..20], new DateOnly(2018, 1, 2));
        await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            db.CaseFiles.Add(file);
            await db.SaveChangesAsync();
            db.Deliveries.AddRange(
                Delivery(new DateOnly(2018, 2, 3), 3600, "CONSULT-CHILD", "GARDE", 2m, file.Id),
                Delivery(new DateOnly(2018, 4, 5), 600, "CONSULT-CHILD", "GARDE", null, file.Id),
                Delivery(new DateOnly(2018, 6, 7), 900, "CONSULT-CHILD", "GARDE", null));
            return await db.SaveChangesAsync();
        });
        var row = KeyOf(2018, "CONSULT-CHILD", "GARDE");
        Assert.Equal(new KeptTotals.Amounts(3, 5100, 2_000), (await CheckedTotalsAsync())[row]);

        await KeptChecks.RestrictAsync(app, Alpha, file.Id, restricted: true);
        Assert.Equal(new KeptTotals.Amounts(1, 900, 0), (await CheckedTotalsAsync())[row]);

        // A delivery recorded on the file while it is restricted is kept under the file, not in everyone's totals (the
        // check run as the administrator, named on the file, compares the file's own).
        var later = Delivery(new DateOnly(2018, 8, 9), 1200, "CONSULT-CHILD", "GARDE", null, file.Id);
        await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            db.Deliveries.Add(later);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(new KeptTotals.Amounts(1, 900, 0), (await CheckedTotalsAsync())[row]);

        await KeptChecks.RestrictAsync(app, Alpha, file.Id, restricted: false);
        Assert.Equal(new KeptTotals.Amounts(4, 6300, 2_000), (await CheckedTotalsAsync())[row]);
    }

    [Fact]
    public async Task DeliveriesWrittenInBulk_AsTheImportEngineWritesThem_AreAddedToTheTotals()
    {
        DeliveryRow Row(int day, int seconds, int? metres, long line) => new(Guid.CreateVersion7(), Alpha.Service.Id, new DateOnly(2017, 3, day),
            new TimeOnly(9, 0), seconds, Alpha.Item(ListKind.DeliveryType, "HOME-VISIT").Id, Alpha.Item(ListKind.ActCategory, "AEV").Id,
            Alpha.Staff.Id, null, null, null, Alpha.Site.Id, metres, null, $"totals-{Guid.NewGuid():N}", line);
        DeliveryRow[] rows = [.. Enumerable.Range(1, 28).Select(day => Row(day, 900 * day, day % 2 == 0 ? 1000 * day : null, day + 1))];

        await BulkWrites.WriteAsync(app, Alpha.Organisation.Id, rows);

        Assert.Equal(new KeptTotals.Amounts(28, 900 * 406, 1000 * 210), (await CheckedTotalsAsync())[KeyOf(2017, "HOME-VISIT", "AEV", Alpha.Site.Id)]);
    }

    [Fact]
    public async Task ABulkWriteReleasedWithoutCompleting_LeavesTotalsThatMatchWhatItWrote_WhetherCommittedOrNot()
    {
        DeliveryRow Row(int day) => new(Guid.CreateVersion7(), Alpha.Service.Id, new DateOnly(2016, 5, day), null, 600,
            Alpha.Item(ListKind.DeliveryType, "CALL").Id, null, Alpha.Staff.Id, null, null, null, null, null, null, $"released-{Guid.NewGuid():N}", day + 1);

        foreach (var commit in new[] { false, true })
        {
            await BulkWrites.WriteAsync(app, Alpha.Organisation.Id, [Row(1), Row(2), Row(3)], complete: false, commit: commit);
        }

        // Whatever the writer made of its rows when released (SQLite writes them as they come, PostgreSQL's COPY is
        // abandoned), the totals equal the deliveries committed; and the trigger the SQLite writer set aside is back.
        var written = await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.Deliveries.CountAsync(d => d.ExternalId!.StartsWith("released-")));
        var before = (await CheckedTotalsAsync()).GetValueOrDefault(KeyOf(2016, "CALL", null));
        Assert.Equal(new KeptTotals.Amounts(written, 600 * written, 0), before);
        Assert.Equal(TestDatabase.IsPostgres ? 0 : 3, written);
        await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            db.Deliveries.Add(Delivery(new DateOnly(2016, 5, 9), 60, "CALL", null, null));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(before with { Count = before.Count + 1, Seconds = before.Seconds + 60 }, (await CheckedTotalsAsync())[KeyOf(2016, "CALL", null)]);
    }
}
