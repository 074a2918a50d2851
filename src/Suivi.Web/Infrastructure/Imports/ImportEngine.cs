using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>What a run found: its counts and the first errors (all of them are counted in <see cref="ErrorCount"/>).</summary>
public sealed record ImportOutcome(Guid RunId, ImportStatus Status, long RowsRead, long RowsWritten, long RowsSkipped,
    long ErrorCount, IReadOnlyList<ImportError> Errors);

/// <summary>
/// Imports a CSV or XLSX file into the organisation the scope acts in: reads every row, checks it, and —
/// unless it is a dry run or any row is wrong — writes them all in one transaction; otherwise nothing is
/// written. A re-import of the same file changes nothing: rows whose external id was imported before are
/// skipped. The run's record (<see cref="ImportRun"/>) is saved before the data transaction begins and
/// finished after it ends, so a failed run keeps its errors.
/// </summary>
public sealed class ImportEngine(SuiviDbContext db, CurrentOrganisation organisation, CurrentUser user, IServiceProvider services,
    TimeProvider clock, ILogger<ImportEngine> logger)
{
    /// <summary>Starts and runs an import at once (command line, benchmark). <paramref name="file"/> must be seekable.</summary>
    public async Task<ImportOutcome> ImportAsync(ImportKind kind, string fileName, Stream file, bool dryRun,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = await StartAsync(kind, fileName, dryRun, cancellationToken);
        return await RunAsync(run.Id, file, progress, cancellationToken);
    }

    /// <summary>The kinds of record that can be imported.</summary>
    public IReadOnlyList<IRecordImporter> Kinds => [.. services.GetServices<IRecordImporter>().OrderBy(i => i.Kind)];

    /// <summary>Records a new run, running, in its own transaction.</summary>
    public async Task<ImportRun> StartAsync(ImportKind kind, string fileName, bool dryRun, CancellationToken cancellationToken)
    {
        if (Kinds.All(k => k.Kind != kind))
        {
            throw new ArgumentException($"No importer for {kind}.", nameof(kind));
        }
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var run = new ImportRun(kind, string.IsNullOrWhiteSpace(name) ? "upload" : name[..Math.Min(name.Length, 260)], dryRun,
            organisation.UserId ?? user.Id, clock.GetUtcNow().UtcDateTime);
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Runs a started import over <paramref name="file"/> (seekable), then finishes its record.</summary>
    public async Task<ImportOutcome> RunAsync(Guid runId, Stream file, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var run = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        if (run.Status != ImportStatus.Running)
        {
            throw new InvalidOperationException("This import has run already.");
        }
        var importer = services.GetServices<IRecordImporter>().Single(i => i.Kind == run.Kind);
        var errors = new ImportErrorList();
        var (read, written, skipped, sha256) = (0L, 0L, 0L, "");
        ITabularReader? reader = null;
        try
        {
            reader = TabularFile.Open(file);
            var fieldOfColumn = Map(reader.Header, importer.Columns, errors);
            if (errors.Count == 0)
            {
                var source = new ImportSource(reader, fieldOfColumn, errors, progress, file.Length);
                try
                {
                    (written, skipped) = await ImportRowsAsync(run, importer, source, file, errors, cancellationToken);
                }
                finally
                {
                    read = source.RowsRead;
                }
            }
        }
        catch (ImportFileException problem)
        {
            errors.Add(problem.Error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.Add(0, null, TextKey("The import was interrupted before its end: nothing was written."));
        }
#pragma warning disable CA1031 // Whatever went wrong, the run is finished as failed, with nothing written, and the cause logged.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            logger.LogError(failure, "Import run {RunId} stopped on an unexpected error", runId);
            errors.Add(0, null, TextKey("The import stopped on an unexpected error: nothing was written. Try again, or tell your administrator."));
        }
        finally
        {
            sha256 = Sha256(reader, file);
            reader?.Dispose();
        }
        return await FinishAsync(runId, sha256, read, written, skipped, errors);
    }

    /// <summary>Finishes a started run that will not run (the application stopped before its turn): failed, nothing written.</summary>
    public Task<ImportOutcome> AbandonAsync(Guid runId)
    {
        var errors = new ImportErrorList();
        errors.Add(0, null, TextKey("The import was interrupted before its end: nothing was written."));
        return FinishAsync(runId, "", 0, 0, 0, errors);
    }

    private async Task<(long Written, long Skipped)> ImportRowsAsync(ImportRun run, IRecordImporter importer, ImportSource source,
        Stream file, ImportErrorList errors, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var codes = await OrganisationCodes.LoadAsync(db, cancellationToken);
        // Lookups read committed records through their own connection while the writing thread holds the transaction.
        await using var lookupScope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        lookupScope.ServiceProvider.GetRequiredService<CurrentOrganisation>()
            .Enter(organisation.Id, organisation.Slug, organisation.Name, organisation.Role, organisation.UserId);
        var lookups = new RecordLookups(lookupScope.ServiceProvider.GetRequiredService<SuiviDbContext>());

        // Disposed after the transaction: the connection's own checks come back once it has committed or rolled back.
        await using var referenceChecks = importer.ChecksReferencesItself ? await SqliteReferenceChecks.SuspendAsync(db, cancellationToken) : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var context = new ImportContext(run.Id, organisation.Id, run.UserId, user.Name, clock.Today(), run.DryRun, db, lookups, codes, errors,
            column => Reread(file, importer.Columns, column));
        await importer.RunAsync(context, source, cancellationToken);
        if (errors.Count == 0 && !run.DryRun)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        return (context.RowsWritten, context.RowsSkipped);
    }

    private async Task<ImportOutcome> FinishAsync(Guid runId, string sha256, long read, long written, long skipped, ImportErrorList errors)
    {
        // Finishing is recorded even when the run was cancelled: the run must not stay "running".
        db.ChangeTracker.Clear();
        var run = await db.ImportRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
        var kept = errors.InOrder();
        run.Finish(sha256, read, written, skipped, errors.Count, kept.Count == 0 ? null : ImportErrorList.ToJson(kept), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(CancellationToken.None);
        return new ImportOutcome(run.Id, run.Status, run.RowsRead, run.RowsWritten, run.RowsSkipped, run.ErrorCount, kept);
    }

    /// <summary>
    /// Which field of the file's rows holds each of the kind's columns (-1: none). Every unknown, repeated or
    /// missing column is reported, before any row is read.
    /// </summary>
    private static int[] Map(IReadOnlyList<string> header, ImportColumns columns, ImportErrorList errors)
    {
        var fieldOfColumn = Enumerable.Repeat(-1, columns.Count).ToArray();
        // Excel writes separators for empty columns at the end of a sheet: unnamed columns at the end mean nothing.
        var named = header.Count;
        while (named > 0 && header[named - 1].Length == 0)
        {
            named--;
        }
        for (var field = 0; field < named; field++)
        {
            var name = header[field];
            if (name.Length == 0)
            {
                errors.Add(1, null, TextKey("Column {0} has no name in the first line."), field + 1);
            }
            else if (columns.Find(name) is not { } column)
            {
                errors.Add(1, null, TextKey("Unknown column {0}: the columns are {1}."), name, string.Join(", ", columns.Select(c => c.Name)));
            }
            else if (fieldOfColumn[column.Index] >= 0)
            {
                errors.Add(1, column, TextKey("The column {0} appears twice in the first line."), column.Name);
            }
            else
            {
                fieldOfColumn[column.Index] = field;
            }
        }
        foreach (var column in columns.Where(c => c.Required && fieldOfColumn[c.Index] < 0))
        {
            errors.Add(1, column, TextKey("The column {0} is missing: it is required."), column.Name);
        }
        return fieldOfColumn;
    }

    private static IEnumerable<(long Line, string? Value)> Reread(Stream file, ImportColumns columns, ImportColumn column)
    {
        using var reader = TabularFile.Open(file);
        var fieldOfColumn = Map(reader.Header, columns, new ImportErrorList());
        while (reader.Read(out var line, out var fields, out var problem))
        {
            if (problem is null)
            {
                yield return (line, new ImportRow(line, fields, fieldOfColumn)[column]);
            }
        }
    }

    private static string Sha256(ITabularReader? reader, Stream file)
    {
        try
        {
            if (reader is not null)
            {
                return reader.Sha256();
            }
            file.Position = 0;
            return Convert.ToHexStringLower(SHA256.HashData(file));
        }
        catch (IOException)
        {
            return "";
        }
    }
}
