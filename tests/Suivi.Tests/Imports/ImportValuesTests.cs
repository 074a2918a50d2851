using Suivi.Domain;
using Suivi.Infrastructure.Imports;

namespace Suivi.Tests.Imports;

public sealed class ImportValuesTests
{
    [Theory]
    [InlineData("2024-01-05", 2024, 1, 5)]
    [InlineData("05/01/2024", 2024, 1, 5)]
    [InlineData("5/1/2024", 2024, 1, 5)]
    [InlineData("05.01.2024", 2024, 1, 5)]
    [InlineData("2024-01-05 00:00:00", 2024, 1, 5)]
    [InlineData("2024-01-05T00:00:00", 2024, 1, 5)]
    [InlineData("45296", 2024, 1, 5)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("2024-1-5", 2024, 1, 5)]
    public void Dates_AreReadAsSpreadsheetsWriteThem(string text, int year, int month, int day)
    {
        Assert.True(ImportValues.TryDate(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2023-02-29")]
    [InlineData("0000-01-01")]
    [InlineData("2024-1-5x")]
    [InlineData("31/02/2024")]
    [InlineData("yesterday")]
    [InlineData("12")]
    public void NotDates_AreRefused(string text) => Assert.False(ImportValues.TryDate(text, out _));

    [Theory]
    [InlineData("12.5", "12.5")]
    [InlineData("12,5", "12.5")]
    [InlineData("-0,25", "-0.25")]
    public void Decimals_TakeAPointOrAComma(string text, string expected)
    {
        Assert.True(ImportValues.TryDecimal(text, out var number));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), number);
    }

    [Fact]
    public void Lists_AreSplitOnSemicolons_WithoutEmptyEntries() =>
        Assert.Equal(["Paula Reis", "Marc Weber"], ImportValues.List(" Paula Reis ; ;Marc Weber;"));

    [Theory]
    [InlineData(ImportKind.People, "people")]
    [InlineData(ImportKind.CaseFiles, "case-files")]
    [InlineData(ImportKind.CareInsurancePeriods, "care-insurance-periods")]
    public void KindNames_ReadBothWays(ImportKind kind, string name)
    {
        Assert.Equal(name, ImportKinds.Name(kind));
        Assert.True(ImportKinds.TryParse(name, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.True(ImportKinds.TryParse(name.Replace('-', '_').ToUpperInvariant(), out _));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("spaceships")]
    public void UnknownKindNames_AreRefused(string name) => Assert.False(ImportKinds.TryParse(name, out _));

    [Theory]
    [InlineData("09:30", 9, 30, 0)]
    [InlineData("9:30", 9, 30, 0)]
    [InlineData("09:30:15", 9, 30, 15)]
    [InlineData("9:05:00", 9, 5, 0)]
    [InlineData("23:59", 23, 59, 0)]
    public void Times_AreReadInTheFormsExportsWrite(string text, int hour, int minute, int second)
    {
        Assert.True(ImportValues.TryTime(text, out var time));
        Assert.Equal(new TimeOnly(hour, minute, second), time);
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("9:3")]
    [InlineData("09:60")]
    [InlineData("09:30:")]
    [InlineData("09:30:61")]
    [InlineData("0930")]
    [InlineData("nine")]
    public void NotATime_IsRefused(string text) => Assert.False(ImportValues.TryTime(text, out _));
}
