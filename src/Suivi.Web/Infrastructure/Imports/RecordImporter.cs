using System.Collections;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// The extension point of imports: one class per kind of record, registered in <see cref="ImportsSetup"/>.
/// Derive from <see cref="RecordImporter{TRecord}"/> (or <see cref="EntityImporter{TRecord, TEntity}"/> for
/// records saved through EF Core); see docs/formats/imports.md, "Adding an import kind".
/// </summary>
public interface IRecordImporter
{
    ImportKind Kind { get; }

    ImportColumns Columns { get; }

    Task RunAsync(ImportContext context, ImportSource source, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the importer checks the references of what it writes itself, once for the whole run, so the database
    /// need not check them row by row (<see cref="SqliteReferenceChecks"/>).
    /// </summary>
    bool ChecksReferencesItself { get; }
}

/// <summary>
/// Reads rows into records on one thread and writes them on another, batch by batch, through a bounded
/// channel: the file is never held in memory, and the database is written while the next rows are read.
/// </summary>
public abstract class RecordImporter<TRecord> : IRecordImporter
{
    public const int BatchSize = 1000;

    /// <summary>Batches read ahead of the writing: enough to keep both threads busy, little memory.</summary>
    private const int QueuedBatches = 4;

    public abstract ImportKind Kind { get; }

    public abstract ImportColumns Columns { get; }

    public virtual bool ChecksReferencesItself => false;

    /// <summary>Before the first row, on the writing side (the run's transaction is open).</summary>
    protected virtual Task StartAsync(ImportContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Reading thread: one row to a record, reporting every problem of the row with
    /// <see cref="ImportContext.Error"/>; false when the row cannot be written. No database access here.
    /// </summary>
    protected abstract bool TryRead(ImportRow row, ImportContext context, out TRecord record);

    /// <summary>
    /// Reading thread, once per batch: looks up what the records refer to (<see cref="ImportContext.Lookups"/>),
    /// completing them or rejecting them with an error.
    /// </summary>
    protected virtual Task ResolveAsync(ImportBatch<TRecord> batch, ImportContext context, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Writing thread: writes the batch's records through <see cref="ImportContext.Db"/>, counting them.</summary>
    protected abstract Task WriteAsync(ImportBatch<TRecord> batch, ImportContext context, CancellationToken cancellationToken);

    /// <summary>Writing thread, after the last batch: checks that need every row, final writes.</summary>
    protected virtual Task CompleteAsync(ImportContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the run, whether it succeeded or not: releases what <see cref="StartAsync"/> opened.</summary>
    protected virtual ValueTask ReleaseAsync() => ValueTask.CompletedTask;

    /// <summary>Reports each required column the row leaves empty; false if there is one.</summary>
    protected bool HasRequiredValues(ImportRow row, ImportContext context)
    {
        var present = true;
        foreach (var column in Columns)
        {
            if (column.Required && row[column] is null)
            {
                context.Error(row.Line, column, TextKey("This field is required."));
                present = false;
            }
        }
        return present;
    }

    /// <summary>Reports a rule of the domain that the row breaks, under the column it concerns.</summary>
    protected static void Broken(ImportRow row, ImportContext context, ImportColumn column, DomainRuleException rule) =>
        context.Error(row.Line, column, rule.Message);

    /// <summary>The column a domain rule's field names (FirstName → first_name), or <paramref name="fallback"/>.</summary>
    protected ImportColumn ColumnOf(DomainRuleException rule, ImportColumn fallback) =>
        rule.Field is { } field && Columns.Find(SnakeCase(field)) is { } column ? column : fallback;

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public async Task RunAsync(ImportContext context, ImportSource source, CancellationToken cancellationToken)
    {
        try
        {
            await StartAsync(context, cancellationToken);
            await PipeAsync(context, source, cancellationToken);
            await CompleteAsync(context, cancellationToken);
        }
        finally
        {
            await ReleaseAsync();
        }
    }

    private async Task PipeAsync(ImportContext context, ImportSource source, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<ImportBatch<TRecord>>(
            new BoundedChannelOptions(QueuedBatches) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadAsync(context, source, batches.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                await WriteAsync(batch, context, stop.Token);
            }
        }
        catch
        {
            // The writing failed: stop the reading, and report the writing's failure, not the cancellation it causes.
            await stop.CancelAsync();
            await Task.WhenAny(reading);
            throw;
        }
        await reading;
    }

    private async Task ReadAsync(ImportContext context, ImportSource source, ChannelWriter<ImportBatch<TRecord>> batches,
        CancellationToken cancellationToken)
    {
        try
        {
            var batch = new ImportBatch<TRecord>(BatchSize);
            while (source.Next(out var row))
            {
                if (TryRead(row, context, out var record))
                {
                    batch.Add(row.Line, record);
                }
                if (batch.Count == BatchSize)
                {
                    await ResolveAsync(batch, context, cancellationToken);
                    await batches.WriteAsync(batch, cancellationToken);
                    batch = new ImportBatch<TRecord>(BatchSize);
                }
            }
            if (batch.Count > 0)
            {
                await ResolveAsync(batch, context, cancellationToken);
                await batches.WriteAsync(batch, cancellationToken);
            }
        }
        finally
        {
            batches.Complete();
        }
    }
}

/// <summary>Records read from consecutive rows, with their lines; rows rejected on the way are left out when written.</summary>
public sealed class ImportBatch<TRecord>(int capacity) : IEnumerable<(long Line, TRecord Record)>
{
    private readonly List<(long Line, TRecord Record, bool Rejected)> _entries = new(capacity);

    public int Count => _entries.Count;

    public long Line(int index) => _entries[index].Line;

    public TRecord this[int index]
    {
        get => _entries[index].Record;
        set => _entries[index] = _entries[index] with { Record = value };
    }

    public void Add(long line, TRecord record) => _entries.Add((line, record, false));

    public void Reject(int index) => _entries[index] = _entries[index] with { Rejected = true };

    public bool IsRejected(int index) => _entries[index].Rejected;

    /// <summary>The records not rejected.</summary>
    public IEnumerator<(long Line, TRecord Record)> GetEnumerator()
    {
        foreach (var (line, record, rejected) in _entries)
        {
            if (!rejected)
            {
                yield return (line, record);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// An importer of records saved through EF Core, so that the save interceptor stamps and audits each one:
/// per batch, one query finds the external ids already imported (skipped) or already written by this run (an
/// external id repeated in the file), then the new entities are saved and the change tracker cleared.
/// </summary>
public abstract class EntityImporter<TRecord, TEntity> : RecordImporter<TRecord>
    where TEntity : class, IImported
{
    private const int RepeatsNamed = ImportErrorList.Kept;

    // Lines whose external id an earlier batch of this file wrote, named with the first line at the end.
    private readonly Dictionary<string, List<long>> _repeated = new(StringComparer.Ordinal);
    private long _repeatedCount;

    protected abstract ImportColumn ExternalId { get; }

    protected abstract string ExternalIdOf(TRecord record);

    /// <summary>Writing thread: the new entity for a record (marked with <c>ImportedAs</c>); null after reporting why not.</summary>
    protected abstract TEntity? Create(long line, TRecord record, ImportContext context);

    /// <summary>Writing thread, before the batch's entities are created: checks against what is written (unique references).</summary>
    protected virtual Task CheckAsync(ImportBatch<TRecord> batch, ImportContext context, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected sealed override async Task WriteAsync(ImportBatch<TRecord> batch, ImportContext context, CancellationToken cancellationToken)
    {
        await CheckAsync(batch, context, cancellationToken);
        var ids = batch.Select(e => ExternalIdOf(e.Record)).Distinct().ToList();
        var taken = await context.Db.Set<TEntity>().AsNoTracking()
            .Where(e => e.ExternalId != null && ids.Contains(e.ExternalId))
            .Select(e => new { e.ExternalId, e.ImportRunId })
            .ToListAsync(cancellationToken);
        var runOf = taken.ToDictionary(t => t.ExternalId!, t => t.ImportRunId, StringComparer.Ordinal);
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        var written = 0;
        foreach (var (line, record) in batch)
        {
            var id = ExternalIdOf(record);
            if (runOf.TryGetValue(id, out var run))
            {
                if (run != context.RunId)
                {
                    context.Skipped(1);
                }
                else if (++_repeatedCount <= RepeatsNamed)
                {
                    // An earlier batch of this file wrote it: its line is found at the end, reading the file again.
                    (_repeated.TryGetValue(id, out var lines) ? lines : _repeated[id] = []).Add(line);
                }
                else
                {
                    context.Error(line, ExternalId, TextKey("The external id {0} is already on an earlier line of the file."), id);
                }
                continue;
            }
            if (!firstLine.TryAdd(id, line))
            {
                context.Error(line, ExternalId, TextKey("The external id {0} is already on line {1} of the file."), id, firstLine[id]);
                continue;
            }
            if (Create(line, record, context) is { } entity)
            {
                context.Db.Add(entity);
                written++;
            }
        }
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Db.ChangeTracker.Clear();
        context.Written(written);
    }

    protected override Task CompleteAsync(ImportContext context, CancellationToken cancellationToken)
    {
        if (_repeated.Count == 0)
        {
            return Task.CompletedTask;
        }
        var first = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (line, value) in context.Reread(ExternalId))
        {
            if (value is not null && _repeated.ContainsKey(value))
            {
                first.TryAdd(value, line);
            }
        }
        foreach (var (id, lines) in _repeated)
        {
            foreach (var line in lines)
            {
                context.Error(line, ExternalId, TextKey("The external id {0} is already on line {1} of the file."), id, first.GetValueOrDefault(id));
            }
        }
        return Task.CompletedTask;
    }
}
