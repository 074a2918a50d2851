using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure.Imports;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Imports;

/// <summary>
/// The delivery bulk writer on the real database of the run (SQLite, or PostgreSQL with SUIVI_TEST_DB=postgres):
/// what it writes must be what EF Core would have written, row for row, because pages, reports and the
/// composite foreign keys read it that way.
/// </summary>
public sealed class BulkWriterTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;
    private Guid AlphaId => Alpha.Organisation.Id;
    private Guid Staff => Alpha.Staff.Id;

    /// <summary>Marc Weber, the colleague named as further worker on the world's delivery of 12 February 2024 (1.5 h).</summary>
    private Guid Colleague => Alpha.Activities.Delivery.OtherWorkers.Single().StaffMemberId;

    private Guid HomeVisit => Alpha.Item(ListKind.DeliveryType, "HOME-VISIT").Id;
    private Guid Essentials => Alpha.Item(ListKind.ActCategory, "AEV").Id;

    private DeliveryRow Row(long line, string? externalId, DateOnly on, double hours, Guid? worker = null, Guid[]? others = null) =>
        new(Guid.CreateVersion7(), Alpha.Service.Id, on, new TimeOnly(8, 0), (int)(hours * 3600), HomeVisit, Essentials,
            worker ?? Staff, others, null, null, null, null, null, externalId, line);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task WrittenRows_ReadBackThroughEfCore_WithEveryValueExact()
    {
        var ext = Unique("full");
        var full = new DeliveryRow(Guid.CreateVersion7(), Alpha.Service.Id, new DateOnly(2024, 2, 29), new TimeOnly(13, 45, 30, 125),
            5_430, HomeVisit, Essentials, Staff, [Colleague], Alpha.CaseFile.Id, Alpha.Child.Id, Alpha.Site.Id, 12_345,
            "Visite avec Inês — « suivi » 😊", ext, 7);
        var bare = new DeliveryRow(Guid.CreateVersion7(), Alpha.Service.Id, new DateOnly(2023, 12, 31), null, 1, HomeVisit, null,
            Colleague, null, null, null, null, null, null, null, 8);

        var (result, run) = await ImportAsync([full, bare]);

        Assert.Equal(2, result.Written);
        var read = await app.InOrganisationAsync(AlphaId, db => db.Deliveries.Include(d => d.OtherWorkers)
            .Where(d => d.ImportRunId == run).OrderByDescending(d => d.OnDate).ToListAsync());
        Assert.Collection(read,
            d =>
            {
                Assert.Equal((full.Id, AlphaId, full.ServiceId, full.OnDate, full.StartTime, full.DurationSeconds), (d.Id, d.OrganisationId, d.ServiceId, d.OnDate, d.StartTime, d.DurationSeconds));
                Assert.Equal((full.TypeId, full.ActCategoryId, full.WorkerId, full.CaseFileId, full.BeneficiaryId, full.SiteId), (d.TypeId, d.ActCategoryId, d.WorkerId, d.CaseFileId, d.BeneficiaryId, d.SiteId));
                Assert.Equal((12.345m, full.Note, ext, (Guid?)run, 0L), (d.Kilometres, d.Note, d.ExternalId, d.ImportRunId, d.Version));
                Assert.Equal([Colleague], d.OtherWorkers.Select(w => w.StaffMemberId));
                Assert.Equal(1.5083333333333333333333333333m, d.Hours);
            },
            d =>
            {
                Assert.Equal((bare.Id, bare.OnDate, (TimeOnly?)null, 1, Colleague), (d.Id, d.OnDate, d.StartTime, d.DurationSeconds, d.WorkerId));
                Assert.Equal(((Guid?)null, (Guid?)null, (Guid?)null, (Guid?)null, (int?)null), (d.ActCategoryId, d.CaseFileId, d.BeneficiaryId, d.SiteId, d.DistanceMetres));
                Assert.Equal(((string?)null, (string?)null, (Guid?)run), (d.Note, d.ExternalId, d.ImportRunId));
                Assert.Empty(d.OtherWorkers);
            });
    }

    [Theory]
    [InlineData(9, 30, 0, 0)]
    [InlineData(23, 59, 59, 999)]
    public async Task WrittenRow_IsStoredExactlyAsEfCoreStoresTheSameDelivery(int hour, int minute, int second, int millisecond)
    {
        var on = new DateOnly(2021, 3, 4);
        var start = new TimeOnly(hour, minute, second, millisecond);
        var details = new DeliveryDetails(on, start, TimeSpan.FromMinutes(45), HomeVisit, Essentials, Staff, [Colleague],
            Alpha.CaseFile.Id, Alpha.Child.Id, Alpha.Site.Id, 3.2m, "Same note");
        var byEf = new ServiceDelivery(Alpha.Service.Id, details, new DateOnly(2024, 3, 1));
        await app.InOrganisationAsync(AlphaId, async db =>
        {
            db.Deliveries.Add(byEf);
            return await db.SaveChangesAsync();
        });
        var bulk = new DeliveryRow(Guid.CreateVersion7(), Alpha.Service.Id, on, start, 45 * 60, HomeVisit, Essentials, Staff,
            [Colleague], Alpha.CaseFile.Id, Alpha.Child.Id, Alpha.Site.Id, 3_200, "Same note", null, 1);

        var (result, _) = await ImportAsync([bulk]);

        Assert.Equal(1, result.Written);
        var efStored = await StoredAsync(byEf.Id);
        var bulkStored = await StoredAsync(bulk.Id);
        // Only the id and the import run differ; every other column holds the same value, in the same form.
        Assert.Equal(Without(efStored, "Id", "ImportRunId"), Without(bulkStored, "Id", "ImportRunId"));
        Assert.Equal(efStored["Id"].GetType(), bulkStored["Id"].GetType());
        Assert.Equal(efStored["OrganisationId"].GetType(), bulkStored["ImportRunId"].GetType());
        if (!TestDatabase.IsPostgres)
        {
            // 16 bytes, most significant first: the order of the id's text.
            Assert.Equal(Convert.FromHexString(byEf.Id.ToString("N")), efStored["Id"]);
            Assert.Equal(Convert.FromHexString(bulk.Id.ToString("N")), bulkStored["Id"]);
            Assert.Equal(millisecond == 0 ? "09:30:00" : "23:59:59.9990000", bulkStored["StartTime"]);
        }
    }

    [Fact]
    public async Task ReimportingTheSameRows_WritesNothing_AndCountsThemSkipped()
    {
        var rows = Enumerable.Range(0, 50)
            .Select(i => Row(i + 2, Unique("again"), new DateOnly(2022, 1, 3).AddDays(i), 1, others: i % 10 == 0 ? [Colleague] : null))
            .ToList();
        var (first, firstRun) = await ImportAsync(rows);

        var again = rows.Select(r => r with { Id = Guid.CreateVersion7() }).Append(Row(60, Unique("new"), new DateOnly(2022, 3, 1), 1)).ToList();
        var (second, secondRun) = await ImportAsync(again);

        Assert.Equal((50L, 0L), (first.Written, first.Skipped));
        Assert.Equal((1L, 50L), (second.Written, second.Skipped));
        Assert.Empty(second.DuplicatesInFile);
        var (firstRows, secondRows, otherWorkers) = await app.InOrganisationAsync(AlphaId, async db => (
            await db.Deliveries.CountAsync(d => d.ImportRunId == firstRun),
            await db.Deliveries.CountAsync(d => d.ImportRunId == secondRun),
            await db.DeliveryWorkers.CountAsync(w => again.Select(r => r.Id).Contains(w.DeliveryId))));
        Assert.Equal((50, 1, 0), (firstRows, secondRows, otherWorkers));
    }

    [Fact]
    public async Task AnExternalIdTwiceInTheFile_IsReportedWithBothLines()
    {
        var (twice, thrice) = (Unique("twice"), Unique("thrice"));
        var day = new DateOnly(2022, 6, 1);
        var rows = new[]
        {
            Row(2, twice, day, 1), Row(3, Unique("once"), day, 1), Row(4, thrice, day, 1), Row(5, null, day, 1),
            Row(6, twice, day, 1), Row(9, thrice, day, 1), Row(12, thrice, day, 1), Row(13, null, day, 1),
        };

        var (result, _) = await ImportAsync(rows);

        Assert.Equal([(2L, twice), (4L, thrice), (6L, twice), (9L, thrice), (12L, thrice)], result.DuplicatesInFile);
        Assert.Equal((5L, 0L), (result.Written, result.Skipped));
    }

    [Fact]
    public async Task AWorkersDayOverTheMaximum_IsReported_CountingExistingDeliveriesAndFurtherWorkers()
    {
        // The world already has 1.5 h on 12 February 2024 for the staff member and, as further worker, the colleague.
        var existing = new DateOnly(2024, 2, 12);
        var rows = new[]
        {
            Row(2, Unique("day"), existing, 12, worker: Colleague),
            Row(3, Unique("day"), existing, 11, worker: Staff, others: [Colleague]),
            Row(4, Unique("day"), existing.AddDays(1), 12),
            Row(5, Unique("day"), existing.AddDays(1), 12),
        };

        var (result, _) = await ImportAsync(rows);

        // Colleague: 1.5 + 12 + 11 = 24.5 h; staff: 1.5 + 11 = 12.5 h; the next day exactly 24 h is allowed.
        Assert.Equal([(Colleague, existing, 88_200)], result.OverloadedWorkerDays);
    }

    [Fact]
    public async Task AnOverloadedDayTheFileDoesNotTouch_IsNotReported()
    {
        var (from, to) = (new DateOnly(2020, 5, 4), new DateOnly(2020, 5, 8));
        var (overloaded, _) = await ImportAsync([Row(2, Unique("over"), from.AddDays(2), 20), Row(3, Unique("over"), from.AddDays(2), 5)]);

        var (result, _) = await ImportAsync([Row(2, Unique("range"), from, 1), Row(3, Unique("range"), to, 1)]);

        Assert.Equal([(Staff, from.AddDays(2), 90_000)], overloaded.OverloadedWorkerDays);
        Assert.Empty(result.OverloadedWorkerDays);
    }

    /// <summary>A row skipped as imported before counts once in its worker's day, with what the run adds.</summary>
    [Fact]
    public async Task AWorkersDay_InAReimportSkippingRows_CountsTheSkippedRowOnce()
    {
        var day = new DateOnly(2020, 7, 6);
        var earlier = Row(2, Unique("once"), day, 12, worker: Colleague);
        await ImportAsync([earlier]);

        var (result, _) = await ImportAsync([earlier with { Id = Guid.CreateVersion7() }, Row(3, Unique("more"), day, 13, worker: Colleague)]);

        Assert.Equal((1L, 1L), (result.Written, result.Skipped));
        Assert.Equal([(Colleague, day, 90_000)], result.OverloadedWorkerDays);
    }

    [Fact]
    public async Task FurtherWorkers_AreWritten_WithoutTheMainWorkerOrRepeats()
    {
        var row = Row(2, Unique("pair"), new DateOnly(2023, 4, 5), 2, worker: Staff, others: [Colleague, Staff, Colleague]);

        var (result, _) = await ImportAsync([row]);

        Assert.Equal(1, result.Written);
        var workers = await app.InOrganisationAsync(AlphaId, db =>
            db.DeliveryWorkers.Where(w => w.DeliveryId == row.Id).Select(w => new { w.StaffMemberId, w.OrganisationId }).ToListAsync());
        Assert.Equal([new { StaffMemberId = Colleague, OrganisationId = AlphaId }], workers);
    }

    [Fact]
    public async Task RollingBack_LeavesNothing()
    {
        var rows = Enumerable.Range(0, 20)
            .Select(i => Row(i + 2, Unique("rollback"), new DateOnly(2022, 9, 1).AddDays(i), 1, others: [Colleague]))
            .ToList();

        var (result, run) = await ImportAsync(rows, commit: false);

        Assert.Equal(20, result.Written);
        var (deliveries, workers, runs) = await app.InOrganisationAsync(AlphaId, async db => (
            await db.Deliveries.CountAsync(d => rows.Select(r => r.Id).Contains(d.Id)),
            await db.DeliveryWorkers.CountAsync(w => rows.Select(r => r.Id).Contains(w.DeliveryId)),
            await db.ImportRuns.CountAsync(r => r.Id == run)));
        Assert.Equal((0, 0, 0), (deliveries, workers, runs));
    }

    /// <summary>
    /// PostgreSQL's writer sends and writes the rows a chunk at a time, each chunk written while the next is gathered (a
    /// hundred thousand rows in an import; three here): rows, further workers and kept counts come out as in one go.
    /// </summary>
    [Fact]
    public async Task RowsOverSeveralChunks_AreAllWritten_WithTheirWorkersAndKeptCounts()
    {
        var rows = Enumerable.Range(0, 11)
            .Select(i => Row(i + 2, Unique("chunks"), new DateOnly(2019, 2, 1).AddDays(i % 4), 1, others: i % 3 == 1 ? [Colleague] : null) with
            {
                BeneficiaryId = i % 2 == 0 ? Alpha.Child.Id : null,
            })
            .ToList();

        var (result, run) = await ImportAsync(rows, chunkRows: 3);

        Assert.Equal((11L, 0L), (result.Written, result.Skipped));
        Assert.Empty(result.DuplicatesInFile);
        var (written, workers) = await app.InOrganisationAsync(AlphaId, async db => (
            await db.Deliveries.Where(d => d.ImportRunId == run).OrderBy(d => d.ExternalId).Select(d => d.Id).ToListAsync(),
            await db.DeliveryWorkers.Where(w => rows.Select(r => r.Id).Contains(w.DeliveryId)).Select(w => w.DeliveryId).ToListAsync()));
        Assert.Equal(rows.OrderBy(r => r.ExternalId).Select(r => r.Id), written);
        Assert.Equal(rows.Where((_, i) => i % 3 == 1).Select(r => r.Id).Order(), workers.Order());
        await KeptChecks.AssertKeptAsync(app, Alpha);
    }

    /// <summary>
    /// A re-import mixing rows imported before with new ones, and an external id repeated chunks apart: the chunks that
    /// hold a taken id skip it, the others are written whole; both lines of the repeat are named.
    /// </summary>
    [Fact]
    public async Task TakenAndRepeatedExternalIds_AcrossChunks_AreSkippedAndNamed()
    {
        var day = new DateOnly(2019, 6, 3);
        var before = Enumerable.Range(0, 4).Select(i => Row(i + 2, Unique("before"), day, 0.5, others: [Colleague])).ToList();
        await ImportAsync(before);
        var repeated = Unique("repeated");
        var rows = new List<DeliveryRow>
        {
            Row(2, Unique("new"), day, 0.5), Row(3, repeated, day, 0.5, others: [Colleague]), Row(4, Unique("new"), day, 0.5),
            Row(5, Unique("new"), day, 0.5), before[1] with { Id = Guid.CreateVersion7(), Line = 6 }, Row(7, Unique("new"), day, 0.5, others: [Colleague]),
            Row(8, Unique("new"), day, 0.5), Row(9, Unique("new"), day, 0.5), Row(10, repeated, day, 0.5, others: [Colleague]),
            before[3] with { Id = Guid.CreateVersion7(), Line = 11 },
        };

        var (result, run) = await ImportAsync(rows, commit: false, chunkRows: 3);

        Assert.Equal((7L, 2L), (result.Written, result.Skipped));
        Assert.Equal([(3L, repeated), (10L, repeated)], result.DuplicatesInFile);
    }

    /// <summary>
    /// Past the chunks written under a savepoint of their own (a subtransaction each, which PostgreSQL keeps in shared
    /// memory up to 64), each chunk is checked for a taken external id first: the outcome is the same.
    /// </summary>
    [Fact]
    public async Task ChunksPastTheSavepoints_AreCheckedFirst_WithTheSameOutcome()
    {
        var day = new DateOnly(2019, 9, 2);
        var before = Row(2, Unique("earlier"), day, 0.25);
        await ImportAsync([before]);
        var count = PostgresDeliveryBulkWriter.ChunksUnderSavepoint + 6;
        var rows = Enumerable.Range(0, count).Select(i => Row(i + 2, Unique("many"), day, 0.25)).ToList();
        var repeated = rows[1].ExternalId!;
        rows.Add(Row(count + 2, repeated, day, 0.25));
        rows.Add(before with { Id = Guid.CreateVersion7(), Line = count + 3 });

        var (result, _) = await ImportAsync(rows, commit: false, chunkRows: 1);

        Assert.Equal(((long)count, 1L), (result.Written, result.Skipped));
        Assert.Equal([(3L, repeated), (count + 2L, repeated)], result.DuplicatesInFile);
    }

    /// <summary>A writer released while a chunk is being written leaves the connection free for the rollback.</summary>
    [Fact]
    public async Task ReleasingTheWriter_WhileAChunkIsWritten_LeavesTheTransactionToRollBack()
    {
        var rows = Enumerable.Range(0, 7).Select(i => Row(i + 2, Unique("released"), new DateOnly(2019, 11, 4), 0.5)).ToList();
        var left = await app.InOrganisationAsync(AlphaId, async db =>
        {
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                var run = await AddRunAsync(db);
                await using (var writer = await DeliveryBulkWriters.OpenAsync(db, AlphaId, run.Id, 3, CancellationToken.None))
                {
                    foreach (var row in rows)
                    {
                        await writer.AddAsync(row, CancellationToken.None);
                    }
                }
                await transaction.RollbackAsync();
            }
            return await db.Deliveries.CountAsync(d => rows.Select(r => r.Id).Contains(d.Id));
        });

        Assert.Equal(0, left);
    }

    [Fact]
    public async Task AWorkerOfAnotherOrganisation_IsRefusedByTheDatabase_AndNothingIsWritten()
    {
        var ext = Unique("foreign");
        var rows = new[] { Row(2, Unique("fine"), new DateOnly(2023, 1, 2), 1), Row(3, ext, new DateOnly(2023, 1, 2), 1, worker: app.World.Beta.Staff.Id) };

        await Assert.ThrowsAnyAsync<DbException>(() => ImportAsync(rows));

        var written = await app.InOrganisationAsync(AlphaId, db => db.Deliveries.CountAsync(d => rows.Select(r => r.Id).Contains(d.Id)));
        Assert.Equal(0, written);
    }

    [Fact]
    public async Task Opening_ForAnotherOrganisation_IsRefused()
    {
        await Assert.ThrowsAsync<CrossOrganisationWriteException>(() => app.InOrganisationAsync(AlphaId, async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            return await DeliveryBulkWriters.OpenAsync(db, app.World.Beta.Organisation.Id, Guid.CreateVersion7(), CancellationToken.None);
        }));
    }

    [Fact]
    public async Task TheConnection_IsLeftAsItWas_AfterAnImport()
    {
        var (before, after) = await app.InOrganisationAsync(AlphaId, async db =>
        {
            await db.Database.OpenConnectionAsync();
            var settingBefore = await SettingAsync(db);
            await using (await SqliteReferenceChecks.SuspendAsync(db, CancellationToken.None))
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                var run = await AddRunAsync(db);
                await using (var writer = await DeliveryBulkWriters.OpenAsync(db, AlphaId, run.Id, CancellationToken.None))
                {
                    await writer.AddAsync(Row(2, Unique("tidy"), new DateOnly(2023, 8, 1), 1), CancellationToken.None);
                    await writer.CompleteAsync(CancellationToken.None);
                }
                await transaction.CommitAsync();
            }
            return (settingBefore, await SettingAsync(db));
        });

        Assert.Equal(before, after);
    }

    /// <summary>
    /// What an import changes on the connection: SQLite's page cache and its foreign-key checks; on PostgreSQL, the
    /// staging tables must be gone.
    /// </summary>
    private static async Task<string> SettingAsync(SuiviDbContext db)
    {
        if (TestDatabase.IsPostgres)
        {
            return await ScalarAsync(db, "SELECT count(*)::text FROM pg_class WHERE relname LIKE 'DeliveryImport%' AND relpersistence = 't'");
        }
        return $"cache {await ScalarAsync(db, "PRAGMA cache_size")}, foreign keys {await ScalarAsync(db, "PRAGMA foreign_keys")}, " +
            $"sort threads {await ScalarAsync(db, "PRAGMA threads")}";
    }

    private static async Task<string> ScalarAsync(SuiviDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    /// <summary>
    /// Completed, and on SQLite also released without completing (PostgreSQL's writer, released, drops the rows of the
    /// chunk it has not sent: see <see cref="ReleasingTheWriter_WhileAChunkIsWritten_LeavesTheTransactionToRollBack"/>).
    /// </summary>
    public static TheoryData<bool> Endings => TestDatabase.IsPostgres ? [true] : [true, false];

    /// <summary>
    /// A write large enough for the SQLite writer to set its random-order indexes aside: when it completes, and when it
    /// is released without completing (a failed run), the table has every index as defined, holding every row (SQLite's
    /// integrity check compares each index with the table), and the connection's settings are as they were.
    /// </summary>
    [Theory]
    [MemberData(nameof(Endings))]
    public async Task ALargeWrite_LeavesEveryIndexAsDefined_HoldingEveryRow(bool completed)
    {
        var person = Alpha.Child.Id;
        var (before, after, byPerson, settings, integrity) = await app.InOrganisationAsync(AlphaId, async db =>
        {
            await db.Database.OpenConnectionAsync();
            var definitions = await IndexDefinitionsAsync(db);
            var settingsBefore = await SettingAsync(db);
            (List<string> Indexes, long ByPerson, string Integrity) found;
            await using (await SqliteReferenceChecks.SuspendAsync(db, CancellationToken.None))
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                var run = await AddRunAsync(db);
                await using (var writer = await DeliveryBulkWriters.OpenAsync(db, AlphaId, run.Id, CancellationToken.None))
                {
                    for (var rows = 0L; rows <= SqliteDeliveryBulkWriter.DeferIndexesAfter; rows++)
                    {
                        await writer.AddAsync(Row(rows + 2, null, new DateOnly(2010, 1, 1).AddDays((int)(rows % 2000)), 0.05) with
                        {
                            BeneficiaryId = person,
                        }, CancellationToken.None);
                    }
                    if (completed)
                    {
                        await writer.CompleteAsync(CancellationToken.None);
                    }
                }
                found = (await IndexDefinitionsAsync(db),
                    await db.Deliveries.LongCountAsync(d => d.BeneficiaryId == person && d.ImportRunId == run.Id),
                    TestDatabase.IsPostgres ? "ok" : await ScalarAsync(db, "PRAGMA integrity_check"));
                await transaction.RollbackAsync();
            }
            return (definitions, found.Indexes, found.ByPerson, (Before: settingsBefore, After: await SettingAsync(db)), found.Integrity);
        });

        Assert.Equal(before, after);
        Assert.Equal(SqliteDeliveryBulkWriter.DeferIndexesAfter + 1, byPerson);
        Assert.Equal("ok", integrity);
        Assert.Equal(settings.Before, settings.After);
    }

    private static async Task<List<string>> IndexDefinitionsAsync(SuiviDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = TestDatabase.IsPostgres
            ? "SELECT indexdef FROM pg_indexes WHERE tablename = 'Deliveries' ORDER BY indexname"
            : "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Deliveries' AND sql IS NOT NULL ORDER BY name";
        var definitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            definitions.Add(reader.GetString(0));
        }
        Assert.Contains(definitions, d => d.Contains("IX_Deliveries_OrganisationId_BeneficiaryId", StringComparison.Ordinal));
        return definitions;
    }

    /// <param name="rows">The rows, in order.</param>
    /// <param name="commit">Committed, or rolled back.</param>
    /// <param name="chunkRows">Rows PostgreSQL's writer sends and writes at a time (no effect on SQLite).</param>
    private async Task<(BulkWriteResult Result, Guid Run)> ImportAsync(IEnumerable<DeliveryRow> rows, bool commit = true,
        int chunkRows = PostgresDeliveryBulkWriter.DefaultChunkRows) =>
        await app.InOrganisationAsync(AlphaId, async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var run = await AddRunAsync(db);
            BulkWriteResult result;
            await using (var writer = await DeliveryBulkWriters.OpenAsync(db, AlphaId, run.Id, chunkRows, CancellationToken.None))
            {
                foreach (var row in rows)
                {
                    await writer.AddAsync(row, CancellationToken.None);
                }
                result = await writer.CompleteAsync(CancellationToken.None);
            }
            if (commit)
            {
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
            }
            return (result, run.Id);
        });

    private static async Task<ImportRun> AddRunAsync(SuiviDbContext db)
    {
        var run = new ImportRun(ImportKind.Deliveries, "deliveries.csv", dryRun: false, null, new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc));
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync();
        return run;
    }

    /// <summary>The stored row as the database hands it back, column by column, without any mapping.</summary>
    private Task<Dictionary<string, object>> StoredAsync(Guid id) => app.InOrganisationAsync(AlphaId, async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT * FROM \"Deliveries\" WHERE \"Id\" = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = TestDatabase.IsPostgres ? id : Convert.FromHexString(id.ToString("N"));
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No stored row {id}");
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue);
    });

    private static Dictionary<string, object> Without(Dictionary<string, object> row, params string[] columns) =>
        row.Where(c => !columns.Contains(c.Key)).ToDictionary();
}
