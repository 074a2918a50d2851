using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using System.Threading.Channels;
using Suivi.Security;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Runs uploaded files' imports in the background, from a bounded queue: one import at a time per
/// organisation, a few at once in all. Keeps each running import's progress for the page that polls it,
/// and deletes the uploaded file when its import ends. Imports still queued or running when the
/// application stops are finished as failed: nothing of them is written.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> logger) : BackgroundService
{
    public const int QueueLength = 16;
    private const int AtOnce = 2;

    private readonly Channel<ImportJob> _queue = Channel.CreateBounded<ImportJob>(QueueLength);
    private readonly ConcurrentDictionary<Guid, byte> _busyOrganisations = new();
    private readonly ConcurrentDictionary<Guid, JobProgress> _progress = new();

    /// <summary>An uploaded file waiting for its import (already started, see <see cref="ImportEngine.StartAsync"/>).</summary>
    public sealed record ImportJob(Guid RunId, Guid OrganisationId, string Slug, string OrganisationName, Guid? UserId, string UserName,
        string FilePath);

    /// <summary>How far a running import has come, and how long it has been running.</summary>
    public sealed record LiveProgress(ImportProgress Progress, TimeSpan Elapsed)
    {
        public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Progress.Rows / Elapsed.TotalSeconds : 0;

        public int Percent => Progress.TotalBytes > 0 ? (int)Math.Min(100, Progress.BytesRead * 100 / Progress.TotalBytes) : 0;
    }

    /// <summary>Takes the organisation's one import place; false while another import of it is queued or running.</summary>
    public bool TryReserve(Guid organisationId) => _busyOrganisations.TryAdd(organisationId, 0);

    /// <summary>Gives the place back when the upload failed before its import was queued.</summary>
    public void Release(Guid organisationId) => _busyOrganisations.TryRemove(organisationId, out _);

    /// <summary>Queues the import; false when the queue is full (the caller then gives the place back).</summary>
    public bool TryEnqueue(ImportJob job)
    {
        _progress[job.RunId] = new JobProgress();
        if (_queue.Writer.TryWrite(job))
        {
            return true;
        }
        _progress.TryRemove(job.RunId, out _);
        return false;
    }

    /// <summary>The progress of a queued or running import; null once it has finished (or was never queued here).</summary>
    public LiveProgress? ProgressOf(Guid runId) => _progress.TryGetValue(runId, out var progress) ? progress.Now() : null;

    /// <summary>
    /// Makes a background scope act in the organisation as the person who started the import: the audit log
    /// names them, and the restricted case files they are named on are found, as during their own request.
    /// </summary>
    public static void ActAs(IServiceProvider scope, Guid organisationId, string slug, string organisationName, Guid? userId, string userName)
    {
        scope.GetRequiredService<CurrentOrganisation>().Enter(organisationId, slug, organisationName, OrganisationRole.OrganisationAdministrator, userId);
        if (userId is { } id)
        {
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(ClaimTypes.Name, userName)], "import");
            scope.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
            {
                User = new ClaimsPrincipal(identity),
                RequestServices = scope,
            };
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var places = new SemaphoreSlim(AtOnce);
        var running = new List<Task>();
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await places.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await RunAsync(job, stoppingToken);
                    }
                    finally
                    {
                        places.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The application stops: running imports see the same token and finish as interrupted.
        }
        await Task.WhenAll(running);
        while (_queue.Reader.TryRead(out var waiting))
        {
            await AbandonAsync(waiting);
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            ActAs(scope.ServiceProvider, job.OrganisationId, job.Slug, job.OrganisationName, job.UserId, job.UserName);
            var engine = scope.ServiceProvider.GetRequiredService<ImportEngine>();
            await using var file = new FileStream(job.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var progress = _progress[job.RunId];
            progress.Start();
            await engine.RunAsync(job.RunId, file, progress, stoppingToken);
        }
#pragma warning disable CA1031 // A job's failure is logged; the engine has finished its run as failed where it could.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            logger.LogError(failure, "Import job {RunId} failed", job.RunId);
        }
        finally
        {
            Forget(job);
        }
    }

    private async Task AbandonAsync(ImportJob job)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            ActAs(scope.ServiceProvider, job.OrganisationId, job.Slug, job.OrganisationName, job.UserId, job.UserName);
            await scope.ServiceProvider.GetRequiredService<ImportEngine>().AbandonAsync(job.RunId);
        }
#pragma warning disable CA1031 // Stopping goes on; the run stays marked as running, which its page explains.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            logger.LogWarning(failure, "Queued import {RunId} could not be marked as interrupted", job.RunId);
        }
        finally
        {
            Forget(job);
        }
    }

    private void Forget(ImportJob job)
    {
        _progress.TryRemove(job.RunId, out _);
        _busyOrganisations.TryRemove(job.OrganisationId, out _);
        try
        {
            File.Delete(job.FilePath);
        }
        catch (IOException failure)
        {
            logger.LogWarning(failure, "The uploaded file of import {RunId} could not be deleted", job.RunId);
        }
    }

    private sealed class JobProgress : IProgress<ImportProgress>
    {
        private readonly Stopwatch _clock = new();
        private ImportProgress _last;

        public void Start()
        {
            lock (_clock)
            {
                _clock.Start();
            }
        }

        public void Report(ImportProgress value)
        {
            lock (_clock)
            {
                _last = value;
            }
        }

        public LiveProgress Now()
        {
            lock (_clock)
            {
                return new LiveProgress(_last, _clock.Elapsed);
            }
        }
    }
}
