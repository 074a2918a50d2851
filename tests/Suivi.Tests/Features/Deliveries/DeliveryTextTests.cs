using Suivi.Features.Deliveries;

namespace Suivi.Tests.Features.Deliveries;

public sealed class DeliveryTextTests
{
    [Theory]
    [InlineData("2026-W47", "2026-11-16")]
    [InlineData("2026-w01", "2025-12-29")]
    [InlineData("2020-W53", "2020-12-28")]
    public void Week_IsReadAsItsMonday(string week, string monday)
    {
        Assert.True(DeliveryText.TryReadWeek(week, out var read));
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), read);
        Assert.Equal(week.ToUpperInvariant(), DeliveryText.Week(read));
    }

    [Theory]
    [InlineData("2026-W54")]
    [InlineData("2026-W00")]
    [InlineData("2026-47")]
    [InlineData("")]
    public void Week_ThatDoesNotExist_IsNotRead(string week) => Assert.False(DeliveryText.TryReadWeek(week, out _));

    [Theory]
    [InlineData(5400)]
    [InlineData(4800)]
    [InlineData(2700)]
    [InlineData(900)]
    [InlineData(86400)]
    [InlineData(3607)]
    public void HoursShownForEditing_AreReadBackToTheSameSeconds(int seconds)
    {
        foreach (var culture in new[] { "fr-FR", "de-LU", "en-GB" })
        {
            var reader = System.Globalization.CultureInfo.CurrentCulture;
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(culture);
            try
            {
                var text = DeliveryText.EditableHours(seconds);
                Assert.True(DeliveryText.TryReadDuration(text, seconds, out var duration), $"{seconds} s shown as \"{text}\" in {culture}");
                Assert.Equal(seconds, (int)duration.TotalSeconds);
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = reader;
            }
        }
    }

    [Fact]
    public void HoursShownForEditing_AreExactDecimals_OrHoursAndMinutes()
    {
        var reader = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
        try
        {
            Assert.Equal(["1,5", "1:20", "0,25", "24"], new[] { 5400, 4800, 900, 86400 }.Select(DeliveryText.EditableHours));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = reader;
        }
    }

    [Theory]
    [InlineData("9:30", 9, 30)]
    [InlineData("09:30", 9, 30)]
    [InlineData("9h30", 9, 30)]
    [InlineData("14H", 14, 0)]
    [InlineData("7", 7, 0)]
    public void StartTime_IsReadAsPeopleTypeIt(string text, int hour, int minute)
    {
        Assert.True(DeliveryText.TryReadStartTime(text, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("9:7")]
    [InlineData("neuf")]
    public void StartTime_ThatIsNoTime_IsNotRead(string text) => Assert.False(DeliveryText.TryReadStartTime(text, out _));
}
