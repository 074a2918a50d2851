using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Suivi.Bench;

/// <summary>
/// The reference: the engine's own pace for the same rows, held in memory ready to write, inserted the
/// plainest fastest way — on SQLite one prepared INSERT stepped through SQLitePCL.raw in one transaction,
/// values already in the text form EF Core stores; on PostgreSQL binary COPY straight into "Deliveries".
/// Same schema, same indexes and foreign keys, same connection settings as the application — but without the trigger
/// that adds each delivery to the kept totals (decision 012): that is work the application does on top of the engine's
/// insert (on SQLite one upsert per row, which made the plain insert three times slower), so the reference leaves it out
/// and the import's rate, which includes it, is a fraction of the engine's own. The trigger is put back afterwards.
/// </summary>
internal static class RawReference
{
    /// <summary>The rows as the engine stores them: per-row ids and external ids, everything else from small tables.</summary>
    public sealed class Rows
    {
        public required DeliveryPlan[] Plans { get; init; }
        public required Guid[] Ids { get; init; }

        /// <summary>
        /// Ids as an import creates them, one per row as it is read: version 7, whose time advances with the file (here
        /// 15 µs a row, the pace of an import of 66 000 rows a second). Ids created all at once, a million in a tenth of a
        /// second, share their milliseconds by thousands and come in random order within each, which makes every insert
        /// into the id indexes slower (PostgreSQL's writer alone took 1.7 s per 100 000 rows instead of 1.2).
        /// </summary>
        public static Rows For(IEnumerable<DeliveryPlan> plans)
        {
            var all = plans.ToArray();
            var start = TimeProvider.System.GetUtcNow();
            return new Rows { Plans = all, Ids = [.. all.Select((_, i) => Guid.CreateVersion7(start.AddTicks(i * 150L)))] };
        }
    }

    public static async Task<TimeSpan> SqliteAsync(SqliteBenchDatabase database, BenchOrganisation organisation, Rows rows, Guid runId, int cacheKiB)
    {
        // Ids as the application stores them on SQLite: 16 bytes, most significant first (decision 010).
        static byte[] Text(Guid id) => Suivi.Data.GuidBytesConverter.ToBytes(id);
        var n = rows.Plans.Length;
        var ids = new byte[n * 16];
        var externalIds = new byte[n][];
        for (var i = 0; i < n; i++)
        {
            rows.Ids[i].TryWriteBytes(ids.AsSpan(i * 16, 16), bigEndian: true, out _);
            externalIds[i] = Encoding.UTF8.GetBytes(rows.Plans[i].ExternalId);
        }
        var first = rows.Plans.Min(p => p.Day);
        var days = Enumerable.Range(0, rows.Plans.Max(p => p.Day).DayNumber - first.DayNumber + 1)
            .Select(d => Encoding.ASCII.GetBytes(first.AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var starts = Enumerable.Range(0, 24 * 60).Select(m => Encoding.ASCII.GetBytes($"{m / 60:00}:{m % 60:00}:00")).ToArray();
        var (staff, types, acts, files, people, sites) = (organisation.StaffIds.Select(Text).ToArray(), organisation.TypeIds.Select(Text).ToArray(),
            organisation.ActCategoryIds.Select(Text).ToArray(), organisation.CaseFileIds.Select(Text).ToArray(),
            organisation.PersonIds.Select(Text).ToArray(), organisation.SiteIds.Select(Text).ToArray());
        var (org, service, run) = (Text(organisation.OrganisationId), Text(organisation.ServiceId), Text(runId));
        var note = Encoding.UTF8.GetBytes("Remplacement d'une collègue");

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        var db = connection.Handle!;
        Exec(db, $"PRAGMA cache_size = {-cacheKiB}");
        var watch = Stopwatch.StartNew();
        Exec(db, "BEGIN");
        var triggers = KeepingTriggers.Select(name => TriggerSql(db, $"{name}_Insert")).ToList();
        foreach (var name in KeepingTriggers)
        {
            Exec(db, $"DROP TRIGGER \"{name}_Insert\"");
        }
        Check(db, raw.sqlite3_prepare_v2(db, """
            INSERT INTO "Deliveries" ("Id", "OrganisationId", "ServiceId", "OnDate", "StartTime", "DurationSeconds", "TypeId",
                "ActCategoryId", "WorkerId", "CaseFileId", "BeneficiaryId", "SiteId", "DistanceMetres", "Note", "ExternalId",
                "ImportRunId", "Version")
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 0)
            """, out var insert));
        Check(db, raw.sqlite3_prepare_v2(db, """INSERT INTO "DeliveryWorkers" ("DeliveryId", "StaffMemberId", "OrganisationId") VALUES (?1, ?2, ?3)""", out var worker));
        using (insert)
        using (worker)
        {
            raw.sqlite3_bind_blob(insert, 2, org);
            raw.sqlite3_bind_blob(insert, 3, service);
            raw.sqlite3_bind_blob(insert, 16, run);
            raw.sqlite3_bind_blob(worker, 3, org);
            for (var i = 0; i < n; i++)
            {
                var p = rows.Plans[i];
                var id = ids.AsSpan(i * 16, 16);
                raw.sqlite3_bind_blob(insert, 1, id);
                raw.sqlite3_bind_text(insert, 4, days[p.Day.DayNumber - first.DayNumber]);
                _ = p.StartMinutes >= 0 ? raw.sqlite3_bind_text(insert, 5, starts[p.StartMinutes]) : raw.sqlite3_bind_null(insert, 5);
                raw.sqlite3_bind_int(insert, 6, p.Seconds);
                raw.sqlite3_bind_blob(insert, 7, types[p.Type]);
                _ = p.ActCategory >= 0 ? raw.sqlite3_bind_blob(insert, 8, acts[p.ActCategory]) : raw.sqlite3_bind_null(insert, 8);
                raw.sqlite3_bind_blob(insert, 9, staff[p.Worker]);
                _ = p.Reference == ClientReference.CaseFileAndPerson ? raw.sqlite3_bind_blob(insert, 10, files[p.Client]) : raw.sqlite3_bind_null(insert, 10);
                _ = p.Reference != ClientReference.None ? raw.sqlite3_bind_blob(insert, 11, people[p.Client]) : raw.sqlite3_bind_null(insert, 11);
                _ = p.Site >= 0 ? raw.sqlite3_bind_blob(insert, 12, sites[p.Site]) : raw.sqlite3_bind_null(insert, 12);
                _ = p.Metres >= 0 ? raw.sqlite3_bind_int(insert, 13, p.Metres) : raw.sqlite3_bind_null(insert, 13);
                _ = p.Note is not null ? raw.sqlite3_bind_text(insert, 14, note) : raw.sqlite3_bind_null(insert, 14);
                raw.sqlite3_bind_text(insert, 15, externalIds[i]);
                Step(db, insert);
                if (p.OtherWorker >= 0)
                {
                    raw.sqlite3_bind_blob(worker, 1, id);
                    raw.sqlite3_bind_blob(worker, 2, staff[p.OtherWorker]);
                    Step(db, worker);
                }
            }
        }
        Exec(db, "COMMIT");
        foreach (var trigger in triggers)
        {
            Exec(db, trigger);
        }
        var elapsed = watch.Elapsed;
        Exec(db, "PRAGMA cache_size = -2000");
        return elapsed;
    }

    public static async Task<TimeSpan> PostgresAsync(PostgresBenchDatabase database, BenchOrganisation organisation, Rows rows, Guid runId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var name in KeepingTriggers)
        {
            await using var disable = new NpgsqlCommand($"""ALTER TABLE "Deliveries" DISABLE TRIGGER "{name}_INSERT" """, connection, transaction);
            await disable.ExecuteNonQueryAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY "Deliveries" ("Id", "OrganisationId", "ServiceId", "OnDate", "StartTime", "DurationSeconds", "TypeId", "ActCategoryId",
                "WorkerId", "CaseFileId", "BeneficiaryId", "SiteId", "DistanceMetres", "Note", "ExternalId", "ImportRunId", "Version")
            FROM STDIN (FORMAT BINARY)
            """))
        {
            copy.Timeout = TimeSpan.Zero;
            for (var i = 0; i < rows.Plans.Length; i++)
            {
                var p = rows.Plans[i];
                await copy.StartRowAsync();
                await copy.WriteAsync(rows.Ids[i], NpgsqlDbType.Uuid);
                await copy.WriteAsync(organisation.OrganisationId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(organisation.ServiceId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(p.Day, NpgsqlDbType.Date);
                await (p.StartMinutes >= 0 ? copy.WriteAsync(new TimeOnly(p.StartMinutes / 60, p.StartMinutes % 60), NpgsqlDbType.Time) : copy.WriteNullAsync());
                await copy.WriteAsync(p.Seconds, NpgsqlDbType.Integer);
                await copy.WriteAsync(organisation.TypeIds[p.Type], NpgsqlDbType.Uuid);
                await (p.ActCategory >= 0 ? copy.WriteAsync(organisation.ActCategoryIds[p.ActCategory], NpgsqlDbType.Uuid) : copy.WriteNullAsync());
                await copy.WriteAsync(organisation.StaffIds[p.Worker], NpgsqlDbType.Uuid);
                await (p.Reference == ClientReference.CaseFileAndPerson ? copy.WriteAsync(organisation.CaseFileIds[p.Client], NpgsqlDbType.Uuid) : copy.WriteNullAsync());
                await (p.Reference != ClientReference.None ? copy.WriteAsync(organisation.PersonIds[p.Client], NpgsqlDbType.Uuid) : copy.WriteNullAsync());
                await (p.Site >= 0 ? copy.WriteAsync(organisation.SiteIds[p.Site], NpgsqlDbType.Uuid) : copy.WriteNullAsync());
                await (p.Metres >= 0 ? copy.WriteAsync(p.Metres, NpgsqlDbType.Integer) : copy.WriteNullAsync());
                await (p.Note is not null ? copy.WriteAsync(p.Note, NpgsqlDbType.Text) : copy.WriteNullAsync());
                await copy.WriteAsync(p.ExternalId, NpgsqlDbType.Text);
                await copy.WriteAsync(runId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY "DeliveryWorkers" ("DeliveryId", "StaffMemberId", "OrganisationId") FROM STDIN (FORMAT BINARY)
            """))
        {
            copy.Timeout = TimeSpan.Zero;
            for (var i = 0; i < rows.Plans.Length; i++)
            {
                if (rows.Plans[i].OtherWorker is var other and >= 0)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(rows.Ids[i], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(organisation.StaffIds[other], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(organisation.OrganisationId, NpgsqlDbType.Uuid);
                }
            }
            await copy.CompleteAsync();
        }
        foreach (var name in KeepingTriggers)
        {
            await using var enable = new NpgsqlCommand($"""ALTER TABLE "Deliveries" ENABLE TRIGGER "{name}_INSERT" """, connection, transaction);
            await enable.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return watch.Elapsed;
    }

    private static void Exec(sqlite3 db, string sql) => Check(db, raw.sqlite3_exec(db, sql));

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(db, rc);
        }
        raw.sqlite3_reset(statement);
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    /// <summary>
    /// The triggers that keep the delivery totals and the clients counted (decisions 012, 013): the application's work,
    /// not the engine's, so the raw reference inserts without them.
    /// </summary>
    private static readonly string[] KeepingTriggers = ["Deliveries_Totals", "Deliveries_ServedPeople"];

    /// <summary>The SQL that creates one of SQLite's triggers, to put it back after the reference.</summary>
    private static string TriggerSql(sqlite3 db, string name)
    {
        Check(db, raw.sqlite3_prepare_v2(db, $"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{name}'", out var find));
        using (find)
        {
            return raw.sqlite3_step(find) == raw.SQLITE_ROW
                ? raw.sqlite3_column_text(find, 0).utf8_to_string()
                : throw new InvalidOperationException($"The database has no trigger {name} to set aside.");
        }
    }
}
