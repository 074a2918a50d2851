using System.Security.Cryptography;
using System.Text;
using ClosedXML.Excel;
using Suivi.Infrastructure.Imports;

namespace Suivi.Tests.Imports;

/// <summary>Reading CSV files and workbooks row by row: lines where a person finds them, values as they were typed.</summary>
public sealed class TabularFileTests
{
    private static List<(long Line, string?[] Fields, ImportError? Problem)> Rows(ITabularReader reader)
    {
        var rows = new List<(long, string?[], ImportError?)>();
        while (reader.Read(out var line, out var fields, out var problem))
        {
            rows.Add((line, fields, problem));
        }
        return rows;
    }

    private static string Values(string?[] fields) => string.Join('|', fields.Select(f => f ?? "(empty)"));

    private static ITabularReader Open(byte[] bytes) => TabularFile.Open(new MemoryStream(bytes));

    [Fact]
    public void Csv_RowsAreNumberedByTheLineTheyStartOn_PastBlankLinesAndValuesOnSeveralLines()
    {
        using var reader = Open(Encoding.UTF8.GetBytes("a,b\r\n1,\"two\r\nlines\"\r\n\r\n\r\n3,\"x\"\"y\"\r\n , \r\n5,z"));

        var rows = Rows(reader);

        Assert.Equal(["a", "b"], reader.Header);
        Assert.Equal([2L, 6L, 8L], rows.Select(r => r.Line));
        Assert.Equal("1|two\r\nlines", Values(rows[0].Fields));
        Assert.Equal("3|x\"y", Values(rows[1].Fields));
    }

    [Fact]
    public void Csv_SeparatorIsTheOneTheHeaderUses_OutsideQuotes()
    {
        using var reader = Open(Encoding.UTF8.GetBytes("\uFEFF\"name, with comma\";b;c\nx;1,5;\n"));

        var row = Assert.Single(Rows(reader));

        Assert.Equal(["name, with comma", "b", "c"], reader.Header);
        Assert.Equal("x|1,5|(empty)", Values(row.Fields));
    }

    [Fact]
    public void Csv_HashIsTheFilesSha256_EvenWhenTheReadingStoppedEarly()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},value {i}\n")));
        using var reader = Open(bytes);
        reader.Read(out _, out _, out _);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), reader.Sha256());
    }

    [Fact]
    public void Csv_NotUtf8_IsRefusedWithTheLineOfTheFirstWrongByte()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,é\n").Concat(Encoding.Latin1.GetBytes("2,é\n")).ToArray();

        // Small files are decoded as a whole when the header is read: the refusal may come as soon as the file is opened.
        var refused = Assert.Throws<ImportFileException>(() =>
        {
            using var reader = Open(bytes);
            Rows(reader);
        });

        Assert.Equal(3, refused.Error.Line);
    }

    [Fact]
    public void Workbook_GivesTextNumbersDatesAndTimes_AsACsvFileWould()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("First");
        workbook.AddWorksheet("Second").Cell(1, 1).Value = "not read";
        sheet.Cell(1, 1).Value = "text";
        sheet.Cell(1, 2).Value = "number";
        sheet.Cell(1, 3).Value = "date";
        sheet.Cell(1, 4).Value = "time";
        sheet.Cell(1, 5).Value = "stamp";
        sheet.Cell(1, 6).Value = "hours";
        sheet.Cell(2, 1).Value = "  Gonçalves ";
        sheet.Cell(2, 2).Value = 12.5;
        sheet.Cell(2, 3).Value = new DateTime(2024, 2, 29);
        sheet.Cell(2, 4).Value = new TimeSpan(9, 30, 0);
        sheet.Cell(2, 5).Value = new DateTime(2024, 2, 29, 18, 45, 10);
        sheet.Cell(2, 6).Value = 1.25;
        sheet.Cell(2, 6).Style.NumberFormat.Format = "[h]:mm";
        sheet.Cell(4, 2).Value = 0.1 + 0.2;
        sheet.Cell(4, 3).Value = 45352;

        using var reader = Open(Save(workbook));
        var rows = Rows(reader);

        Assert.Equal(["text", "number", "date", "time", "stamp", "hours"], reader.Header);
        Assert.Equal([2L, 4L], rows.Select(r => r.Line));
        Assert.Equal("Gonçalves|12.5|2024-02-29|9:30|2024-02-29 18:45:10|30:00", Values(rows[0].Fields));
        Assert.Equal("(empty)|0.3|45352|(empty)|(empty)|(empty)", Values(rows[1].Fields));
    }

    [Fact]
    public void Workbook_WithAValueInAColumnWithoutName_ReportsIt()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("First");
        sheet.Cell(1, 1).Value = "a";
        sheet.Cell(2, 1).Value = "x";
        sheet.Cell(2, 3).Value = "stray";

        using var reader = Open(Save(workbook));
        var row = Assert.Single(Rows(reader));

        Assert.Equal(["C"], row.Problem!.Arguments);
    }

    [Fact]
    public void Workbook_WithManySharedStrings_KeepsThemOnDisk_AndReadsThemBack()
    {
        const int count = 150_000;
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("First");
        sheet.Cell(1, 1).Value = "external_id";
        for (var i = 0; i < count; i++)
        {
            sheet.Cell(i + 2, 1).Value = $"identifier-of-a-delivery-{i:000000}";
        }

        using var reader = Open(Save(workbook));
        var rows = Rows(reader);

        Assert.Equal(count, rows.Count);
        Assert.Equal("identifier-of-a-delivery-000000", rows[0].Fields[0]);
        Assert.Equal($"identifier-of-a-delivery-{count - 1:000000}", rows[^1].Fields[0]);
        Assert.Equal(count + 1, rows[^1].Line);
    }

    private static byte[] Save(XLWorkbook workbook)
    {
        using var file = new MemoryStream();
        workbook.SaveAs(file);
        return file.ToArray();
    }
}
