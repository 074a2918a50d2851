namespace Suivi.Infrastructure.Imports;

/// <summary>
/// One line of a file (one row of a worksheet) with its values under the kind's columns: trimmed, and
/// null when the cell is empty or the file has no such column.
/// </summary>
public sealed class ImportRow(long line, string?[] fields, int[] fieldOfColumn)
{
    /// <summary>The line in the file, header included, counted from 1 (for a worksheet, the row number).</summary>
    public long Line { get; } = line;

    public string? this[ImportColumn column] =>
        fieldOfColumn[column.Index] is >= 0 and var field && field < fields.Length ? fields[field] : null;
}
