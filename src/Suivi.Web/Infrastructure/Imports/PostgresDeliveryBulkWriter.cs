using Npgsql;
using NpgsqlTypes;
using Suivi.Domain;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Writes deliveries into PostgreSQL inside the caller's transaction, chunk by chunk (decision 014): the rows of a chunk
/// are held in memory, sent by binary COPY into a temporary staging table of their own (a partition of "DeliveryImport",
/// dropped at commit), then written by one INSERT … SELECT into "Deliveries". That INSERT runs while the rows of the
/// next chunk are read and checked: the server writes on one core while the file is read on the other. A chunk is
/// written plainly under a savepoint, and written again skipping the rows whose external id is taken only if it holds
/// one. The staging keeps each row's line, so rows that were not written can be told apart afterwards: an external id
/// imported before (skipped) or one that an earlier line of the same file took (a duplicate).
/// </summary>
internal sealed class PostgresDeliveryBulkWriter : IDeliveryBulkWriter
{
    /// <summary>
    /// Rows per chunk: large enough that each statement's triggers add up many rows at once (a client served in every
    /// chunk is upserted once per chunk), small enough that the rows held in memory stay a few tens of megabytes and the
    /// last chunk, written after the file is read, takes about a second.
    /// </summary>
    public const int DefaultChunkRows = 100_000;

    /// <summary>
    /// The first chunk's rows; each next chunk holds twice as many, up to the chunk size: the server starts writing after
    /// a few thousand rows are read rather than waiting, idle, for the first hundred thousand.
    /// </summary>
    private const int FirstChunkRows = 12_500;

    private const string CreateStaging = """
        CREATE TEMPORARY TABLE "DeliveryImport" (
            "Chunk" integer NOT NULL,
            "Line" bigint NOT NULL,
            "Id" uuid NOT NULL,
            "ServiceId" uuid NOT NULL,
            "OnDate" date NOT NULL,
            "StartTime" time without time zone,
            "DurationSeconds" integer NOT NULL,
            "TypeId" uuid NOT NULL,
            "ActCategoryId" uuid,
            "WorkerId" uuid NOT NULL,
            "OtherWorkerIds" uuid[],
            "CaseFileId" uuid,
            "BeneficiaryId" uuid,
            "SiteId" uuid,
            "DistanceMetres" integer,
            "Note" text,
            "ExternalId" text
        ) PARTITION BY LIST ("Chunk") ON COMMIT DROP
        """;

    private static string CreateChunk(int chunk) =>
        $"""CREATE TEMPORARY TABLE "{Chunk(chunk)}" PARTITION OF "DeliveryImport" FOR VALUES IN ({chunk})""";

    private static string Chunk(int chunk) => $"DeliveryImport_{chunk}";

    private static string Copy(int chunk) => $"""
        COPY "{Chunk(chunk)}" ("Chunk", "Line", "Id", "ServiceId", "OnDate", "StartTime", "DurationSeconds", "TypeId", "ActCategoryId",
            "WorkerId", "OtherWorkerIds", "CaseFileId", "BeneficiaryId", "SiteId", "DistanceMetres", "Note", "ExternalId")
        FROM STDIN (FORMAT BINARY)
        """;

    private static string InsertDeliveries(int chunk, bool skipTaken) => $"""
        INSERT INTO "Deliveries" ("Id", "OrganisationId", "ServiceId", "OnDate", "StartTime", "DurationSeconds", "TypeId",
            "ActCategoryId", "WorkerId", "CaseFileId", "BeneficiaryId", "SiteId", "DistanceMetres", "Note", "ExternalId",
            "ImportRunId", "Version")
        SELECT "Id", @org, "ServiceId", "OnDate", "StartTime", "DurationSeconds", "TypeId", "ActCategoryId", "WorkerId",
            "CaseFileId", "BeneficiaryId", "SiteId", "DistanceMetres", "Note", "ExternalId", @run, 0
        FROM "{Chunk(chunk)}"
        {(skipTaken ? "ON CONFLICT DO NOTHING" : "")}
        """;

    // Skipping rows on conflict costs PostgreSQL a speculative insertion per row, about a third more than a plain
    // insert, and checking first whether any external id of a chunk is taken (by an earlier import, an earlier chunk, or
    // twice in the chunk) costs a lookup per row. Most chunks hold none: each is first written plainly under a
    // savepoint, and only one that breaks the external ids' unique index is written again, skipping those taken.
    // Each savepoint is a subtransaction; past 64 in one transaction PostgreSQL can no longer keep them in shared
    // memory and every other session's visibility checks slow down until the import ends. The chunks after those
    // are checked first instead.
    internal const int ChunksUnderSavepoint = 48;

    private const string Savepoint = "delivery_chunk";

    private const string ExternalIdIndex = "IX_Deliveries_OrganisationId_ExternalId";

    private static string AnyExternalIdTaken(int chunk) => $"""
        SELECT EXISTS (SELECT 1 FROM "{Chunk(chunk)}" AS s
                       JOIN "Deliveries" AS d ON d."OrganisationId" = @org AND d."ExternalId" = s."ExternalId")
            OR EXISTS (SELECT 1 FROM "{Chunk(chunk)}" WHERE "ExternalId" IS NOT NULL
                       GROUP BY "ExternalId" HAVING count(*) > 1)
        """;

    // Delivery imports into one organisation take turns: between the check above and the commit, no other import
    // can take an external id this one is about to write.
    private const string TakeTurn = "SELECT pg_advisory_xact_lock(@lock)";

    // The further workers of a chunk whose every row was written, then of one where some were skipped.
    private static string InsertWorkers(int chunk, bool someSkipped) => $"""
        INSERT INTO "DeliveryWorkers" ("DeliveryId", "StaffMemberId", "OrganisationId")
        SELECT i."Id", w."Id", @org
        FROM "{Chunk(chunk)}" AS i
        CROSS JOIN LATERAL unnest(i."OtherWorkerIds") AS w("Id")
        WHERE i."OtherWorkerIds" IS NOT NULL
        {(someSkipped ? """AND EXISTS (SELECT 1 FROM "Deliveries" AS d WHERE d."Id" = i."Id" AND d."OrganisationId" = @org AND d."ImportRunId" = @run)""" : "")}
        """;

    // A staged row whose external id a row of this run holds, under another id, repeats an earlier line of the file.
    private const string Duplicates = """
        SELECT s."Line", s."ExternalId", f."Line"
        FROM "DeliveryImport" AS s
        JOIN "Deliveries" AS d ON d."OrganisationId" = @org AND d."ExternalId" = s."ExternalId" AND d."Id" <> s."Id"
        JOIN "DeliveryImport" AS f ON f."Id" = d."Id"
        WHERE d."ImportRunId" = @run
        """;

    // The hours each worker had on each day of a range from the deliveries recorded before the run, main and further workers.
    private const string EarlierWorkerDays = """
        SELECT "Worker", "Day", SUM("Seconds") FROM (
            SELECT "WorkerId" AS "Worker", "OnDate" AS "Day", "DurationSeconds" AS "Seconds"
            FROM "Deliveries"
            WHERE "OrganisationId" = @org AND "OnDate" BETWEEN @from AND @to AND "ImportRunId" IS DISTINCT FROM @run
            UNION ALL
            SELECT w."StaffMemberId", d."OnDate", d."DurationSeconds"
            FROM "DeliveryWorkers" AS w
            JOIN "Deliveries" AS d ON d."OrganisationId" = w."OrganisationId" AND d."Id" = w."DeliveryId"
            WHERE w."OrganisationId" = @org AND d."OnDate" BETWEEN @from AND @to AND d."ImportRunId" IS DISTINCT FROM @run) AS work
        GROUP BY "Worker", "Day"
        """;

    private const string EarlierDays = """
        SELECT min("OnDate"), max("OnDate") FROM "Deliveries" WHERE "OrganisationId" = @org
        """;

    // Every (worker, day) this run wrote to, all deliveries of that day counted, main and further workers: when some
    // rows were skipped, the hours added up while the rows came in are not those written.
    private const string OverloadedDays = """
        SELECT "Worker", "Day", SUM("Seconds") FROM (
            SELECT "WorkerId" AS "Worker", "OnDate" AS "Day", "DurationSeconds" AS "Seconds", "ImportRunId" = @run AS "Mine"
            FROM "Deliveries"
            WHERE "OrganisationId" = @org AND "OnDate" BETWEEN @from AND @to
            UNION ALL
            SELECT w."StaffMemberId", d."OnDate", d."DurationSeconds", d."ImportRunId" = @run
            FROM "DeliveryWorkers" AS w
            JOIN "Deliveries" AS d ON d."OrganisationId" = w."OrganisationId" AND d."Id" = w."DeliveryId"
            WHERE w."OrganisationId" = @org AND d."OnDate" BETWEEN @from AND @to) AS work
        GROUP BY "Worker", "Day"
        HAVING SUM("Seconds") > @max AND bool_or("Mine")
        ORDER BY "Day", "Worker"
        """;

    // Every row's references are checked against these tables (foreign keys). Right after people or case files
    // were imported, their statistics are stale: the planner may check each reference through an index on the
    // organisation alone, scanning all its rows, hundreds of times slower than through the (organisation, id)
    // key. Analysing them first (a sample, milliseconds) lets the checks use the key. A table the connection's
    // role does not own is skipped with a warning, not an error.
    private const string AnalyseReferences = """
        ANALYZE "Organisations", "Services", "Sites", "Staff", "ListItems", "CaseFiles", "Beneficiaries", "ImportRuns"
        """;

    private const string AnalyseDeliveries = "ANALYZE \"Deliveries\", \"DeliveryWorkers\"";

    /// <summary>Below this many rows, plans do not depend on fresh statistics, and analysing would cost more than it saves.</summary>
    private const long AnalyseFrom = 1000;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly Guid _organisationId;
    private readonly Guid _importRunId;
    private readonly int _chunkRows;
    private readonly List<DeliveryRow> _rows;
    private bool _chunkNamesOtherWorkers;
    private int _chunks;
    private long _staged;
    private long _written;
    private bool _referencesAnalysed;
    private bool _complete;
    private DateOnly _from = DateOnly.MaxValue;
    private DateOnly _to = DateOnly.MinValue;

    private readonly WorkerDayHours _workerDays = new();

    /// <summary>The days of the organisation's deliveries before the run, if it had any.</summary>
    private (DateOnly First, DateOnly Last)? _earlierDays;

    /// <summary>Whether some chunk skipped rows, so that the hours added up are not all written.</summary>
    private bool _someSkipped;

    /// <summary>The chunk being written into "Deliveries" while the next one is gathered; it owns the connection until awaited.</summary>
    private Task<(long Written, bool SomeSkipped)>? _writing;

    private PostgresDeliveryBulkWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid organisationId, Guid importRunId,
        int chunkRows)
    {
        _connection = connection;
        _transaction = transaction;
        _organisationId = organisationId;
        _importRunId = importRunId;
        _chunkRows = chunkRows;
        _rows = new List<DeliveryRow>(Math.Min(chunkRows, 4096));
    }

    /// <summary>A writer inside <paramref name="transaction"/>, writing <paramref name="chunkRows"/> rows per statement.</summary>
    public static async Task<PostgresDeliveryBulkWriter> OpenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid organisationId, Guid importRunId, CancellationToken cancellationToken, int chunkRows = DefaultChunkRows)
    {
        if (transaction.Connection != connection)
        {
            throw new InvalidOperationException("The bulk writer writes inside the caller's transaction on the same connection.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var writer = new PostgresDeliveryBulkWriter(connection, transaction, organisationId, importRunId, chunkRows);
        await using (var turn = writer.Command(TakeTurn))
        {
            turn.Parameters.AddWithValue("lock", TurnKey(organisationId));
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }
        await writer.ExecuteAsync(CreateStaging, cancellationToken);
        await using (var earlier = writer.Command(EarlierDays))
        await using (var reader = await earlier.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken) && !await reader.IsDBNullAsync(0, cancellationToken))
            {
                writer._earlierDays = (reader.GetFieldValue<DateOnly>(0), reader.GetFieldValue<DateOnly>(1));
            }
        }
        return writer;
    }

    public async ValueTask AddAsync(DeliveryRow row, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_complete, this);
        var others = OtherWorkers(row);
        _rows.Add(row with { OtherWorkerIds = others });
        _chunkNamesOtherWorkers |= others is not null;
        _staged++;
        _workerDays.Add(row.WorkerId, row.OnDate, row.DurationSeconds);
        foreach (var other in others ?? [])
        {
            _workerDays.Add(other, row.OnDate, row.DurationSeconds);
        }
        if (row.OnDate < _from)
        {
            _from = row.OnDate;
        }
        if (row.OnDate > _to)
        {
            _to = row.OnDate;
        }
        if (_rows.Count >= NextChunkRows())
        {
            await SendChunkAsync(cancellationToken);
        }
    }

    private int NextChunkRows() => _chunks >= 4 ? _chunkRows : Math.Min(_chunkRows, FirstChunkRows << _chunks);

    /// <summary>
    /// Waits for the chunk being written, copies the rows gathered since into a staging table of their own and starts
    /// writing them, without waiting: the caller goes on gathering the next chunk meanwhile.
    /// </summary>
    private async Task SendChunkAsync(CancellationToken cancellationToken)
    {
        await FinishWritingAsync();
        var chunk = ++_chunks;
        await ExecuteAsync(CreateChunk(chunk), cancellationToken);
        await using (var copy = await _connection.BeginBinaryImportAsync(Copy(chunk), cancellationToken))
        {
            copy.Timeout = TimeSpan.Zero;
            foreach (var row in _rows)
            {
                await CopyAsync(copy, chunk, row, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        var anyOtherWorkers = _chunkNamesOtherWorkers;
        _chunkNamesOtherWorkers = false;
        _rows.Clear();
        var analyseReferences = !_referencesAnalysed && _staged >= AnalyseFrom;
        _referencesAnalysed |= analyseReferences;
        _writing = WriteChunkAsync(chunk, analyseReferences, anyOtherWorkers, cancellationToken);
    }

    /// <summary>Waits for the chunk being written, if any, and counts its rows; the connection is free afterwards.</summary>
    private async Task FinishWritingAsync()
    {
        if (_writing is { } writing)
        {
            _writing = null;
            var (written, someSkipped) = await writing;
            _written += written;
            _someSkipped |= someSkipped;
        }
    }

    /// <summary>Writes a staged chunk into "Deliveries" and its further workers; returns the rows written and whether some were skipped.</summary>
    private async Task<(long Written, bool SomeSkipped)> WriteChunkAsync(int chunk, bool analyseReferences, bool anyOtherWorkers, CancellationToken cancellationToken)
    {
        if (analyseReferences)
        {
            await ExecuteAsync(AnalyseReferences, cancellationToken);
        }
        var (written, skipTaken) = chunk <= ChunksUnderSavepoint
            ? await InsertUnderSavepointAsync(chunk, cancellationToken)
            : await InsertCheckedAsync(chunk, cancellationToken);
        if (written > 0 && anyOtherWorkers)
        {
            await ExecuteAsync(InsertWorkers(chunk, someSkipped: skipTaken), cancellationToken);
        }
        return (written, skipTaken);
    }

    /// <summary>The chunk written plainly; if an external id of it is taken, undone and written again skipping those.</summary>
    private async Task<(long Written, bool SkipTaken)> InsertUnderSavepointAsync(int chunk, CancellationToken cancellationToken)
    {
        await _transaction.SaveAsync(Savepoint, cancellationToken);
        try
        {
            var written = await ExecuteAsync(InsertDeliveries(chunk, skipTaken: false), cancellationToken);
            await _transaction.ReleaseAsync(Savepoint, cancellationToken);
            return (written, false);
        }
        catch (PostgresException taken) when (taken is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: ExternalIdIndex })
        {
            await _transaction.RollbackAsync(Savepoint, cancellationToken);
            await _transaction.ReleaseAsync(Savepoint, cancellationToken);
            return (await ExecuteAsync(InsertDeliveries(chunk, skipTaken: true), cancellationToken), true);
        }
    }

    private async Task<(long Written, bool SkipTaken)> InsertCheckedAsync(int chunk, CancellationToken cancellationToken)
    {
        var skipTaken = await AnyExternalIdTakenAsync(chunk, cancellationToken);
        return (await ExecuteAsync(InsertDeliveries(chunk, skipTaken), cancellationToken), skipTaken);
    }

    /// <summary>One row, its further workers as <see cref="OtherWorkers"/> left them, into the COPY of its chunk.</summary>
    private static async Task CopyAsync(NpgsqlBinaryImporter copy, int chunk, DeliveryRow row, CancellationToken cancellationToken)
    {
        var others = row.OtherWorkerIds;
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(chunk, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(row.Line, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(row.ServiceId, NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(row.OnDate, NpgsqlDbType.Date, cancellationToken);
        await WriteAsync(copy, row.StartTime, NpgsqlDbType.Time, cancellationToken);
        await copy.WriteAsync(row.DurationSeconds, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(row.TypeId, NpgsqlDbType.Uuid, cancellationToken);
        await WriteAsync(copy, row.ActCategoryId, NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(row.WorkerId, NpgsqlDbType.Uuid, cancellationToken);
        if (others is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(others, NpgsqlDbType.Array | NpgsqlDbType.Uuid, cancellationToken);
        }
        await WriteAsync(copy, row.CaseFileId, NpgsqlDbType.Uuid, cancellationToken);
        await WriteAsync(copy, row.BeneficiaryId, NpgsqlDbType.Uuid, cancellationToken);
        await WriteAsync(copy, row.SiteId, NpgsqlDbType.Uuid, cancellationToken);
        await WriteAsync(copy, row.DistanceMetres, NpgsqlDbType.Integer, cancellationToken);
        await WriteAsync(copy, row.Note, NpgsqlDbType.Text, cancellationToken);
        await WriteAsync(copy, row.ExternalId, NpgsqlDbType.Text, cancellationToken);
    }

    /// <summary>As the entity does: the main worker is not repeated, and nobody is named twice.</summary>
    private static Guid[]? OtherWorkers(DeliveryRow row)
    {
        if (row.OtherWorkerIds is not { Length: > 0 } named)
        {
            return null;
        }
        var others = named.Where(w => w != row.WorkerId).Distinct().ToArray();
        return others.Length == 0 ? null : others;
    }

    public async Task<BulkWriteResult> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_complete, this);
        _complete = true;
        if (_rows.Count > 0)
        {
            await SendChunkAsync(cancellationToken);
        }
        await FinishWritingAsync();
        if (_staged == 0)
        {
            return new BulkWriteResult(0, 0, [], []);
        }
        var written = _written;
        if (written >= AnalyseFrom)
        {
            // The queries below join the rows just written: the planner must know there are that many.
            await ExecuteAsync(AnalyseDeliveries, cancellationToken);
        }
        // Nothing of this run is in the table when nothing was written: no line can repeat a written one.
        var duplicates = written > 0 && written < _staged ? await DuplicatesAsync(cancellationToken) : [];
        var repeated = duplicates.Count;
        var reported = duplicates
            .SelectMany(d => new[] { (d.Line, d.ExternalId), (d.FirstLine, d.ExternalId) })
            .Distinct()
            .OrderBy(d => d.Item1)
            .ToList();
        var overloaded = written == 0 ? []
            : _someSkipped ? await OverloadedWorkerDaysAsync(cancellationToken)
            : await TalliedOverloadedWorkerDaysAsync(cancellationToken);
        return new BulkWriteResult(written, _staged - written - repeated, reported, overloaded);
    }

    private async Task<bool> AnyExternalIdTakenAsync(int chunk, CancellationToken cancellationToken)
    {
        await using var command = Command(AnyExternalIdTaken(chunk));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<List<(long Line, string ExternalId, long FirstLine)>> DuplicatesAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(Duplicates);
        var duplicates = new List<(long, string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            duplicates.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        }
        return duplicates;
    }

    /// <summary>
    /// Every (worker, day) the run wrote to whose hours, with those recorded before, pass the daily maximum, from the
    /// hours added up as the rows came in (all written) and those of earlier deliveries, read only for the days both
    /// cover: none when the organisation had none on those days, as for a history imported once.
    /// </summary>
    private async Task<List<(Guid WorkerId, DateOnly Day, int Seconds)>> TalliedOverloadedWorkerDaysAsync(CancellationToken cancellationToken)
    {
        if (_earlierDays is var (first, last) && first <= _to && last >= _from)
        {
            await using var command = Command(EarlierWorkerDays);
            command.Parameters.AddWithValue("from", first > _from ? first : _from);
            command.Parameters.AddWithValue("to", last < _to ? last : _to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                _workerDays.AddEarlier(reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt64(2));
            }
        }
        return _workerDays.Overloaded();
    }

    private async Task<List<(Guid WorkerId, DateOnly Day, int Seconds)>> OverloadedWorkerDaysAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(OverloadedDays);
        command.Parameters.AddWithValue("from", _from);
        command.Parameters.AddWithValue("to", _to);
        command.Parameters.AddWithValue("max", DeliveryRules.MaxSecondsPerWorkerPerDay);
        var days = new List<(Guid, DateOnly, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add((reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1), checked((int)reader.GetInt64(2))));
        }
        return days;
    }

    private async Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string sql)
    {
        // Bulk statements take as long as the file is large: no timeout, the caller's cancellation stops them.
        var command = new NpgsqlCommand(sql, _connection, _transaction) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("org", _organisationId);
        command.Parameters.AddWithValue("run", _importRunId);
        return command;
    }

    /// <summary>The advisory lock of an organisation's delivery imports: the organisation's id folded to 64 bits.</summary>
    private static long TurnKey(Guid organisationId)
    {
        Span<byte> bytes = stackalloc byte[16];
        organisationId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } set ? copy.WriteAsync(set, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    /// <summary>
    /// Stopping before completion drops the rows not yet sent and waits for the chunk being written: the caller's
    /// transaction is then rolled back, and must find the connection free.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _complete = true;
        _rows.Clear();
        if (_writing is { } writing)
        {
            _writing = null;
            try
            {
                await writing;
            }
            catch (Exception failure) when (failure is NpgsqlException or OperationCanceledException)
            {
                // Already reported, or about to be, by whatever stopped the run; a failed statement leaves the
                // transaction aborted, so it cannot be committed by mistake.
            }
        }
    }
}
