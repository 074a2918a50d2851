using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Suivi.Data;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Writes deliveries into SQLite through one prepared statement driven with SQLitePCL.raw on the
/// connection's own handle, inside the caller's transaction: no ADO.NET command or parameter objects per
/// row. Values are written exactly as EF Core writes them (a Guid in its 16 bytes, <see cref="GuidBytesConverter"/>;
/// <c>yyyy-MM-dd</c>, <c>HH:mm:ss[.fffffff]</c>), so composite foreign keys match and EF Core reads the rows back.
/// <para>
/// Two things SQLite would do row by row are done once for the whole write, inside the same transaction. When the
/// import's connection has its foreign keys turned off (<see cref="SqliteReferenceChecks"/>), the writer checks every
/// id the rows refer to once, set-based, at the end — the ids were resolved from the organisation's own records, so this
/// is a guard, not validation. And once the rows written outnumber the rows the table held, the two indexes that take
/// rows in random order (person, case file) are dropped and built again at the end from their own definitions: a sort
/// instead of a million random page writes. Either way the transaction commits the table exactly as it was defined,
/// or nothing.
/// </para>
/// <para>
/// The delivery totals and the clients counted (decisions 012 and 013) are kept the same way: the triggers that add
/// each inserted delivery to them are set aside for the run, the rows written are added up in memory (those of the
/// organisation's restricted files under their file, as the triggers keep them), and the sums are added and the triggers put
/// back when the run completes — or is released, so the counts and the triggers are right whether the caller then
/// commits or rolls back.
/// SQLite has one writer at a time, and this run holds the write lock: no other write can come between.
/// </para>
/// </summary>
internal sealed class SqliteDeliveryBulkWriter : IDeliveryBulkWriter
{
    /// <summary>
    /// Page cache for the import, in KiB (SQLite's negative form). The secondary indexes on case file and
    /// beneficiary take rows in random order; a cache that holds them saves re-reading pages from the OS.
    /// A fixed amount whatever the file's size; the connection's own setting is restored afterwards.
    /// </summary>
    private const int ImportCacheKiB = 256 * 1024;

    private const string InsertDelivery = """
        INSERT INTO "Deliveries" ("Id", "OrganisationId", "ServiceId", "OnDate", "StartTime", "DurationSeconds", "TypeId",
            "ActCategoryId", "WorkerId", "CaseFileId", "BeneficiaryId", "SiteId", "DistanceMetres", "Note", "ExternalId",
            "ImportRunId", "Version")
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 0)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>The indexes that take a delivery at a random place: built again at the end when the write is large.</summary>
    private static readonly string[] RandomOrderIndexes = ["IX_Deliveries_OrganisationId_BeneficiaryId", "IX_Deliveries_OrganisationId_CaseFileId"];

    /// <summary>
    /// Helper threads SQLite's sorter may use while the set-aside indexes are built: each sorts runs of keys while the
    /// connection's thread reads the table, then they merge in parallel. Measured on two cores (decision 015): two
    /// index builds of a million rows 2.6–2.7 s without helpers, 1.6–1.7 s with one or two.
    /// </summary>
    private const int SortHelperThreads = 2;

    /// <summary>Rows written before the random-order indexes may be set aside: small imports keep them.</summary>
    internal const long DeferIndexesAfter = 100_000;

    /// <summary>
    /// The triggers that add each inserted delivery to the kept totals and to its client's row of people counted,
    /// created by the migrations DeliveryTotals and KeptCounts.
    /// </summary>
    private static readonly string[] InsertTriggers = ["Deliveries_Totals_Insert", "Deliveries_ServedPeople_Insert"];

    private const string AddToTotals = """
        INSERT INTO "DeliveryTotals" ("OrganisationId", "Year", "ServiceId", "TypeId", "ActCategoryId", "SiteId", "Count", "Seconds", "Metres", "RestrictedFileId")
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        ON CONFLICT DO UPDATE SET "Count" = "Count" + excluded."Count", "Seconds" = "Seconds" + excluded."Seconds", "Metres" = "Metres" + excluded."Metres"
        """;

    // As the trigger does: a new row finds whether the client was insured that year; the triggers on the rows of people
    // counted keep the counts of people.
    private const string AddToPeople = """
        INSERT INTO "CountedPeople" ("OrganisationId", "Source", "Year", "BeneficiaryId", "Records", "RestrictedFileId", "Insured")
        SELECT ?1, 'Served', ?2, ?3, ?4, ?5, EXISTS (SELECT 1 FROM "CareInsurancePeriods" AS ip WHERE ip."OrganisationId" = ?1 AND ip."BeneficiaryId" = ?3
            AND ip."From" <= (?2 || '-12-31') AND (ip."To" IS NULL OR ip."To" >= (?2 || '-01-01')))
        WHERE true
        ON CONFLICT DO UPDATE SET "Records" = "Records" + excluded."Records"
        """;

    private const string InsertWorker = """
        INSERT INTO "DeliveryWorkers" ("DeliveryId", "StaffMemberId", "OrganisationId") VALUES (?1, ?2, ?3)
        """;

    private const string FindImported = """
        SELECT rowid, "ImportRunId" FROM "Deliveries" WHERE "OrganisationId" = ?1 AND "ExternalId" = ?2
        """;

    // The hours each worker already had on each day of the run's dates, main and further workers, from the deliveries
    // recorded before the run: their rowids are below the first it wrote, which the date index holds, so the rows the
    // run wrote are passed over without being read. CROSS JOIN keeps SQLite reading the few further-worker rows first.
    private const string EarlierWorkerDays = """
        SELECT "Worker", "Day", SUM("Seconds") FROM (
            SELECT "WorkerId" AS "Worker", "OnDate" AS "Day", "DurationSeconds" AS "Seconds"
            FROM "Deliveries"
            WHERE "OrganisationId" = $org AND "OnDate" BETWEEN $from AND $to AND rowid < $first
            UNION ALL
            SELECT w."StaffMemberId", d."OnDate", d."DurationSeconds"
            FROM "DeliveryWorkers" AS w
            CROSS JOIN "Deliveries" AS d ON d."OrganisationId" = w."OrganisationId" AND d."Id" = w."DeliveryId"
            WHERE w."OrganisationId" = $org AND d."OnDate" BETWEEN $from AND $to AND d.rowid < $first)
        GROUP BY "Worker", "Day"
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly sqlite3 _db;
    private readonly Guid _organisationId;
    private readonly Guid _importRunId;
    private readonly byte[] _organisationBytes;
    private readonly byte[] _importRunBytes;
    private readonly int _previousCacheSize;
    private readonly sqlite3_stmt _insertDelivery;
    private readonly sqlite3_stmt _insertWorker;
    private readonly sqlite3_stmt _findImported;

    // Lines of the rows written, so a later duplicate can name the line of the first one without keeping the file.
    private readonly LineLog _writtenLines = new();
    private readonly List<(long Line, string ExternalId)> _duplicates = [];
    private readonly List<(long FirstRowId, string ExternalId)> _duplicatedFirsts = [];
    private readonly HashSet<Guid> _otherWorkers = [];
    // Seconds the run wrote for each worker and day, main and further workers; the earlier ones are added at the end.
    private readonly WorkerDayHours _workerDays = new();
    private readonly ReferencedIds? _references;
    private readonly long _rowsBefore;
    // The first and last days of the organisation's deliveries before the run: the days the 24-hours rule must read back.
    private readonly (string? First, string? Last) _earlierDays;
    private List<(string Name, string Definition)>? _setAside;
    // The insert triggers' definitions while they are set aside; the run's deliveries added up by row of totals and by
    // client and year meanwhile.
    private List<string>? _insertTriggers;
    private readonly HashSet<Guid> _restrictedFiles = [];
    private readonly Dictionary<(int Year, Guid Service, Guid Type, Guid Category, Guid Site, Guid File), (long Count, long Seconds, long Metres)> _totals = [];
    private readonly Dictionary<(int Year, Guid Client, Guid File), long> _clients = [];
    private long _firstRowId;
    private long _written;
    private long _skipped;
    private DateOnly _from = DateOnly.MaxValue;
    private DateOnly _to = DateOnly.MinValue;
    private bool _disposed;
    private bool _cacheRestored;

    private SqliteDeliveryBulkWriter(SqliteConnection connection, SqliteTransaction transaction, Guid organisationId, Guid importRunId)
    {
        _connection = connection;
        _transaction = transaction;
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _organisationId = organisationId;
        _importRunId = importRunId;
        _organisationBytes = GuidBytesConverter.ToBytes(organisationId);
        _importRunBytes = GuidBytesConverter.ToBytes(importRunId);
        _previousCacheSize = ScalarInt(_db, "PRAGMA cache_size");
        _references = ScalarInt(_db, "PRAGMA foreign_keys") == 0 ? new ReferencedIds() : null;
        // The largest rowid stands for the rows the table holds (an upper bound when rows were deleted), read without a scan.
        _rowsBefore = ScalarLong(_db, "SELECT coalesce(max(rowid), 0) FROM \"Deliveries\"");
        Exec(_db, $"PRAGMA cache_size = {-ImportCacheKiB}");
        try
        {
            _insertDelivery = Prepare(_db, InsertDelivery);
            _insertWorker = Prepare(_db, InsertWorker);
            _findImported = Prepare(_db, FindImported);
            // Each from the date index alone: SQLite answers a lone min() or max() without a scan.
            _earlierDays = (ScalarText(_db, "SELECT min(\"OnDate\") FROM \"Deliveries\" WHERE \"OrganisationId\" = ?1", _organisationBytes),
                ScalarText(_db, "SELECT max(\"OnDate\") FROM \"Deliveries\" WHERE \"OrganisationId\" = ?1", _organisationBytes));
            SetTotalsTriggerAside();
            // The organisation and the run are the same on every row: bound once, kept across resets.
            Check(raw.sqlite3_bind_blob(_insertDelivery, 2, _organisationBytes)
                | raw.sqlite3_bind_blob(_insertDelivery, 16, _importRunBytes)
                | raw.sqlite3_bind_blob(_insertWorker, 3, _organisationBytes)
                | raw.sqlite3_bind_blob(_findImported, 1, _organisationBytes));
        }
        catch
        {
            Release();
            throw;
        }
    }

    public static SqliteDeliveryBulkWriter Open(SqliteConnection connection, SqliteTransaction transaction, Guid organisationId, Guid importRunId)
    {
        if (transaction.Connection != connection)
        {
            throw new InvalidOperationException("The bulk writer writes inside the caller's transaction on the same connection.");
        }
        return new SqliteDeliveryBulkWriter(connection, transaction, organisationId, importRunId);
    }

    public ValueTask AddAsync(DeliveryRow row, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var s = _insertDelivery;
        Check(BindGuid(s, 1, row.Id)
            | BindGuid(s, 3, row.ServiceId)
            | BindDate(s, 4, row.OnDate)
            | (row.StartTime is { } start ? BindTime(s, 5, start) : raw.sqlite3_bind_null(s, 5))
            | raw.sqlite3_bind_int(s, 6, row.DurationSeconds)
            | BindGuid(s, 7, row.TypeId)
            | BindGuid(s, 8, row.ActCategoryId)
            | BindGuid(s, 9, row.WorkerId)
            | BindGuid(s, 10, row.CaseFileId)
            | BindGuid(s, 11, row.BeneficiaryId)
            | BindGuid(s, 12, row.SiteId)
            | (row.DistanceMetres is { } metres ? raw.sqlite3_bind_int(s, 13, metres) : raw.sqlite3_bind_null(s, 13))
            | BindText(s, 14, row.Note)
            | BindText(s, 15, row.ExternalId));
        Step(s, row.Line);

        if (raw.sqlite3_changes(_db) == 0)
        {
            NotWritten(row);
            return ValueTask.CompletedTask;
        }
        if (_written == 0)
        {
            _firstRowId = raw.sqlite3_last_insert_rowid(_db);
        }
        _written++;
        _writtenLines.Add(row.Line);
        AddToWorkerDay(row.WorkerId, row);
        if (row.OnDate < _from)
        {
            _from = row.OnDate;
        }
        if (row.OnDate > _to)
        {
            _to = row.OnDate;
        }
        if (row.OtherWorkerIds is { Length: > 0 } others)
        {
            AddOtherWorkers(row, others);
        }
        _references?.Add(row);
        AddToRunTotals(row);
        if (_setAside is null && _written >= DeferIndexesAfter && _written >= _rowsBefore)
        {
            SetRandomOrderIndexesAside();
        }
        return ValueTask.CompletedTask;
    }

    private void AddOtherWorkers(DeliveryRow row, Guid[] others)
    {
        _otherWorkers.Clear();
        var w = _insertWorker;
        foreach (var worker in others)
        {
            // As the entity does: the main worker is not repeated, and nobody is named twice.
            if (worker == row.WorkerId || !_otherWorkers.Add(worker))
            {
                continue;
            }
            Check(BindGuid(w, 1, row.Id) | BindGuid(w, 2, worker));
            Step(w, row.Line);
            AddToWorkerDay(worker, row);
            _references?.Staff.Add(worker);
        }
    }

    /// <summary>
    /// As the triggers would: the delivery is added to its row of totals, and to its client's row for the year —
    /// everyone's rows, or its case file's own when the file is restricted.
    /// </summary>
    private void AddToRunTotals(DeliveryRow row)
    {
        if (_insertTriggers is null)
        {
            return;
        }
        var file = row.CaseFileId is { } id && _restrictedFiles.Contains(id) ? id : Guid.Empty;
        ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(_totals,
            (row.OnDate.Year, row.ServiceId, row.TypeId, row.ActCategoryId ?? Guid.Empty, row.SiteId ?? Guid.Empty, file), out _);
        total = (total.Count + 1, total.Seconds + row.DurationSeconds, total.Metres + (row.DistanceMetres ?? 0));
        if (row.BeneficiaryId is { } client)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_clients, (row.OnDate.Year, client, file), out _)++;
        }
    }

    private void SetTotalsTriggerAside()
    {
        var triggers = InsertTriggers.Select(name => Scalar(_db, $"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{name}' UNION ALL SELECT NULL LIMIT 1",
            s => raw.sqlite3_column_type(s, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(s, 0).utf8_to_string())).ToList();
        if (triggers.Any(t => t is null))
        {
            // A schema older than the kept counts: nothing to keep.
            return;
        }
        _insertTriggers = triggers!;
        using (var restricted = Prepare(_db, "SELECT \"Id\" FROM \"CaseFiles\" WHERE \"OrganisationId\" = ?1 AND \"IsRestricted\""))
        {
            Check(raw.sqlite3_bind_blob(restricted, 1, _organisationBytes));
            while (raw.sqlite3_step(restricted) == raw.SQLITE_ROW)
            {
                _restrictedFiles.Add(GuidBytesConverter.FromBytes(raw.sqlite3_column_blob(restricted, 0).ToArray()));
            }
        }
        foreach (var name in InsertTriggers)
        {
            Exec(_db, $"DROP TRIGGER \"{name}\"");
        }
    }

    /// <summary>The run's sums added to the kept totals and people counted, and the triggers put back.</summary>
    private void RestoreTotals()
    {
        if (_insertTriggers is not { } triggers)
        {
            return;
        }
        using (var add = Prepare(_db, AddToTotals))
        {
            foreach (var ((year, service, type, category, site, file), (count, seconds, metres)) in _totals)
            {
                Check(raw.sqlite3_bind_blob(add, 1, _organisationBytes)
                    | raw.sqlite3_bind_int(add, 2, year)
                    | BindGuid(add, 3, service)
                    | BindGuid(add, 4, type)
                    | BindGuid(add, 5, category)
                    | BindGuid(add, 6, site)
                    | raw.sqlite3_bind_int64(add, 7, count)
                    | raw.sqlite3_bind_int64(add, 8, seconds)
                    | raw.sqlite3_bind_int64(add, 9, metres)
                    | BindGuid(add, 10, file));
                Step(add, 0);
            }
        }
        using (var add = Prepare(_db, AddToPeople))
        {
            foreach (var ((year, client, file), records) in _clients)
            {
                Check(raw.sqlite3_bind_blob(add, 1, _organisationBytes)
                    | raw.sqlite3_bind_int(add, 2, year)
                    | BindGuid(add, 3, client)
                    | raw.sqlite3_bind_int64(add, 4, records)
                    | BindGuid(add, 5, file));
                Step(add, 0);
            }
        }
        foreach (var trigger in triggers)
        {
            Exec(_db, trigger);
        }
        _totals.Clear();
        _clients.Clear();
        _insertTriggers = null;
    }

    private void AddToWorkerDay(Guid worker, DeliveryRow row) => _workerDays.Add(worker, row.OnDate, row.DurationSeconds);

    /// <summary>The row's external id is taken: by an earlier import (skipped) or by an earlier line of this file (a duplicate).</summary>
    private void NotWritten(DeliveryRow row)
    {
        var find = _findImported;
        Check(BindText(find, 2, row.ExternalId));
        try
        {
            var rc = raw.sqlite3_step(find);
            if (rc != raw.SQLITE_ROW)
            {
                throw new InvalidOperationException($"Line {row.Line}: the delivery was not written, yet no delivery has its external id.");
            }
            var rowId = raw.sqlite3_column_int64(find, 0);
            if (raw.sqlite3_column_blob(find, 1).SequenceEqual(_importRunBytes))
            {
                _duplicates.Add((row.Line, row.ExternalId!));
                _duplicatedFirsts.Add((rowId, row.ExternalId!));
            }
            else
            {
                _skipped++;
            }
        }
        finally
        {
            raw.sqlite3_reset(find);
        }
    }

    public async Task<BulkWriteResult> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var duplicates = DuplicatesWithFirstLines();
        _references?.Verify(_db, _organisationBytes, _importRunBytes);
        RestoreTotals();
        // The large cache served the writing. The index builds sort in runs the size of the cache: the usual one's runs
        // fit the processor's caches and go to the helper threads (decision 015).
        RestoreCacheSize();
        RebuildSetAsideIndexes();
        var overloaded = _written == 0 ? [] : await OverloadedWorkerDaysAsync(cancellationToken);
        return new BulkWriteResult(_written, _skipped, duplicates, overloaded);
    }

    private List<(long Line, string ExternalId)> DuplicatesWithFirstLines()
    {
        if (_duplicates.Count == 0)
        {
            return [];
        }
        // Rows written in one transaction take consecutive rowids, so the n-th written row is the n-th line logged.
        var lastRowId = raw.sqlite3_last_insert_rowid(_db);
        if (lastRowId - _firstRowId + 1 != _written)
        {
            throw new InvalidOperationException("The rows written did not take consecutive rowids.");
        }
        var firsts = _duplicatedFirsts.Select(d => (Ordinal: d.FirstRowId - _firstRowId, d.ExternalId)).OrderBy(d => d.Ordinal).ToList();
        var lines = _writtenLines.LinesAt(firsts.Select(f => f.Ordinal));
        return _duplicates
            .Concat(firsts.Select((f, i) => (lines[i], f.ExternalId)))
            .Distinct()
            .OrderBy(d => d.Item1)
            .ToList();
    }

    /// <summary>Every (worker, day) this run wrote to whose hours, with those recorded before, pass the daily maximum.</summary>
    private async Task<List<(Guid WorkerId, DateOnly Day, int Seconds)>> OverloadedWorkerDaysAsync(CancellationToken cancellationToken)
    {
        // Only the days both the run and the deliveries before it cover: none when the organisation had none on those days.
        var (from, to) = (DateText(_from), DateText(_to));
        if (_earlierDays is (string first, string last) && string.CompareOrdinal(first, to) <= 0 && string.CompareOrdinal(last, from) >= 0)
        {
            await AddEarlierWorkerDaysAsync(Max(from, first), Min(to, last), cancellationToken);
        }
        return _workerDays.Overloaded();
    }

    private static string Max(string a, string b) => string.CompareOrdinal(a, b) >= 0 ? a : b;

    private static string Min(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? a : b;

    private async Task AddEarlierWorkerDaysAsync(string from, string to, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = EarlierWorkerDays;
        command.Parameters.AddWithValue("$org", _organisationBytes);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$first", _firstRowId);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                _workerDays.AddEarlier(GuidBytesConverter.FromBytes(reader.GetFieldValue<byte[]>(0)),
                    DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt64(2));
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            Release();
        }
        return ValueTask.CompletedTask;
    }

    private void Release()
    {
        _insertDelivery?.Dispose();
        _insertWorker?.Dispose();
        _findImported?.Dispose();
        if (_insertTriggers is not null)
        {
            // Released without completing: the rows written so far are added and the trigger put back, or the transaction
            // is rolled back here, so totals that miss rows, or a table without its trigger, can never be committed.
            try
            {
                RestoreTotals();
            }
            catch (SqliteException)
            {
                _transaction.Rollback();
            }
        }
        if (_setAside is not null)
        {
            // Released without completing: the run failed. The indexes are built again, or the transaction is rolled back
            // here, so a table without them can never be committed.
            try
            {
                RebuildSetAsideIndexes();
            }
            catch (SqliteException)
            {
                _transaction.Rollback();
            }
        }
        RestoreCacheSize();
    }

    private void SetRandomOrderIndexesAside()
    {
        var definitions = new List<(string, string)>();
        foreach (var name in RandomOrderIndexes)
        {
            using var find = Prepare(_db, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1");
            Check(BindText(find, 1, name));
            if (raw.sqlite3_step(find) == raw.SQLITE_ROW)
            {
                definitions.Add((name, raw.sqlite3_column_text(find, 0).utf8_to_string()));
            }
        }
        _setAside = definitions;
        foreach (var (name, _) in definitions)
        {
            Exec(_db, $"DROP INDEX \"{name}\"");
        }
    }

    private void RebuildSetAsideIndexes()
    {
        if (_setAside is not { } indexes)
        {
            return;
        }
        var threads = ScalarInt(_db, "PRAGMA threads");
        Exec(_db, $"PRAGMA threads = {SortHelperThreads}");
        try
        {
            foreach (var (_, definition) in indexes)
            {
                Exec(_db, definition);
            }
        }
        finally
        {
            // Put back without throwing, as the cache size is, so a failed build's error is the one reported.
            raw.sqlite3_exec(_db, $"PRAGMA threads = {threads}");
        }
        _setAside = null;
    }

    private void RestoreCacheSize()
    {
        if (!_cacheRestored && !_db.IsInvalid && !_db.IsClosed)
        {
            _cacheRestored = true;
            raw.sqlite3_exec(_db, $"PRAGMA cache_size = {_previousCacheSize}");
        }
    }

    private void Step(sqlite3_stmt statement, long line)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            var (message, extended) = (raw.sqlite3_errmsg(_db).utf8_to_string(), raw.sqlite3_extended_errcode(_db));
            raw.sqlite3_reset(statement);
            throw new SqliteException($"Line {line}: SQLite Error {rc}: '{message}'.", rc, extended);
        }
        raw.sqlite3_reset(statement);
    }

    private static void Check(int rc)
    {
        // Any failing bind leaves a non-zero bit: SQLITE_OK is 0.
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite could not bind a value ({rc}).", rc);
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        return statement;
    }

    private static void Exec(sqlite3 db, string sql) => SqliteException.ThrowExceptionForRC(raw.sqlite3_exec(db, sql), db);

    /// <summary>The first column of a statement's one row, read by <paramref name="read"/>; its ?1 bound to <paramref name="parameter"/>.</summary>
    private static T Scalar<T>(sqlite3 db, string sql, Func<sqlite3_stmt, T> read, byte[]? parameter = null)
    {
        using var statement = Prepare(db, sql);
        if (parameter is not null)
        {
            Check(raw.sqlite3_bind_blob(statement, 1, parameter));
        }
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        return read(statement);
    }

    private static int ScalarInt(sqlite3 db, string sql) => Scalar(db, sql, s => raw.sqlite3_column_int(s, 0));

    private static long ScalarLong(sqlite3 db, string sql) => Scalar(db, sql, s => raw.sqlite3_column_int64(s, 0));

    private static string? ScalarText(sqlite3 db, string sql, byte[] parameter) => Scalar(db, sql,
        s => raw.sqlite3_column_type(s, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(s, 0).utf8_to_string(), parameter);

    /// <summary>As <see cref="GuidBytesConverter"/> stores a Guid: its 16 bytes, most significant first.</summary>
    private static int BindGuid(sqlite3_stmt statement, int index, Guid? value)
    {
        if (value is not { } guid)
        {
            return raw.sqlite3_bind_null(statement, index);
        }
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        return raw.sqlite3_bind_blob(statement, index, bytes);
    }

    /// <summary>As Microsoft.Data.Sqlite writes a DateOnly: <c>yyyy-MM-dd</c>.</summary>
    private static int BindDate(sqlite3_stmt statement, int index, DateOnly value)
    {
        Span<byte> text = stackalloc byte[10];
        Digits(text[..4], value.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), value.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), value.Day);
        return raw.sqlite3_bind_text(statement, index, text);
    }

    /// <summary>As Microsoft.Data.Sqlite writes a TimeOnly: <c>HH:mm:ss</c>, with <c>.fffffff</c> only when there is a fraction of a second.</summary>
    private static int BindTime(sqlite3_stmt statement, int index, TimeOnly value)
    {
        Span<byte> text = stackalloc byte[16];
        Digits(text[..2], value.Hour);
        text[2] = (byte)':';
        Digits(text.Slice(3, 2), value.Minute);
        text[5] = (byte)':';
        Digits(text.Slice(6, 2), value.Second);
        var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0)
        {
            return raw.sqlite3_bind_text(statement, index, text[..8]);
        }
        text[8] = (byte)'.';
        Digits(text.Slice(9, 7), fraction);
        return raw.sqlite3_bind_text(statement, index, text);
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static int BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            return raw.sqlite3_bind_null(statement, index);
        }
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length <= 512)
        {
            Span<byte> small = stackalloc byte[length];
            return raw.sqlite3_bind_text(statement, index, small[..Encoding.UTF8.GetBytes(value, small)]);
        }
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            return raw.sqlite3_bind_text(statement, index, rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string DateText(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Every id the written rows refer to, once each, checked against the organisation's records at the end: what the
    /// foreign keys would have checked row by row. Memory grows with the records referred to, not with the rows.
    /// </summary>
    private sealed class ReferencedIds
    {
        public HashSet<Guid> Services { get; } = [];
        public HashSet<Guid> ListItems { get; } = [];
        public HashSet<Guid> Staff { get; } = [];
        public HashSet<Guid> CaseFiles { get; } = [];
        public HashSet<Guid> Beneficiaries { get; } = [];
        public HashSet<Guid> Sites { get; } = [];

        public void Add(DeliveryRow row)
        {
            Services.Add(row.ServiceId);
            ListItems.Add(row.TypeId);
            Staff.Add(row.WorkerId);
            AddIfAny(ListItems, row.ActCategoryId);
            AddIfAny(CaseFiles, row.CaseFileId);
            AddIfAny(Beneficiaries, row.BeneficiaryId);
            AddIfAny(Sites, row.SiteId);
        }

        private static void AddIfAny(HashSet<Guid> ids, Guid? id)
        {
            if (id is { } value)
            {
                ids.Add(value);
            }
        }

        public void Verify(sqlite3 db, byte[] organisation, byte[] importRun)
        {
            Missing(db, "ImportRuns", organisation, [Convert.ToHexString(importRun)]);
            Missing(db, "Services", organisation, Services.Select(Hex));
            Missing(db, "ListItems", organisation, ListItems.Select(Hex));
            Missing(db, "Staff", organisation, Staff.Select(Hex));
            Missing(db, "CaseFiles", organisation, CaseFiles.Select(Hex));
            Missing(db, "Beneficiaries", organisation, Beneficiaries.Select(Hex));
            Missing(db, "Sites", organisation, Sites.Select(Hex));
        }

        /// <summary>The 32 hexadecimal digits of the id's stored bytes, which SQLite's <c>unhex</c> turns back into them.</summary>
        private static string Hex(Guid id) => id.ToString("N");

        /// <summary>Refuses the write when one of the ids is not a record of the organisation in that table.</summary>
        private static void Missing(sqlite3 db, string table, byte[] organisation, IEnumerable<string> ids)
        {
            var list = System.Text.Json.JsonSerializer.Serialize(ids);
            using var statement = Prepare(db, $"""
                SELECT count(*) FROM json_each(?2) AS i
                WHERE NOT EXISTS (SELECT 1 FROM "{table}" AS r WHERE r."OrganisationId" = ?1 AND r."Id" = unhex(i.value))
                """);
            Check(raw.sqlite3_bind_blob(statement, 1, organisation) | BindText(statement, 2, list));
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
            if (raw.sqlite3_column_int64(statement, 0) is var missing and > 0)
            {
                throw new InvalidOperationException(
                    $"{missing} id(s) the deliveries refer to are not records of the organisation in {table}: nothing is written.");
            }
        }
    }

    /// <summary>
    /// The line of each written row, in the order written, as variable-length deltas: a byte or two per row
    /// instead of a dictionary, and read back only when the file turns out to hold a duplicate.
    /// </summary>
    private sealed class LineLog
    {
        private const int ChunkSize = 64 * 1024;
        private readonly List<byte[]> _chunks = [];
        private int _used = ChunkSize;
        private long _last;

        public void Add(long line)
        {
            // Zig-zag, so a line smaller than the previous one (a sheet read out of order) still fits.
            var delta = line - _last;
            var value = (ulong)((delta << 1) ^ (delta >> 63));
            _last = line;
            do
            {
                if (_used == ChunkSize)
                {
                    _chunks.Add(new byte[ChunkSize]);
                    _used = 0;
                }
                var next = value >> 7;
                _chunks[^1][_used++] = (byte)((value & 0x7F) | (next == 0 ? 0UL : 0x80UL));
                value = next;
            }
            while (value != 0);
        }

        /// <summary>The lines of the rows at the given positions (ascending) in the order written.</summary>
        public List<long> LinesAt(IEnumerable<long> ordinals)
        {
            var lines = new List<long>();
            using var wanted = ordinals.GetEnumerator();
            if (!wanted.MoveNext())
            {
                return lines;
            }
            long ordinal = 0, line = 0;
            ulong value = 0;
            var shift = 0;
            for (var c = 0; c < _chunks.Count; c++)
            {
                foreach (var b in _chunks[c].AsSpan(0, c == _chunks.Count - 1 ? _used : ChunkSize))
                {
                    value |= (ulong)(b & 0x7F) << shift;
                    shift += 7;
                    if ((b & 0x80) != 0)
                    {
                        continue;
                    }
                    line += (long)(value >> 1) ^ -(long)(value & 1);
                    (value, shift) = (0, 0);
                    while (wanted.Current == ordinal)
                    {
                        lines.Add(line);
                        if (!wanted.MoveNext())
                        {
                            return lines;
                        }
                    }
                    ordinal++;
                }
            }
            throw new InvalidOperationException("A duplicate points past the rows written.");
        }
    }
}
