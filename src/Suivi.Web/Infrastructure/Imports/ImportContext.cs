using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Suivi.Data;

namespace Suivi.Infrastructure.Imports;

/// <summary>How far a run has come: bytes of the file read (of its total) and rows read.</summary>
public readonly record struct ImportProgress(long BytesRead, long TotalBytes, long Rows);

/// <summary>
/// What a record importer works with during one run. The reading thread reads rows, checks them against
/// <see cref="Codes"/> and looks up what they refer to through <see cref="Lookups"/>; the writing thread
/// writes through <see cref="Db"/>, inside the run's one transaction. Both report errors here.
/// </summary>
public sealed class ImportContext
{
    private readonly Func<ImportColumn, IEnumerable<(long Line, string? Value)>> _reread;
    private long _written;
    private long _skipped;

    internal ImportContext(Guid runId, Guid organisationId, Guid? userId, string userName, DateOnly today, bool dryRun,
        SuiviDbContext db, RecordLookups lookups, OrganisationCodes codes, ImportErrorList errors,
        Func<ImportColumn, IEnumerable<(long Line, string? Value)>> reread)
    {
        RunId = runId;
        OrganisationId = organisationId;
        UserId = userId;
        UserName = userName;
        Today = today;
        DryRun = dryRun;
        Db = db;
        Lookups = lookups;
        Codes = codes;
        Errors = errors;
        _reread = reread;
    }

    public Guid RunId { get; }
    public Guid OrganisationId { get; }
    public Guid? UserId { get; }
    public string UserName { get; }

    /// <summary>Today in UTC, for the rules about dates in the future.</summary>
    public DateOnly Today { get; }

    /// <summary>A dry run does everything a commit does, then rolls back.</summary>
    public bool DryRun { get; }

    /// <summary>The run's transaction: for the writing thread only.</summary>
    public SuiviDbContext Db { get; }

    /// <summary>Committed records, through another connection: for the reading thread only.</summary>
    public RecordLookups Lookups { get; }

    public OrganisationCodes Codes { get; }

    public ImportErrorList Errors { get; }

    public long RowsWritten => Interlocked.Read(ref _written);

    public long RowsSkipped => Interlocked.Read(ref _skipped);

    public void Error(long line, ImportColumn? column, string reason, params object[] arguments) =>
        Errors.Add(line, column, reason, arguments);

    public void Written(long rows) => Interlocked.Add(ref _written, rows);

    /// <summary>Rows whose external id an earlier import brought in: a re-import changes nothing.</summary>
    public void Skipped(long rows) => Interlocked.Add(ref _skipped, rows);

    /// <summary>
    /// Reads the file again from the start, giving each row's line and its value in <paramref name="column"/>:
    /// to name every line of something found only at the end, without having kept every line in memory.
    /// Only once the reading thread is done.
    /// </summary>
    public IEnumerable<(long Line, string? Value)> Reread(ImportColumn column) => _reread(column);
}

/// <summary>The rows of the file under the kind's columns, with progress; rows the file's structure spoils are reported and passed over.</summary>
public sealed class ImportSource
{
    private readonly ITabularReader _reader;
    private readonly int[] _fieldOfColumn;
    private readonly ImportErrorList _errors;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly long _totalBytes;
    private readonly Stopwatch _sinceReport = Stopwatch.StartNew();
    private long _rows;

    internal ImportSource(ITabularReader reader, int[] fieldOfColumn, ImportErrorList errors, IProgress<ImportProgress>? progress, long totalBytes)
    {
        _reader = reader;
        _fieldOfColumn = fieldOfColumn;
        _errors = errors;
        _progress = progress;
        _totalBytes = totalBytes;
    }

    public long RowsRead => Interlocked.Read(ref _rows);

    public bool Next([NotNullWhen(true)] out ImportRow? row)
    {
        while (_reader.Read(out var line, out var fields, out var problem))
        {
            var rows = Interlocked.Increment(ref _rows);
            if ((rows & 1023) == 0 && _sinceReport.ElapsedMilliseconds >= 100)
            {
                _progress?.Report(new ImportProgress(_reader.Position, _totalBytes, rows));
                _sinceReport.Restart();
            }
            if (problem is not null)
            {
                _errors.Add(problem);
                continue;
            }
            row = new ImportRow(line, fields, _fieldOfColumn);
            return true;
        }
        _progress?.Report(new ImportProgress(_totalBytes, _totalBytes, RowsRead));
        row = null;
        return false;
    }
}
