using System.Text;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using static Suivi.Tests.Features.Imports.ImportFiles;

namespace Suivi.Tests.Features.Imports;

/// <summary>A file that cannot be read as it should — wrong encoding, cut short, wrong columns — gets one clear message, and nothing is written.</summary>
public sealed class FileProblemTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public async Task Latin1File_IsRefusedAsNotUtf8_NamingTheLine()
    {
        var before = await app.PeopleAsync();
        var file = Encoding.Latin1.GetBytes(string.Join("\n", PeopleHeader, "L-1,Ana,Silva,,,,,,,,", "L-2,Jürgen,Müller,,,,,,,,", "L-3,Rui,Costa,,,,,,,,") + "\n");

        var outcome = await app.ImportAsync(ImportKind.People, file);

        var error = outcome.HasError(3, null, "The file is not UTF-8 (line {0}): save it as CSV UTF-8 and import it again.");
        Assert.Equal(["3"], error.Arguments);
        Assert.Equal(ImportStatus.Failed, outcome.Status);
        Assert.Equal(before, await app.PeopleAsync());
    }

    [Fact]
    public async Task NotUtf8_FarIntoALargeFile_IsFoundAtItsLine_AndNothingIsWritten()
    {
        var before = await app.PeopleAsync();
        var lines = Enumerable.Range(1, 5000).Select(i => $"N-{i},Ana,Silva{i},,,,,,,,").Prepend(PeopleHeader).ToList();
        var file = Encoding.UTF8.GetBytes(string.Join("\n", lines.Take(4000)) + "\n")
            .Concat(Encoding.Latin1.GetBytes("N-x,Zoé,Müller,,,,,,,,\n"))
            .Concat(Encoding.UTF8.GetBytes(string.Join("\n", lines.Skip(4000)) + "\n")).ToArray();

        var outcome = await app.ImportAsync(ImportKind.People, file);

        outcome.HasError(4001, null, "The file is not UTF-8 (line {0}): save it as CSV UTF-8 and import it again.");
        Assert.Equal(before, await app.PeopleAsync());
    }

    [Fact]
    public async Task CsvCutShortInsideAQuotedValue_IsRefused_NamingTheLine()
    {
        var before = await app.PeopleAsync();
        var file = Csv(PeopleHeader, "Q-1,Ana,Silva,,,,,,,,", "Q-2,Rui,Costa,,,,,,,\"2, rue de");

        var outcome = await app.ImportAsync(ImportKind.People, file);

        outcome.HasError(3, null, "A quoted value is not closed: the file may have been cut short.");
        Assert.Equal(before, await app.PeopleAsync());
    }

    [Fact]
    public async Task MisplacedQuote_IsReported_AtItsLine()
    {
        var outcome = await app.ImportAsync(ImportKind.People, Csv(PeopleHeader, "Z-1,Ana,Sil\"va,,,,,,,,", "Z-2,Rui,Costa,,,,,,,,"), dryRun: true);

        outcome.HasError(2, null, "A quotation mark is misplaced: put the whole value in quotes and double the quotation marks inside it.");
        Assert.Equal(1, outcome.ErrorCount);
    }

    [Fact]
    public async Task LineWithTooManyValues_IsReported()
    {
        var outcome = await app.ImportAsync(ImportKind.People, Csv(PeopleHeader, "V-1,Ana,Silva,,,,,,,,,extra"), dryRun: true);

        Assert.Equal(["12", "11"], outcome.HasError(2, null, "This line has {0} values where the first line names {1} columns.").Arguments);
    }

    [Fact]
    public async Task WorkbookCutShort_IsRefused()
    {
        var before = await app.PeopleAsync();
        var workbook = Xlsx(sheet =>
        {
            var columns = PeopleHeader.Split(',');
            for (var c = 0; c < columns.Length; c++)
            {
                sheet.Cell(1, c + 1).Value = columns[c];
            }
            for (var r = 2; r < 200; r++)
            {
                sheet.Cell(r, 1).Value = $"X-{r}";
                sheet.Cell(r, 2).Value = "Ana";
                sheet.Cell(r, 3).Value = $"Silva {r}";
            }
        });

        var outcome = await app.ImportAsync(ImportKind.People, workbook[..(workbook.Length * 2 / 3)], fileName: "people.xlsx");

        outcome.HasError(0, null, "The XLSX file is damaged or cut short: it cannot be opened.");
        Assert.Equal(before, await app.PeopleAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n\n  \n")]
    public async Task EmptyFile_IsRefused(string text)
    {
        var outcome = await app.ImportAsync(ImportKind.People, Encoding.UTF8.GetBytes(text));

        outcome.HasError(1, null, "The file is empty: its first line must name the columns.");
    }

    [Fact]
    public async Task FileWithTheHeaderOnly_ImportsNothing_WithoutError()
    {
        var outcome = await app.ImportAsync(ImportKind.People, Csv(PeopleHeader));

        outcome.Succeeded();
        Assert.Equal(0, outcome.RowsRead);
    }

    [Fact]
    public async Task UnknownColumn_IsNamed_BeforeAnyRowIsRead()
    {
        var outcome = await app.ImportAsync(ImportKind.People, Csv("external_id,first_name,last_name,nickname", "U-1,Ana,Silva,Nini"));

        var error = outcome.HasError(1, null, "Unknown column {0}: the columns are {1}.");
        Assert.Equal("nickname", error.Arguments[0]);
        Assert.Equal((1L, 0L), (outcome.ErrorCount, outcome.RowsRead));
    }

    [Fact]
    public async Task MissingRequiredColumn_IsNamed_BeforeAnyRowIsRead()
    {
        var outcome = await app.ImportAsync(ImportKind.People, Csv("external_id,first_name", "U-2,Ana"));

        Assert.Equal(["last_name"], outcome.HasError(1, "last_name", "The column {0} is missing: it is required.").Arguments);
        Assert.Equal(0, outcome.RowsRead);
    }

    [Fact]
    public async Task ColumnNamedTwice_IsNamed()
    {
        var outcome = await app.ImportAsync(ImportKind.People, Csv("external_id,first_name,last_name,FIRST_NAME", "U-3,Ana,Silva,Anna"));

        outcome.HasError(1, "first_name", "The column {0} appears twice in the first line.");
    }

    [Fact]
    public async Task OldExcelFile_IsRefused_WithWhatToDo()
    {
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        var outcome = await app.ImportAsync(ImportKind.People, xls, fileName: "people.xls");

        outcome.HasError(0, null, "Old Excel files (.xls) cannot be read: save the file as .xlsx or as CSV UTF-8.");
    }

    [Fact]
    public async Task FailedRun_KeepsItsRecordAndErrors()
    {
        var outcome = await app.ImportAsync(ImportKind.People, Csv("external_id,first_name", "U-4,Ana"));

        var run = await app.InAlphaAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ImportRuns, r => r.Id == outcome.RunId));
        Assert.Equal((ImportStatus.Failed, 1L), (run.Status, run.ErrorCount));
        Assert.Contains("last_name", run.Errors, StringComparison.Ordinal);
        Assert.Equal(64, run.Sha256.Length);
        Assert.NotNull(run.FinishedAt);
    }
}
