using System.Globalization;
using Suivi.Domain;

namespace Suivi.Tests.Domain;

public sealed class StaffMemberTests
{
    [Theory]
    [InlineData("0.123456", 123_456)]
    [InlineData("1", 1_000_000)]
    [InlineData("0.8", 800_000)]
    [InlineData("0", 0)]
    [InlineData("1.5", 1_500_000)]
    public void Fte_WithUpToSixDecimals_IsKeptExactly(string fte, long millionths)
    {
        var exact = decimal.Parse(fte, CultureInfo.InvariantCulture);

        var staff = new StaffMember("Paula", "Reis", Profession.Nurse, exact, null);

        Assert.Equal(millionths, staff.FteMillionths);
        Assert.Equal(exact, staff.Fte);
    }

    [Fact]
    public void Fte_WithSevenDecimals_IsRefusedRatherThanRounded()
    {
        var rule = Assert.Throws<DomainRuleException>(() => new StaffMember("Paula", "Reis", Profession.Nurse, 0.1234567m, null));

        Assert.Equal("Fte", rule.Field);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(-1)]
    [InlineData(1.6)]
    public void Fte_OutsideZeroToOneAndAHalf_IsRefused(double fte) =>
        Assert.Throws<DomainRuleException>(() => new StaffMember("Paula", "Reis", Profession.Nurse, (decimal)fte, null));

    [Fact]
    public void SetFte_RefusedChange_KeepsThePreviousValue()
    {
        var staff = new StaffMember("Paula", "Reis", Profession.Nurse, 0.5m, null);

        Assert.Throws<DomainRuleException>(() => staff.SetFte(0.12345678m));

        Assert.Equal(0.5m, staff.Fte);
    }

    [Fact]
    public void SumOfMillionths_ReproducesThePublishedTotalFromUnroundedParts()
    {
        // 600 part-time staff at 0.599333 FTE: the published total is 359.6, while adding figures
        // rounded per person (0.60) would give 360.0.
        var staff = Enumerable.Range(0, 600)
            .Select(i => new StaffMember("Person", $"N{i}", Profession.CareAide, 0.599333m, null))
            .ToList();

        var total = (decimal)staff.Sum(s => s.FteMillionths) / StaffMember.FteScale;

        Assert.Equal(359.5998m, total);
        Assert.Equal(359.6m, Math.Round(total, 1, MidpointRounding.AwayFromZero));
        Assert.NotEqual(359.6m, staff.Sum(s => Math.Round(s.Fte, 2)));
    }
}
