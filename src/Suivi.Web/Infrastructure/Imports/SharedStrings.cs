using System.IO.MemoryMappedFiles;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// A workbook's shared strings, which cells refer to by number. A small table stays in memory; a large one
/// (a sheet of a million distinct external ids) goes to a temporary file read through a memory map, so that
/// memory stays flat whatever the workbook's size.
/// </summary>
internal sealed class SharedStrings : IDisposable
{
    private const long InMemoryChars = 4 * 1024 * 1024;

    private List<string>? _memory = [];
    private long _memoryChars;
    private FileStream? _text;
    private FileStream? _offsets;
    private MemoryMappedFile? _textMap;
    private MemoryMappedViewAccessor? _textView;
    private MemoryMappedFile? _offsetsMap;
    private MemoryMappedViewAccessor? _offsetsView;
    private long _count;

    private SharedStrings()
    {
    }

    public static SharedStrings Read(SharedStringTablePart? part)
    {
        var strings = new SharedStrings();
        if (part is null)
        {
            return strings;
        }
        try
        {
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                {
                    strings.Add(TextOf((SharedStringItem)reader.LoadCurrentElement()!));
                }
            }
            strings.Seal();
            return strings;
        }
        catch
        {
            strings.Dispose();
            throw;
        }
    }

    public string this[int index]
    {
        get
        {
            if (index < 0 || index >= _count)
            {
                return "";
            }
            if (_memory is not null)
            {
                return _memory[index];
            }
            if (_textView is null || _offsetsView is null)
            {
                return "";
            }
            var start = _offsetsView.ReadInt64(index * 8L);
            var end = _offsetsView.ReadInt64((index + 1) * 8L);
            var chars = new char[(end - start) / sizeof(char)];
            _textView.ReadArray(start, chars, 0, chars.Length);
            return new string(chars);
        }
    }

    public void Dispose()
    {
        _textView?.Dispose();
        _textMap?.Dispose();
        _offsetsView?.Dispose();
        _offsetsMap?.Dispose();
        _text?.Dispose();
        _offsets?.Dispose();
    }

    /// <summary>The text of a string item: its plain text, or its formatted runs together (phonetic guides left out).</summary>
    private static string TextOf(SharedStringItem item) =>
        item.Text?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    private void Add(string value)
    {
        if (_memory is not null)
        {
            _memory.Add(value);
            _memoryChars += value.Length;
            _count++;
            if (_memoryChars > InMemoryChars)
            {
                Spill();
            }
            return;
        }
        Append(value);
        _count++;
    }

    private void Spill()
    {
        _text = TemporaryFile();
        _offsets = TemporaryFile();
        var kept = _memory!;
        _memory = null;
        foreach (var value in kept)
        {
            Append(value);
        }
    }

    private void Append(string value)
    {
        Span<byte> offset = stackalloc byte[8];
        BitConverter.TryWriteBytes(offset, _text!.Position);
        _offsets!.Write(offset);
        _text.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(value.AsSpan()));
    }

    private void Seal()
    {
        if (_memory is not null)
        {
            return;
        }
        Append("");
        _text!.Flush();
        _offsets!.Flush();
        _offsetsMap = MemoryMappedFile.CreateFromFile(_offsets, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        _offsetsView = _offsetsMap.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        if (_text.Length > 0)
        {
            _textMap = MemoryMappedFile.CreateFromFile(_text, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            _textView = _textMap.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        }
    }

    private static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), $"suivi-strings-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
}
