using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Suivi.Tests.Infrastructure;

/// <summary>
/// The SQL commands EF Core sends while some work runs, read from EF Core's diagnostic events. Only the commands of
/// that work's own async flow are kept: other test classes run in parallel in the same process.
/// </summary>
public static class SqlCommandLog
{
    private static readonly AsyncLocal<List<string>?> Current = new();

    private static readonly IDisposable Subscription = DiagnosticListener.AllListeners.Subscribe(new Listeners());

    public static async Task<IReadOnlyList<string>> RecordAsync(Func<Task> work)
    {
        GC.KeepAlive(Subscription);
        var commands = new List<string>();
        Current.Value = commands;
        try
        {
            await work();
        }
        finally
        {
            Current.Value = null;
        }
        lock (commands)
        {
            return [.. commands];
        }
    }

    private sealed class Listeners : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new Commands());
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }

    private sealed class Commands : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data && Current.Value is { } commands)
            {
                lock (commands)
                {
                    commands.Add(data.Command.CommandText);
                }
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }
}
