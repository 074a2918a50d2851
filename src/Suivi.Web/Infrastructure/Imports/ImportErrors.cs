using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// What is wrong and where: the line (counted from 1, header included; 0 for the file as a whole), the
/// column, and the reason as an English text key whose {0}, {1}… are filled from <see cref="Arguments"/>,
/// so that each reader sees it in their own language.
/// </summary>
public sealed record ImportError(long Line, string? Column, string Reason, IReadOnlyList<string> Arguments)
{
    public string Describe(IStringLocalizer localizer) => localizer[Reason, [.. Arguments]];
}

/// <summary>A problem with the file itself (not UTF-8, cut short, a missing column) that stops the reading.</summary>
public sealed class ImportFileException(long line, string? column, string reason, params string[] arguments)
    : Exception(reason)
{
    public ImportError Error { get; } = new(line, column, reason, arguments);
}

/// <summary>
/// Every error of a run, from both the reading and the writing thread: all are counted, the
/// <see cref="Kept"/> ones with the lowest line numbers are kept in detail.
/// </summary>
public sealed class ImportErrorList
{
    public const int Kept = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _lock = new();

    // The kept errors with the highest line on top, so that an earlier line can replace it.
    private readonly PriorityQueue<ImportError, (long Line, long Order)> _kept =
        new(Comparer<(long Line, long Order)>.Create((a, b) => b.CompareTo(a)));

    private long _count;

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public void Add(ImportError error)
    {
        lock (_lock)
        {
            var order = _count++;
            if (_kept.Count < Kept)
            {
                _kept.Enqueue(error, (error.Line, order));
            }
            else if (_kept.TryPeek(out _, out var last) && (error.Line, order).CompareTo(last) < 0)
            {
                _kept.EnqueueDequeue(error, (error.Line, order));
            }
        }
    }

    public void Add(long line, ImportColumn? column, string reason, params object[] arguments) =>
        Add(new ImportError(line, column?.Name, reason, [.. arguments.Select(Text)]));

    /// <summary>The kept errors by line, then in the order they were found.</summary>
    public IReadOnlyList<ImportError> InOrder()
    {
        lock (_lock)
        {
            return _kept.UnorderedItems.OrderBy(e => e.Priority.Line).ThenBy(e => e.Priority.Order).Select(e => e.Element).ToList();
        }
    }

    public static string ToJson(IReadOnlyList<ImportError> errors) => JsonSerializer.Serialize(errors, Json);

    public static IReadOnlyList<ImportError> FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<ImportError>>(json, Json) ?? [];

    /// <summary>Values quoted in messages are written as in the file's conventions: invariant numbers, ISO dates.</summary>
    private static string Text(object value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
