using Suivi.Features.Attendance;
using Suivi.Features.Attendance.Housing;

namespace Suivi.Tests.Features.Attendance;

public sealed class OccupancyTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void AStayOfOneDay_CountsThatDay()
    {
        Assert.Equal(1, Occupancy.DaysWithin(new(D(2023, 5, 10), D(2023, 5, 10)), D(2023, 1, 1), D(2023, 12, 31)));
    }

    [Fact]
    public void AStay_CountsItsFirstAndItsLastDay()
    {
        Assert.Equal(10, Occupancy.DaysWithin(new(D(2023, 5, 1), D(2023, 5, 10)), D(2023, 1, 1), D(2023, 12, 31)));
    }

    [Fact]
    public void AStayAcrossNewYear_CountsOnlyItsDaysInTheYear()
    {
        var stay = new Occupancy.Stay(D(2022, 12, 30), D(2023, 1, 2));

        Assert.Equal(2, Occupancy.DaysWithin(stay, D(2022, 1, 1), D(2022, 12, 31)));
        Assert.Equal(2, Occupancy.DaysWithin(stay, D(2023, 1, 1), D(2023, 12, 31)));
    }

    [Fact]
    public void AnOpenStay_CountsUpToTheEndOfThePeriod()
    {
        Assert.Equal(31, Occupancy.DaysWithin(new(D(2023, 12, 1), null), D(2023, 1, 1), D(2023, 12, 31)));
    }

    [Fact]
    public void AStayOutsideThePeriod_CountsNothing()
    {
        Assert.Equal(0, Occupancy.DaysWithin(new(D(2021, 3, 1), D(2022, 12, 31)), D(2023, 1, 1), D(2023, 12, 31)));
        Assert.Equal(0, Occupancy.DaysWithin(new(D(2024, 1, 1), null), D(2023, 1, 1), D(2023, 12, 31)));
    }

    [Theory]
    [InlineData(2023, 365)]
    [InlineData(2024, 366)]
    [InlineData(2000, 366)]
    [InlineData(1900, 365)]
    public void AResidentAllYear_IsOneResidentOnAverage_WhateverTheYearsLength(int year, int days)
    {
        var (from, to) = Periods.Year(year);
        var stays = new[] { new Occupancy.Stay(D(year - 1, 6, 1), null) };

        Assert.Equal(days, Occupancy.Days(from, to));
        Assert.Equal(1m, Occupancy.AverageDaily(stays, from, to));
    }

    [Fact]
    public void TheLeapDay_CountsInALeapYear()
    {
        var stay = new Occupancy.Stay(D(2024, 2, 28), D(2024, 3, 1));

        Assert.Equal(3, Occupancy.DaysWithin(stay, D(2024, 1, 1), D(2024, 12, 31)));
        Assert.Equal([1, 1], Occupancy.PerDay([stay], D(2024, 2, 28), D(2024, 2, 29)));
    }

    [Fact]
    public void AverageDaily_IsResidentDaysDividedByTheDaysOfTheYear()
    {
        // 2024 has 366 days: one resident all year, one for the 31 days of January, one for the 184 days from 1 July.
        var stays = new Occupancy.Stay[] { new(D(2020, 1, 1), null), new(D(2024, 1, 1), D(2024, 1, 31)), new(D(2024, 7, 1), D(2025, 3, 1)) };
        var (from, to) = Periods.Year(2024);

        Assert.Equal((366m + 31m + 184m) / 366m, Occupancy.AverageDaily(stays, from, to));
    }

    [Fact]
    public void AverageDaily_OfAResidentForHalfOfANonLeapYear()
    {
        var (from, to) = Periods.Year(2023);

        Assert.Equal(181m / 365m, Occupancy.AverageDaily([new(D(2023, 1, 1), D(2023, 6, 30))], from, to));
    }

    [Fact]
    public void PerDay_CountsTheResidentsPresentOnEachDay()
    {
        var stays = new Occupancy.Stay[]
        {
            new(D(2023, 12, 30), D(2024, 1, 2)),
            new(D(2024, 1, 2), null),
            new(D(2024, 1, 3), D(2024, 1, 3)),
            new(D(2024, 1, 10), D(2024, 1, 20)),
        };

        var counts = Occupancy.PerDay(stays, D(2023, 12, 31), D(2024, 1, 4));

        Assert.Equal([1, 1, 2, 2, 1], counts);
    }

    [Fact]
    public void PerDay_AddsUpToTheResidentDaysOfTheAverage()
    {
        var stays = new Occupancy.Stay[] { new(D(2023, 11, 15), D(2024, 2, 29)), new(D(2024, 2, 1), null), new(D(2024, 12, 31), null) };
        var (from, to) = Periods.Year(2024);

        var counts = Occupancy.PerDay(stays, from, to);

        Assert.Equal(366, counts.Count);
        Assert.Equal(60 + 335 + 1, counts.Sum());
        Assert.Equal(counts.Sum(), stays.Sum(stay => Occupancy.DaysWithin(stay, from, to)));
        Assert.Equal(2, counts[^1]);
    }

    [Fact]
    public void APeriodEndingBeforeItStarts_IsAMistakeOfTheCaller()
    {
        Assert.Throws<ArgumentException>(() => Occupancy.PerDay([], D(2024, 2, 1), D(2024, 1, 31)));
    }
}
