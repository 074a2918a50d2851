using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Reads the first worksheet of an XLSX workbook with the Open XML SDK's forward-only reader, one row at a
/// time, so a sheet of a million rows is never held in memory. Cells come back as text, the way a CSV file
/// would give them: shared and inline strings as written, numbers in invariant notation, and numbers that
/// the cell's format shows as dates or times as "2024-01-05", "2024-01-05 09:30:00" or "9:30" (hours past
/// 24 kept, so a duration formatted [h]:mm reads "30:00").
/// </summary>
internal sealed class XlsxTable : ITabularReader
{
    private readonly Stream _file;
    private readonly SpreadsheetDocument _document;
    private readonly SharedStrings _strings;
    private readonly CellFormat[] _formats;
    private readonly OpenXmlReader _sheet;
    private long _row;

    private XlsxTable(Stream file, SpreadsheetDocument document, WorksheetPart sheet)
    {
        _file = file;
        _document = document;
        var workbook = document.WorkbookPart!;
        _strings = SharedStrings.Read(workbook.SharedStringTablePart);
        _formats = CellFormats(workbook.WorkbookStylesPart?.Stylesheet);
        _sheet = OpenXmlReader.Create(sheet);
        Header = ReadHeader();
    }

    public static XlsxTable Open(Stream file)
    {
        SpreadsheetDocument? document = null;
        try
        {
            document = SpreadsheetDocument.Open(file, isEditable: false);
            var workbook = document.WorkbookPart ?? throw Damaged();
            var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw TabularFile.Empty();
            if (first.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart sheet)
            {
                throw new ImportFileException(0, null, TextKey("The first sheet of the workbook is not a worksheet."));
            }
            return new XlsxTable(file, document, sheet);
        }
        catch (Exception e) when (e is not ImportFileException && IsDamage(e))
        {
            document?.Dispose();
            throw Damaged();
        }
        catch
        {
            document?.Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> Header { get; }

    public long Position => _file.Position;

    public bool Read(out long line, out string?[] fields, out ImportError? problem)
    {
        problem = null;
        while (NextRow(out line, out var cells))
        {
            if (cells.Count == 0)
            {
                continue;
            }
            fields = new string?[Math.Max(Header.Count, cells.Max(c => c.Column) + 1)];
            foreach (var (column, value) in cells)
            {
                fields[column] = value;
            }
            if (fields.Length > Header.Count)
            {
                problem = new ImportError(line, null, TextKey("This row has a value in column {0}, which the first row does not name."),
                    [ColumnName(fields.Length - 1)]);
            }
            return true;
        }
        fields = [];
        return false;
    }

    public string Sha256()
    {
        var position = _file.Position;
        _file.Position = 0;
        var hash = Convert.ToHexStringLower(SHA256.HashData(_file));
        _file.Position = position;
        return hash;
    }

    public void Dispose()
    {
        _sheet.Dispose();
        _strings.Dispose();
        _document.Dispose();
    }

    private List<string> ReadHeader()
    {
        while (NextRow(out _, out var cells))
        {
            if (cells.Count == 0)
            {
                continue;
            }
            var header = new string[cells.Max(c => c.Column) + 1];
            Array.Fill(header, "");
            foreach (var (column, value) in cells)
            {
                header[column] = value;
            }
            return [.. header];
        }
        throw TabularFile.Empty();
    }

    /// <summary>The next row element and its non-empty cells; false at the end of the sheet.</summary>
    private bool NextRow(out long line, out List<(int Column, string Value)> cells)
    {
        cells = [];
        try
        {
            while (_sheet.Read())
            {
                if (_sheet.ElementType == typeof(Row) && _sheet.IsStartElement)
                {
                    _row = Attribute(_sheet, "r") is { } r && long.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                        ? number
                        : _row + 1;
                    line = _row;
                    ReadCells(cells);
                    return true;
                }
            }
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new ImportFileException(_row + 1, null, TextKey("The worksheet is damaged from row {0} on: the file may have been cut short."),
                (_row + 1).ToString(CultureInfo.InvariantCulture));
        }
        line = _row + 1;
        return false;
    }

    private void ReadCells(List<(int Column, string Value)> cells)
    {
        var next = 0;
        while (_sheet.Read())
        {
            if (_sheet.ElementType == typeof(Row) && _sheet.IsEndElement)
            {
                return;
            }
            if (_sheet.ElementType != typeof(Cell) || !_sheet.IsStartElement)
            {
                continue;
            }
            string? reference = null, type = null, style = null;
            foreach (var attribute in _sheet.Attributes)
            {
                switch (attribute.LocalName)
                {
                    case "r":
                        reference = attribute.Value;
                        break;
                    case "t":
                        type = attribute.Value;
                        break;
                    case "s":
                        style = attribute.Value;
                        break;
                }
            }
            var column = reference is null ? next : ColumnIndex(reference);
            next = column + 1;
            var raw = CellText();
            if (raw is null)
            {
                continue;
            }
            var value = type switch
            {
                "s" => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? _strings[index] : raw,
                "inlineStr" or "str" or "e" or "d" => raw,
                "b" => raw == "1" ? "TRUE" : "FALSE",
                _ => Number(raw, style),
            };
            value = value.Trim();
            if (value.Length > 0)
            {
                cells.Add((column, value));
            }
        }
    }

    /// <summary>The text of the cell being read (its value or its inline string), reading up to the cell's end.</summary>
    private string? CellText()
    {
        string? text = null;
        while (_sheet.Read())
        {
            if (_sheet.ElementType == typeof(Cell) && _sheet.IsEndElement)
            {
                break;
            }
            if (_sheet.IsStartElement && (_sheet.ElementType == typeof(CellValue) || _sheet.ElementType == typeof(Text)))
            {
                text = text is null ? _sheet.GetText() : text + _sheet.GetText();
            }
        }
        return text;
    }

    private string Number(string raw, string? style)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return raw;
        }
        var format = style is not null && int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < _formats.Length
            ? _formats[s]
            : CellFormat.Number;
        if (format != CellFormat.Number && number is >= 0 and < 2958466)
        {
            var seconds = (long)Math.Round(number * 86400, MidpointRounding.AwayFromZero);
            var day = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(number)));
            var time = TimeSpan.FromSeconds(seconds % 86400);
            switch (format)
            {
                case CellFormat.Date:
                    return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                case CellFormat.DateTime:
                    return string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd} {time:hh\\:mm\\:ss}");
                case CellFormat.Time:
                    var (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
                    return rest == 0
                        ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}")
                        : string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{rest:00}");
            }
        }
        // Excel keeps binary doubles: 15 significant digits give back what was typed (12.5, not 12.4999999…).
        try
        {
            return ((decimal)number).ToString(CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            return raw;
        }
    }

    private enum CellFormat
    {
        Number,
        Date,
        DateTime,
        Time,
    }

    /// <summary>What each cell style shows numbers as, from the built-in number formats and the workbook's own.</summary>
    private static CellFormat[] CellFormats(Stylesheet? styles)
    {
        var custom = styles?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? "") ?? [];
        return styles?.CellFormats?.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>()
            .Select(xf => xf.NumberFormatId?.Value is { } id ? Kind(id, custom.GetValueOrDefault(id)) : CellFormat.Number)
            .ToArray() ?? [];
    }

    private static CellFormat Kind(uint id, string? code) => id switch
    {
        >= 14 and <= 17 or >= 27 and <= 36 or >= 50 and <= 58 when code is null => CellFormat.Date,
        >= 18 and <= 21 or >= 45 and <= 47 when code is null => CellFormat.Time,
        22 when code is null => CellFormat.DateTime,
        _ when code is not null => Kind(code),
        _ => CellFormat.Number,
    };

    /// <summary>Classifies a format code by its date and time letters, outside quoted text, escapes and [colour] blocks.</summary>
    private static CellFormat Kind(string code)
    {
        var (date, time, month) = (false, false, false);
        for (var i = 0; i < code.Length; i++)
        {
            var c = char.ToLowerInvariant(code[i]);
            switch (c)
            {
                case '"':
                    i = code.IndexOf('"', i + 1) is var end and >= 0 ? end : code.Length;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case '[':
                    var close = code.IndexOf(']', i + 1);
                    var inside = close > i ? code[(i + 1)..close].ToLowerInvariant() : "";
                    time |= inside is "h" or "hh" or "m" or "mm" or "s" or "ss";
                    i = close > i ? close : code.Length;
                    break;
                case ';':
                    // Only the first section (positive numbers) decides.
                    i = code.Length;
                    break;
                case 'y' or 'd':
                    date = true;
                    break;
                case 'h' or 's':
                    time = true;
                    break;
                case 'm':
                    month = true;
                    break;
            }
        }
        return (date || (month && !time), time) switch
        {
            (true, true) => CellFormat.DateTime,
            (true, false) => CellFormat.Date,
            (false, true) => CellFormat.Time,
            _ => CellFormat.Number,
        };
    }

    private static string? Attribute(OpenXmlReader reader, string name)
    {
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.LocalName == name)
            {
                return attribute.Value;
            }
        }
        return null;
    }

    /// <summary>"C5" → 2.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }
            index = (index * 26) + (c - 'A' + 1);
        }
        return Math.Max(0, index - 1);
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }
        return name;
    }

    private static bool IsDamage(Exception e) =>
        e is XmlException or InvalidDataException or IOException or OpenXmlPackageException or InvalidOperationException
            or FormatException or ArgumentException;

    private static ImportFileException Damaged() =>
        new(0, null, TextKey("The XLSX file is damaged or cut short: it cannot be opened."));
}
