using Npgsql;
using NpgsqlTypes;
using Suivi.Domain;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Writes deliveries into PostgreSQL by binary COPY into a temporary staging table (dropped at commit), then
/// one INSERT … SELECT into "Deliveries" (ON CONFLICT DO NOTHING when an external id is taken), inside the caller's transaction. The
/// staging table keeps each row's line, so rows that were not written can be told apart afterwards: an
/// external id imported before (skipped) or one that an earlier line of the same file took (a duplicate).
/// </summary>
internal sealed class PostgresDeliveryBulkWriter : IDeliveryBulkWriter
{
    private const string CreateStaging = """
        CREATE TEMPORARY TABLE "DeliveryImport" (
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
        ) ON COMMIT DROP
        """;

    private const string Copy = """
        COPY "DeliveryImport" ("Line", "Id", "ServiceId", "OnDate", "StartTime", "DurationSeconds", "TypeId", "ActCategoryId",
            "WorkerId", "OtherWorkerIds", "CaseFileId", "BeneficiaryId", "SiteId", "DistanceMetres", "Note", "ExternalId")
        FROM STDIN (FORMAT BINARY)
        """;

    private const string InsertDeliveries = """
        INSERT INTO "Deliveries" ("Id", "OrganisationId", "ServiceId", "OnDate", "StartTime", "DurationSeconds", "TypeId",
            "ActCategoryId", "WorkerId", "CaseFileId", "BeneficiaryId", "SiteId", "DistanceMetres", "Note", "ExternalId",
            "ImportRunId", "Version")
        SELECT "Id", @org, "ServiceId", "OnDate", "StartTime", "DurationSeconds", "TypeId", "ActCategoryId", "WorkerId",
            "CaseFileId", "BeneficiaryId", "SiteId", "DistanceMetres", "Note", "ExternalId", @run, 0
        FROM "DeliveryImport"
        """;

    // Skipping rows on conflict costs PostgreSQL a speculative insertion per row, about a third more than a plain
    // insert; most files hold no external id already taken, so the skipping insert runs only when one is.
    private const string AnyExternalIdTaken = """
        SELECT EXISTS (SELECT 1 FROM "DeliveryImport" AS s
                       JOIN "Deliveries" AS d ON d."OrganisationId" = @org AND d."ExternalId" = s."ExternalId")
            OR EXISTS (SELECT 1 FROM "DeliveryImport" WHERE "ExternalId" IS NOT NULL
                       GROUP BY "ExternalId" HAVING count(*) > 1)
        """;

    // Delivery imports into one organisation take turns: between the check above and the commit, no other import
    // can take an external id this one is about to write.
    private const string TakeTurn = "SELECT pg_advisory_xact_lock(@lock)";

    private const string InsertWorkers = """
        INSERT INTO "DeliveryWorkers" ("DeliveryId", "StaffMemberId", "OrganisationId")
        SELECT i."Id", w."Id", @org
        FROM "DeliveryImport" AS i
        CROSS JOIN LATERAL unnest(i."OtherWorkerIds") AS w("Id")
        WHERE i."OtherWorkerIds" IS NOT NULL
          AND EXISTS (SELECT 1 FROM "Deliveries" AS d WHERE d."Id" = i."Id" AND d."OrganisationId" = @org AND d."ImportRunId" = @run)
        """;

    // A staged row whose external id a row of this run holds, under another id, repeats an earlier line of the file.
    private const string Duplicates = """
        SELECT s."Line", s."ExternalId", f."Line"
        FROM "DeliveryImport" AS s
        JOIN "Deliveries" AS d ON d."OrganisationId" = @org AND d."ExternalId" = s."ExternalId" AND d."Id" <> s."Id"
        JOIN "DeliveryImport" AS f ON f."Id" = d."Id"
        WHERE d."ImportRunId" = @run
        """;

    // Every (worker, day) this run wrote to, all deliveries of that day counted, main and further workers.
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
    // role does not own is skipped with a warning, not an error. The staging table is analysed too.
    private const string AnalyseReferences = """
        ANALYZE "Organisations", "Services", "Sites", "Staff", "ListItems", "CaseFiles", "Beneficiaries", "ImportRuns", "DeliveryImport"
        """;

    private const string AnalyseDeliveries = "ANALYZE \"Deliveries\", \"DeliveryWorkers\"";

    /// <summary>Below this many rows, plans do not depend on fresh statistics, and analysing would cost more than it saves.</summary>
    private const long AnalyseFrom = 1000;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly Guid _organisationId;
    private readonly Guid _importRunId;
    private NpgsqlBinaryImporter? _copy;
    private long _staged;
    private bool _anyOtherWorkers;
    private DateOnly _from = DateOnly.MaxValue;
    private DateOnly _to = DateOnly.MinValue;

    private PostgresDeliveryBulkWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid organisationId, Guid importRunId)
    {
        _connection = connection;
        _transaction = transaction;
        _organisationId = organisationId;
        _importRunId = importRunId;
    }

    public static async Task<PostgresDeliveryBulkWriter> OpenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid organisationId, Guid importRunId, CancellationToken cancellationToken)
    {
        if (transaction.Connection != connection)
        {
            throw new InvalidOperationException("The bulk writer writes inside the caller's transaction on the same connection.");
        }
        var writer = new PostgresDeliveryBulkWriter(connection, transaction, organisationId, importRunId);
        await using (var turn = writer.Command(TakeTurn))
        {
            turn.Parameters.AddWithValue("lock", TurnKey(organisationId));
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }
        await writer.ExecuteAsync(CreateStaging, cancellationToken);
        writer._copy = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        writer._copy.Timeout = TimeSpan.Zero;
        return writer;
    }

    public async ValueTask AddAsync(DeliveryRow row, CancellationToken cancellationToken)
    {
        var copy = _copy ?? throw new InvalidOperationException("The writer is complete.");
        var others = OtherWorkers(row);
        _anyOtherWorkers |= others is not null;
        await copy.StartRowAsync(cancellationToken);
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
        _staged++;
        if (row.OnDate < _from)
        {
            _from = row.OnDate;
        }
        if (row.OnDate > _to)
        {
            _to = row.OnDate;
        }
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
        var copy = _copy ?? throw new InvalidOperationException("The writer is complete.");
        await copy.CompleteAsync(cancellationToken);
        await copy.DisposeAsync();
        _copy = null;
        if (_staged == 0)
        {
            return new BulkWriteResult(0, 0, [], []);
        }

        if (_staged >= AnalyseFrom)
        {
            await ExecuteAsync(AnalyseReferences, cancellationToken);
        }
        var written = await ExecuteAsync(await AnyExternalIdTakenAsync(cancellationToken) ? $"{InsertDeliveries} ON CONFLICT DO NOTHING" : InsertDeliveries,
            cancellationToken);
        if (written >= AnalyseFrom)
        {
            // The queries below join the rows just written: the planner must know there are that many.
            await ExecuteAsync(AnalyseDeliveries, cancellationToken);
        }
        if (written > 0 && _anyOtherWorkers)
        {
            await ExecuteAsync(InsertWorkers, cancellationToken);
        }
        // Nothing of this run is in the table when nothing was written: no line can repeat a written one.
        var duplicates = written > 0 && written < _staged ? await DuplicatesAsync(cancellationToken) : [];
        var repeated = duplicates.Count;
        var reported = duplicates
            .SelectMany(d => new[] { (d.Line, d.ExternalId), (d.FirstLine, d.ExternalId) })
            .Distinct()
            .OrderBy(d => d.Item1)
            .ToList();
        var overloaded = written > 0 ? await OverloadedWorkerDaysAsync(cancellationToken) : [];
        return new BulkWriteResult(written, _staged - written - repeated, reported, overloaded);
    }

    private async Task<bool> AnyExternalIdTakenAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(AnyExternalIdTaken);
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

    /// <summary>Stopping before completion cancels the COPY; the caller's transaction is then rolled back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_copy is not null)
        {
            await _copy.DisposeAsync();
            _copy = null;
        }
    }
}
