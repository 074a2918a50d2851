using Suivi.Domain;

namespace Suivi.Tests.Domain;

public sealed class BeneficiaryTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static BeneficiaryDetails Details(string firstName = "Ana", string lastName = "Gonçalves", DateOnly? birthDate = null,
        string? email = null, string? language = "pt") =>
        new(firstName, lastName, birthDate, Sex.Female, Region.Centre, language, null, email, null, null);

    [Theory]
    [InlineData("", "Gonçalves", "FirstName")]
    [InlineData("   ", "Gonçalves", "FirstName")]
    [InlineData("Ana", "", "LastName")]
    [InlineData("Ana", "  ", "LastName")]
    public void New_WithoutAName_IsRefusedForThatField(string firstName, string lastName, string field)
    {
        var rule = Assert.Throws<DomainRuleException>(() => new Beneficiary(Details(firstName, lastName)));

        Assert.Equal(field, rule.Field);
    }

    [Fact]
    public void New_WithANameTooLong_IsRefused()
    {
        var rule = Assert.Throws<DomainRuleException>(() => new Beneficiary(Details(lastName: new string('x', 101))));

        Assert.Equal("LastName", rule.Field);
    }

    [Fact]
    public void New_TrimsNamesAndFoldsThemForSearch()
    {
        var person = new Beneficiary(Details("  Ana ", " Gonçalves  "));

        Assert.Equal("Ana Gonçalves", person.FullName);
        Assert.Contains("ana goncalves", person.SearchKey, StringComparison.Ordinal);
        Assert.Contains("goncalves ana", person.SearchKey, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ana.goncalves")]
    [InlineData("ana at example.lu")]
    public void New_WithAnEmailAddressWithoutAt_IsRefused(string email)
    {
        var rule = Assert.Throws<DomainRuleException>(() => new Beneficiary(Details(email: email)));

        Assert.Equal("Email", rule.Field);
    }

    [Fact]
    public void New_WithAValidEmailAddress_KeepsIt() =>
        Assert.Equal("ana@example.lu", new Beneficiary(Details(email: " ana@example.lu ")).Email);

    [Theory]
    [InlineData(null, "fr")]
    [InlineData("", "fr")]
    [InlineData("PT", "pt")]
    public void New_Language_DefaultsToFrenchAndIsLowerCase(string? language, string expected) =>
        Assert.Equal(expected, new Beneficiary(Details(language: language)).Language);

    [Fact]
    public void Update_RefusedChange_KeepsTheFormerValues()
    {
        var person = new Beneficiary(Details());

        Assert.Throws<DomainRuleException>(() => person.Update(Details(lastName: "")));

        Assert.Equal("Gonçalves", person.LastName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-125 * 365)]
    public void CheckBirthDate_InThePast125Years_IsAccepted(int days) =>
        new Beneficiary(Details(birthDate: Today.AddDays(days))).CheckBirthDate(Today);

    [Fact]
    public void CheckBirthDate_WithoutBirthDate_IsAccepted() =>
        new Beneficiary(Details(birthDate: null)).CheckBirthDate(Today);

    [Fact]
    public void CheckBirthDate_InTheFuture_IsRefused()
    {
        var person = new Beneficiary(Details(birthDate: Today.AddDays(1)));

        var rule = Assert.Throws<DomainRuleException>(() => person.CheckBirthDate(Today));

        Assert.Equal("BirthDate", rule.Field);
    }

    [Fact]
    public void CheckBirthDate_MoreThan125YearsAgo_IsRefused()
    {
        var person = new Beneficiary(Details(birthDate: Today.AddYears(-125).AddDays(-1)));

        Assert.Throws<DomainRuleException>(() => person.CheckBirthDate(Today));
    }
}
