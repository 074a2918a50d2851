using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Suivi.Domain;

namespace Suivi.Infrastructure.Imports;

/// <summary>A delivery row from an import, validated and with every code resolved to an id of the organisation.</summary>
public readonly record struct DeliveryRow(
    Guid Id,
    Guid ServiceId,
    DateOnly OnDate,
    TimeOnly? StartTime,
    int DurationSeconds,
    Guid TypeId,
    Guid? ActCategoryId,
    Guid WorkerId,
    Guid[]? OtherWorkerIds,
    Guid? CaseFileId,
    Guid? BeneficiaryId,
    Guid? SiteId,
    int? DistanceMetres,
    string? Note,
    string? ExternalId,
    long Line);

/// <summary>What a bulk write did: rows written, rows skipped because their external id was imported before.</summary>
public sealed record BulkWriteResult(
    long Written,
    long Skipped,
    IReadOnlyList<(long Line, string ExternalId)> DuplicatesInFile,
    IReadOnlyList<(Guid WorkerId, DateOnly Day, int Seconds)> OverloadedWorkerDays);

/// <summary>
/// Writes delivery rows in bulk inside the caller's transaction, at the database engine's pace: prepared
/// statements on SQLite, binary COPY on PostgreSQL. A row whose external id the organisation already has is
/// skipped (a re-import changes nothing). The caller commits or rolls back.
/// </summary>
public interface IDeliveryBulkWriter : IAsyncDisposable
{
    ValueTask AddAsync(DeliveryRow row, CancellationToken cancellationToken);

    /// <summary>
    /// Finishes writing, then reports external ids that appeared twice in the file and the (worker, day) pairs
    /// touched by the rows whose total — existing deliveries included — exceeds the daily maximum.
    /// </summary>
    Task<BulkWriteResult> CompleteAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The seconds a bulk write gives each (worker, day), main and further workers, as its rows come in; the seconds
/// recorded before the write are added at the end for the days it touches; then the days past the daily maximum.
/// </summary>
internal sealed class WorkerDayHours
{
    private readonly Dictionary<(Guid Worker, DateOnly Day), long> _seconds = [];

    public void Add(Guid worker, DateOnly day, int seconds) =>
        CollectionsMarshal.GetValueRefOrAddDefault(_seconds, (worker, day), out _) += seconds;

    /// <summary>Seconds recorded before the write; a (worker, day) the write does not touch is no concern of it.</summary>
    public void AddEarlier(Guid worker, DateOnly day, long seconds)
    {
        ref var mine = ref CollectionsMarshal.GetValueRefOrNullRef(_seconds, (worker, day));
        if (!Unsafe.IsNullRef(ref mine))
        {
            mine += seconds;
        }
    }

    /// <summary>The days past the maximum, by day then worker (in the order of the ids' text).</summary>
    public List<(Guid WorkerId, DateOnly Day, int Seconds)> Overloaded() =>
    [
        .. _seconds
            .Where(t => t.Value > DeliveryRules.MaxSecondsPerWorkerPerDay)
            .OrderBy(t => t.Key.Day).ThenBy(t => t.Key.Worker.ToString("N"), StringComparer.Ordinal)
            .Select(t => (t.Key.Worker, t.Key.Day, checked((int)t.Value))),
    ];
}
