using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Suivi.Bench.National;

/// <summary>
/// The SQL commands EF Core has sent in this process so far, from its diagnostic events: the number of queries a report
/// costs is what the engine's shape decides, whatever the machine's load.
/// </summary>
internal static class SqlCommandCount
{
    private static long _sent;

    private static readonly IDisposable Subscription = DiagnosticListener.AllListeners.Subscribe(new Listeners());

    public static long Sent
    {
        get
        {
            GC.KeepAlive(Subscription);
            return Interlocked.Read(ref _sent);
        }
    }

    private sealed class Listeners : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new Commands(), name => name == RelationalEventId.CommandExecuting.Name);
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }

    private sealed class Commands : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value) => Interlocked.Increment(ref _sent);

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }
}
