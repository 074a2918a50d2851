namespace Suivi.Infrastructure.Imports;

/// <summary>A file read one row at a time: a CSV file or the first worksheet of an XLSX workbook.</summary>
public interface ITabularReader : IDisposable
{
    /// <summary>The header: the names in the first line (first row), trimmed.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>How far the reading has come in the file, in bytes, for progress.</summary>
    long Position { get; }

    /// <summary>
    /// The next row that holds anything (blank lines are passed over), its values in the file's column order,
    /// trimmed, empty ones null; false at the end. A row the file's structure spoils (a misplaced quote) comes
    /// back with <paramref name="problem"/> set and no values. Problems that stop the reading are thrown as
    /// <see cref="ImportFileException"/>.
    /// </summary>
    bool Read(out long line, out string?[] fields, out ImportError? problem);

    /// <summary>The SHA-256 of the whole file, in lower-case hexadecimal.</summary>
    string Sha256();
}

/// <summary>Opens a file as CSV or XLSX, told apart by its first bytes rather than by its name.</summary>
public static class TabularFile
{
    public static ITabularReader Open(Stream file)
    {
        if (!file.CanSeek || !file.CanRead)
        {
            throw new ArgumentException("An import reads a file it can seek in (it reads some parts twice).", nameof(file));
        }
        file.Position = 0;
        Span<byte> start = stackalloc byte[4];
        var read = file.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        file.Position = 0;
        if (read == 0)
        {
            throw Empty();
        }
        if (read == 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4)
        {
            return XlsxTable.Open(file);
        }
        if (read == 4 && start[0] == 0xD0 && start[1] == 0xCF && start[2] == 0x11 && start[3] == 0xE0)
        {
            throw new ImportFileException(0, null, ImportText.TextKey("Old Excel files (.xls) cannot be read: save the file as .xlsx or as CSV UTF-8."));
        }
        return CsvTable.Open(file);
    }

    public static ImportFileException Empty() =>
        new(1, null, ImportText.TextKey("The file is empty: its first line must name the columns."));
}

/// <summary>Marks English texts chosen in code and translated when shown (the translation check finds them).</summary>
public static class ImportText
{
    public static string TextKey(string english) => english;
}
