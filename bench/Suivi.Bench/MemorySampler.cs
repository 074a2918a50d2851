namespace Suivi.Bench;

/// <summary>The highest working set and managed heap seen while a measurement runs, sampled every 20 ms, and the processor time it took.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private bool _stopped;

    public MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Sample();
        _cpuAtStart = Environment.CpuUsage.TotalTime;
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample();
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    private readonly TimeSpan _cpuAtStart;

    public long PeakWorkingSet { get; private set; }

    /// <summary>Processor time this process spent (all threads) until stopped; the database server's is not in it.</summary>
    public TimeSpan ProcessorTime { get; private set; }
    public long PeakManagedHeap { get; private set; }

    private void Sample()
    {
        PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
        PeakManagedHeap = Math.Max(PeakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
    }

    /// <summary>Stops sampling; the peaks stay readable. Disposing again does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        await _stop.CancelAsync();
        await _sampling;
        Sample();
        ProcessorTime = Environment.CpuUsage.TotalTime - _cpuAtStart;
        _stop.Dispose();
    }
}
