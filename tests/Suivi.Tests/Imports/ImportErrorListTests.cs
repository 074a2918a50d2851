using Suivi.Infrastructure.Imports;

namespace Suivi.Tests.Imports;

public sealed class ImportErrorListTests
{
    [Fact]
    public void EveryErrorIsCounted_TheOnesOfTheFirstLinesAreKept_InLineOrder()
    {
        var errors = new ImportErrorList();
        // The writing thread reports earlier lines after the reading thread reported later ones.
        for (var line = 3000L; line >= 2; line--)
        {
            errors.Add(line, null, "Reason {0}.", line);
        }

        var kept = errors.InOrder();

        Assert.Equal(2999, errors.Count);
        Assert.Equal(ImportErrorList.Kept, kept.Count);
        Assert.Equal(Enumerable.Range(2, ImportErrorList.Kept).Select(l => (long)l), kept.Select(e => e.Line));
    }

    [Fact]
    public void ErrorsOfOneLine_KeepTheOrderTheyWereFoundIn_AndSurviveJson()
    {
        var errors = new ImportErrorList();
        errors.Add(5, new ImportColumn(0, "hours", true, ""), "Second {0}.", 1.5m);
        errors.Add(2, null, "First.");
        errors.Add(5, new ImportColumn(1, "date", true, ""), "Third {0}.", new DateOnly(2024, 1, 5));

        var read = ImportErrorList.FromJson(ImportErrorList.ToJson(errors.InOrder()));

        Assert.Equal(["First.", "Second {0}.", "Third {0}."], read.Select(e => e.Reason));
        Assert.Equal(["1.5"], read[1].Arguments);
        Assert.Equal(["2024-01-05"], read[2].Arguments);
        Assert.Equal("hours", read[1].Column);
    }
}
