using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure.Imports;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Imports;

/// <summary>
/// Every reference a delivery makes is held by the database, whatever writes it: the bulk writer or EF Core,
/// inserting or correcting, and from the other side, deleting what a delivery names. On PostgreSQL these are
/// statement-level checks over the rows written (decision 007), on SQLite foreign keys; the outcomes must be the
/// same, and a refusal on PostgreSQL must still read as the foreign-key violation it replaces.
/// </summary>
public sealed class DeliveryReferenceTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private static readonly DateOnly Today = new(2024, 3, 2);

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;
    private TestWorld.OrganisationRecords Beta => app.World.Beta;

    public static TheoryData<string> References => ["service", "type", "act category", "worker", "case file", "beneficiary", "site"];

    /// <summary>A row of Alpha's whose one reference named points at Beta's record of that kind.</summary>
    private DeliveryRow RowNaming(string foreign, long line)
    {
        Guid Pick(string reference, Guid alpha, Guid beta) => reference == foreign ? beta : alpha;
        return new DeliveryRow(Guid.CreateVersion7(),
            Pick("service", Alpha.Service.Id, Beta.Service.Id), new DateOnly(2024, 3, 1), new TimeOnly(9, 0), 3600,
            Pick("type", Alpha.Item(ListKind.DeliveryType, "HOME-VISIT").Id, Beta.Item(ListKind.DeliveryType, "HOME-VISIT").Id),
            Pick("act category", Alpha.Item(ListKind.ActCategory, "AEV").Id, Beta.Item(ListKind.ActCategory, "AEV").Id),
            Pick("worker", Alpha.Staff.Id, Beta.Staff.Id), null,
            Pick("case file", Alpha.CaseFile.Id, Beta.CaseFile.Id),
            Pick("beneficiary", Alpha.Child.Id, Beta.Child.Id),
            Pick("site", Alpha.Site.Id, Beta.Site.Id), null, null, $"ref-{Guid.NewGuid():N}", line);
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task ABulkRowNamingAnotherOrganisationsRecord_IsRefused_AndNothingIsWritten(string reference)
    {
        var fine = RowNaming("none", 2);
        var foreign = RowNaming(reference, 3);

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => WriteInBulkAsync([fine, foreign], asTheImportEngine: false));

        AssertForeignKeyViolation(refused);
        var written = await app.InOrganisationAsync(Alpha.Organisation.Id,
            db => db.Deliveries.CountAsync(d => d.Id == fine.Id || d.Id == foreign.Id));
        Assert.Equal(0, written);
    }

    /// <summary>
    /// As the import engine writes: on SQLite the connection's row-by-row checks are off and the writer checks every id
    /// once at the end; a further worker is checked too.
    /// </summary>
    [Theory]
    [MemberData(nameof(References))]
    [InlineData("further worker")]
    public async Task ABulkRowNamingAnotherOrganisationsRecord_WrittenAsTheImportEngineWrites_IsRefused_AndNothingIsWritten(string reference)
    {
        var fine = RowNaming("none", 2);
        var foreign = reference == "further worker" ? RowNaming("none", 3) with { OtherWorkerIds = [Beta.Staff.Id] } : RowNaming(reference, 3);

        var refused = await Record.ExceptionAsync(() => WriteInBulkAsync([fine, foreign], asTheImportEngine: true));

        if (TestDatabase.IsPostgres)
        {
            AssertForeignKeyViolation(refused);
        }
        else
        {
            var table = reference switch
            {
                "service" => "Services",
                "type" or "act category" => "ListItems",
                "worker" or "further worker" => "Staff",
                "case file" => "CaseFiles",
                "beneficiary" => "Beneficiaries",
                _ => "Sites",
            };
            Assert.Contains($"not records of the organisation in {table}", Assert.IsType<InvalidOperationException>(refused).Message);
        }
        var written = await app.InOrganisationAsync(Alpha.Organisation.Id,
            db => db.Deliveries.CountAsync(d => d.Id == fine.Id || d.Id == foreign.Id));
        Assert.Equal(0, written);
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task ADeliverySavedThroughEfCore_NamingAnotherOrganisationsRecord_IsRefused(string reference)
    {
        var delivery = Delivery(Anonymous(RowNaming(reference, 1)) with
        {
            CaseFileId = reference == "case file" ? Beta.CaseFile.Id : null,
            BeneficiaryId = reference == "beneficiary" ? Beta.Child.Id : null,
        });

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            db.Deliveries.Add(delivery);
            return await db.SaveChangesAsync();
        }));

        AssertForeignKeyViolation(refused.InnerException);
        Assert.Equal(0, await app.InOrganisationAsync(Alpha.Organisation.Id,
            db => db.Deliveries.IgnoreQueryFilters([SuiviDbContext.RestrictionFilter]).CountAsync(d => d.Id == delivery.Id)));
    }

    [Fact]
    public async Task CorrectingADelivery_ToAnotherOrganisationsWorker_IsRefused_AndTheDeliveryStaysAsItWas()
    {
        var saved = Delivery(Anonymous(RowNaming("none", 1)));
        await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            db.Deliveries.Add(saved);
            return await db.SaveChangesAsync();
        });

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var delivery = await db.Deliveries.SingleAsync(d => d.Id == saved.Id);
            delivery.Correct(Details(Anonymous(RowNaming("worker", 1))), Today);
            return await db.SaveChangesAsync();
        }));

        AssertForeignKeyViolation(refused.InnerException);
        var worker = await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.Deliveries.Where(d => d.Id == saved.Id).Select(d => d.WorkerId).SingleAsync());
        Assert.Equal(Alpha.Staff.Id, worker);
    }

    [Fact]
    public async Task DeletingASiteADeliveryNames_IsRefused_AndAllowedOnceTheDeliveryIsGone()
    {
        var site = new Site(Alpha.Service.Id, $"Antenne {Guid.NewGuid():N}", Region.Nord, null);
        var delivery = Delivery(Anonymous(RowNaming("none", 1)) with { SiteId = site.Id });
        await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            db.Sites.Add(site);
            await db.SaveChangesAsync();
            db.Deliveries.Add(delivery);
            return await db.SaveChangesAsync();
        });

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            db.Sites.Remove(await db.Sites.SingleAsync(s => s.Id == site.Id));
            return await db.SaveChangesAsync();
        }));
        AssertForeignKeyViolation(refused.InnerException);
        Assert.Equal(1, await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.Sites.CountAsync(s => s.Id == site.Id)));

        var left = await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            db.Deliveries.Remove(await db.Deliveries.SingleAsync(d => d.Id == delivery.Id));
            await db.SaveChangesAsync();
            db.Sites.Remove(await db.Sites.SingleAsync(s => s.Id == site.Id));
            await db.SaveChangesAsync();
            return await db.Sites.CountAsync(s => s.Id == site.Id);
        });
        Assert.Equal(0, left);
    }

    /// <summary>
    /// Writes the rows through the bulk writer in one committed run; as the import engine runs it, SQLite's own
    /// row-by-row checks are off for the connection and the writer checks the references itself.
    /// </summary>
    private Task<int> WriteInBulkAsync(DeliveryRow[] rows, bool asTheImportEngine) =>
        BulkWrites.WriteAsync(app, Alpha.Organisation.Id, rows, asTheImportEngine);

    private static void AssertForeignKeyViolation(Exception? refusal)
    {
        Assert.NotNull(refusal);
        if (TestDatabase.IsPostgres)
        {
            var postgres = Assert.IsType<PostgresException>(refusal);
            Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, postgres.SqlState);
            Assert.Matches("^FK_(Deliveries|DeliveryWorkers)_", postgres.ConstraintName);
        }
        else
        {
            Assert.Contains("FOREIGN KEY constraint failed", refusal.Message);
        }
    }

    /// <summary>Without case file or person: work outside any file, which code running without a signed-in user may read back.</summary>
    private static DeliveryRow Anonymous(DeliveryRow row) => row with { CaseFileId = null, BeneficiaryId = null };

    private static ServiceDelivery Delivery(DeliveryRow row) => new(row.ServiceId, Details(row), Today);

    private static DeliveryDetails Details(DeliveryRow row) => new(row.OnDate, row.StartTime, TimeSpan.FromSeconds(row.DurationSeconds),
        row.TypeId, row.ActCategoryId, row.WorkerId, [], row.CaseFileId, row.BeneficiaryId, row.SiteId, null, null);
}
