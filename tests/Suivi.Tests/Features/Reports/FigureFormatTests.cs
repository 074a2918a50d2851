using Suivi.Features.Reports;

namespace Suivi.Tests.Features.Reports;

public sealed class FigureFormatTests
{
    [Theory]
    [InlineData(7543, 0, "fr", "7\u202F543")]
    [InlineData(1129.015, 2, "fr", "1\u202F129,02")]
    [InlineData(961543.4999, 0, "fr", "961\u202F543")]
    [InlineData(961543.5, 0, "fr", "961\u202F544")]
    [InlineData(7543, 0, "de", "7.543")]
    [InlineData(1129.02, 2, "de", "1.129,02")]
    [InlineData(7543, 0, "en", "7,543")]
    [InlineData(1129.02, 2, "en", "1,129.02")]
    [InlineData(999, 0, "fr", "999")]
    [InlineData(1000000, 0, "fr", "1\u202F000\u202F000")]
    [InlineData(-2.5, 0, "fr", "-3")]
    [InlineData(-0.004, 2, "fr", "0,00")]
    public void Number_IsRoundedHalfAwayFromZero_AndWrittenInTheLanguage(double value, int decimals, string language, string expected) =>
        Assert.Equal(expected, FigureFormat.Number((decimal)value, decimals, language));

    [Theory]
    [InlineData(0.0357, 1, "fr", "3,6\u00A0%")]
    [InlineData(-0.02814, 1, "fr", "-2,8\u00A0%")]
    [InlineData(0.13542, 0, "fr", "14\u00A0%")]
    [InlineData(0.0357, 1, "de", "3,6\u00A0%")]
    [InlineData(0.0357, 1, "en", "3.6%")]
    public void Percent_IsWrittenAsPublished(double fraction, int decimals, string language, string expected) =>
        Assert.Equal(expected, FigureFormat.Percent((decimal)fraction, decimals, language));

    [Fact]
    public void AMissingFigure_IsASlash()
    {
        Assert.Equal("/", FigureFormat.Number(null, 0, "fr"));
        Assert.Equal("/", FigureFormat.Percent(null, 1, "fr"));
    }

    [Theory]
    [InlineData(7283.0, 7543, 0.035699574)]
    [InlineData(0.0, 12, null)]
    [InlineData(null, 12, null)]
    public void Progression_IsTheChangeOverLastYear(double? last, double current, double? expected)
    {
        var progression = ReportEngine.Progression((decimal?)last, (decimal)current);

        Assert.Equal(expected, progression is { } p ? Math.Round((double)p, 9) : null);
    }
}
