using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Reads a CSV file with CsvHelper's parser: UTF-8 with or without byte-order mark (anything else is
/// refused with the line of the first byte that is not UTF-8), ',' or ';' as separator (whichever the
/// header line uses), quoted values across lines. Reports each record at the line it starts on.
/// </summary>
internal sealed class CsvTable : ITabularReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _file;
    private readonly HashingStream _stream;
    private readonly CsvParser _parser;
    private string? _badData;
    private long _lastRow;
    private long _lastRawRow;

    private CsvTable(Stream file, char delimiter)
    {
        _file = file;
        _stream = new HashingStream(file);
        if (HasByteOrderMark(file))
        {
            _stream.ReadExactly(new byte[3]);
        }
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = true,
            BufferSize = 1 << 16,
            BadDataFound = args => _badData ??= args.Field,
        };
        _parser = new CsvParser(new StreamReader(_stream, StrictUtf8, detectEncodingFromByteOrderMarks: false, 1 << 16), configuration);
        Header = ReadHeader();
    }

    public static CsvTable Open(Stream file) => new(file, Delimiter(file));

    public IReadOnlyList<string> Header { get; }

    public long Position => _stream.Position;

    public bool Read(out long line, out string?[] fields, out ImportError? problem)
    {
        while (true)
        {
            _badData = null;
            if (!Next())
            {
                (line, fields, problem) = (_lastRawRow + 1, [], null);
                return false;
            }
            // Row counts records and skipped blank lines, RawRow physical lines up to the record's last one:
            // the record starts one line after the previous one ended, plus the blank lines between them.
            line = _lastRawRow + (_parser.Row - _lastRow);
            (_lastRow, _lastRawRow) = (_parser.Row, _parser.RawRow);
            var count = _parser.Count;
            fields = new string?[count];
            var blank = true;
            for (var i = 0; i < count; i++)
            {
                var value = _parser[i].Trim();
                if (value.Length > 0)
                {
                    fields[i] = value;
                    blank = false;
                }
            }
            // The parser finds bad data as it reads the values, so only now is it known.
            if (_badData is { } bad)
            {
                fields = [];
                problem = new ImportError(line, null, Unclosed(bad)
                    ? TextKey("A quoted value is not closed: the file may have been cut short.")
                    : TextKey("A quotation mark is misplaced: put the whole value in quotes and double the quotation marks inside it."), []);
                return true;
            }
            if (blank)
            {
                continue;
            }
            problem = count == Header.Count
                ? null
                : new ImportError(line, null, TextKey("This line has {0} values where the first line names {1} columns."),
                    [count.ToString(CultureInfo.InvariantCulture), Header.Count.ToString(CultureInfo.InvariantCulture)]);
            return true;
        }
    }

    /// <summary>The SHA-256 of the whole file, reading the rest of it if the reading stopped early.</summary>
    public string Sha256() => _stream.Sha256();

    public void Dispose() => _parser.Dispose();

    private List<string> ReadHeader()
    {
        if (!Next())
        {
            throw TabularFile.Empty();
        }
        (_lastRow, _lastRawRow) = (_parser.Row, _parser.RawRow);
        var header = Enumerable.Range(0, _parser.Count).Select(i => _parser[i].Trim()).ToList();
        if (_badData is not null)
        {
            throw new ImportFileException(1, null, TextKey("A quotation mark is misplaced in the first line."));
        }
        return header;
    }

    private bool Next()
    {
        try
        {
            return _parser.Read();
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
        catch (CsvHelperException e) when (e.InnerException is DecoderFallbackException)
        {
            throw NotUtf8();
        }
    }

    private ImportFileException NotUtf8()
    {
        var line = LineOfFirstInvalidByte(_file);
        return new ImportFileException(line, null, TextKey("The file is not UTF-8 (line {0}): save it as CSV UTF-8 and import it again."),
            line.ToString(CultureInfo.InvariantCulture));
    }

    private static bool Unclosed(string field) => field.StartsWith('"') && field.Count(c => c == '"') % 2 == 1;

    private static bool HasByteOrderMark(Stream file)
    {
        file.Position = 0;
        Span<byte> start = stackalloc byte[3];
        var read = file.ReadAtLeast(start, 3, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF;
    }

    /// <summary>';' when the header line (outside quotes) has more semicolons than commas, ',' otherwise.</summary>
    private static char Delimiter(Stream file)
    {
        var buffer = new byte[1 << 16];
        file.Position = HasByteOrderMark(file) ? 3 : 0;
        var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        file.Position = 0;
        var (commas, semicolons, quoted, anything) = (0, 0, false, false);
        foreach (var b in buffer.AsSpan(0, read))
        {
            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && b is (byte)'\n' or (byte)'\r')
            {
                if (anything)
                {
                    break;
                }
            }
            else if (!quoted && b == ',')
            {
                commas++;
            }
            else if (!quoted && b == ';')
            {
                semicolons++;
            }
            anything |= b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');
        }
        if (!anything)
        {
            throw TabularFile.Empty();
        }
        return semicolons > commas ? ';' : ',';
    }

    /// <summary>The line of the first byte that is not UTF-8, found by decoding the file again from its start.</summary>
    private static long LineOfFirstInvalidByte(Stream file)
    {
        file.Position = 0;
        var decoder = StrictUtf8.GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[bytes.Length + 4];
        long line = 1;
        int read;
        while ((read = file.Read(bytes)) > 0)
        {
            try
            {
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }
            catch (DecoderFallbackException e)
            {
                return line + bytes.AsSpan(0, Math.Clamp(e.Index, 0, read)).Count((byte)'\n');
            }
            line += bytes.AsSpan(0, read).Count((byte)'\n');
        }
        return line;
    }

    /// <summary>Passes the file through, counting and hashing what is read.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            _hash.AppendData(buffer[..read]);
            _position += read;
            return read;
        }

        public string Sha256()
        {
            inner.Position = _position;
            var buffer = new byte[1 << 16];
            while (Read(buffer) > 0)
            {
            }
            return Convert.ToHexStringLower(_hash.GetHashAndReset());
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
