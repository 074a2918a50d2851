using Microsoft.EntityFrameworkCore;
using Suivi.Domain;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Rules that span rows — one stay at a time, one visit a day — checked on the writing thread before a
/// batch is saved: against what the run's transaction sees (committed records and the earlier batches of
/// the same file), then within the batch. Rows whose external id is already written are left to
/// <see cref="EntityImporter{TRecord, TEntity}"/>, which skips or reports them.
/// </summary>
internal static class CrossRowChecks
{
    /// <summary>A period of one person: a stay, a care-insurance period; open while <see cref="To"/> is null.</summary>
    public readonly record struct Period(Guid Person, DateOnly From, DateOnly? To)
    {
        public bool Overlaps(Period other) =>
            From <= (other.To ?? DateOnly.MaxValue) && other.From <= (To ?? DateOnly.MaxValue);
    }

    /// <summary>A period already written, with where it came from.</summary>
    public sealed record WrittenPeriod(Guid Person, DateOnly From, DateOnly? To, string? ExternalId, Guid? ImportRunId);

    /// <summary>
    /// What an overlap is called: with a row of the same batch ({0} its start, {1} its line), with a row an
    /// earlier batch of the file wrote ({0} its start, {1} its external id), with a record already in Suivi ({0} its start).
    /// </summary>
    public sealed record OverlapTexts(string OnLine, string EarlierInFile, string Recorded);

    /// <summary>The batch's external ids that are already written, by an earlier import or an earlier batch of this one.</summary>
    public static async Task<HashSet<string>> WrittenIdsAsync<TEntity, TRecord>(ImportBatch<TRecord> batch, ImportContext context,
        Func<TRecord, string> externalId, CancellationToken cancellationToken)
        where TEntity : class, IImported
    {
        var ids = batch.Select(e => externalId(e.Record)).Distinct().ToList();
        var written = await context.Db.Set<TEntity>().AsNoTracking()
            .Where(e => e.ExternalId != null && ids.Contains(e.ExternalId))
            .Select(e => e.ExternalId!)
            .ToListAsync(cancellationToken);
        return written.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The rows to check: not rejected, and not already written.</summary>
    public static List<int> ToCheck<TRecord>(ImportBatch<TRecord> batch, HashSet<string> written, Func<TRecord, string> externalId) =>
        [.. Enumerable.Range(0, batch.Count).Where(i => !batch.IsRejected(i) && !written.Contains(externalId(batch[i])))];

    /// <summary>
    /// Rejects each row whose period overlaps another period of the same person — written, or on an earlier row
    /// of the batch — reporting the earliest one under <paramref name="column"/>.
    /// </summary>
    public static void RejectOverlaps<TRecord>(ImportBatch<TRecord> batch, ImportContext context, IReadOnlyList<int> rows,
        Func<TRecord, string> externalId, Func<TRecord, Period> period, IReadOnlyList<WrittenPeriod> written, ImportColumn column,
        OverlapTexts texts)
    {
        var writtenOf = written.ToLookup(w => w.Person);
        var earlierOf = new Dictionary<Guid, List<(Period Period, long Line, string ExternalId)>>();
        foreach (var i in rows)
        {
            var (line, record) = (batch.Line(i), batch[i]);
            var mine = period(record);
            var id = externalId(record);
            if (writtenOf[mine.Person].Where(w => mine.Overlaps(new Period(w.Person, w.From, w.To))).MinBy(w => w.From) is { } other)
            {
                if (other.ImportRunId == context.RunId)
                {
                    context.Error(line, column, texts.EarlierInFile, other.From, other.ExternalId ?? "");
                }
                else
                {
                    context.Error(line, column, texts.Recorded, other.From);
                }
                batch.Reject(i);
            }
            else if (earlierOf.TryGetValue(mine.Person, out var earlier)
                // The same external id twice is reported once, as such, by the entity importer.
                && earlier.FirstOrDefault(e => e.ExternalId != id && mine.Overlaps(e.Period)) is { Line: > 0 } onLine)
            {
                context.Error(line, column, texts.OnLine, onLine.Period.From, onLine.Line);
                batch.Reject(i);
            }
            (earlierOf.TryGetValue(mine.Person, out var list) ? list : earlierOf[mine.Person] = []).Add((mine, line, id));
        }
    }
}
