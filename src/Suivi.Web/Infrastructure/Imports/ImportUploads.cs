using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Takes an uploaded file to its import: keeps the organisation's one import place, streams the file to a
/// temporary file (never into memory), records the run and queues it for <see cref="ImportJobs"/>. Shared by
/// the API (script and browser uploads) and the page's plain form.
/// </summary>
public sealed class ImportUploads(ImportEngine engine, ImportJobs jobs, CurrentOrganisation organisation, CurrentUser user)
{
    /// <summary>The largest file accepted: a few million rows.</summary>
    public const long MaxBytes = 2L * 1024 * 1024 * 1024;

    public enum Refusal
    {
        None,
        Busy,
        QueueFull,
        Empty,
    }

    public sealed record Outcome(Guid? RunId, Refusal Refusal);

    public static string Folder => Path.Combine(Path.GetTempPath(), "suivi-imports");

    /// <summary>The kinds of import this version offers, in the order of <see cref="ImportKind"/>.</summary>
    public IReadOnlyList<IRecordImporter> Kinds => engine.Kinds;

    public async Task<Outcome> AcceptAsync(ImportKind kind, bool dryRun, string fileName, Func<Stream, CancellationToken, Task> copy,
        CancellationToken cancellationToken)
    {
        if (!jobs.TryReserve(organisation.Id))
        {
            return new Outcome(null, Refusal.Busy);
        }
        var path = Path.Combine(Directory.CreateDirectory(Folder).FullName, $"{Guid.NewGuid():N}.upload");
        var queued = false;
        try
        {
            long length;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await copy(file, cancellationToken);
                length = file.Length;
            }
            if (length == 0)
            {
                return new Outcome(null, Refusal.Empty);
            }
            var run = await engine.StartAsync(kind, fileName, dryRun, cancellationToken);
            queued = jobs.TryEnqueue(new ImportJobs.ImportJob(run.Id, organisation.Id, organisation.Slug, organisation.Name,
                organisation.UserId ?? user.Id, user.Name, path));
            if (!queued)
            {
                await engine.AbandonAsync(run.Id);
                return new Outcome(null, Refusal.QueueFull);
            }
            return new Outcome(run.Id, Refusal.None);
        }
        finally
        {
            if (!queued)
            {
                jobs.Release(organisation.Id);
                File.Delete(path);
            }
        }
    }
}
