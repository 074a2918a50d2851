using Suivi.Domain;

namespace Suivi.Tests.Domain;

public sealed class OrganisationTests
{
    [Theory]
    [InlineData("alpha")]
    [InlineData("arc-en-ciel")]
    [InlineData("abri-solidaire-2")]
    [InlineData("a")]
    public void New_WithALowerCaseSlug_KeepsIt(string slug) =>
        Assert.Equal(slug, new Organisation(Guid.CreateVersion7(), "Alpha", slug, OrganisationKind.ChildProtection).Slug);

    [Theory]
    [InlineData("")]
    [InlineData("Alpha")]
    [InlineData("arc en ciel")]
    [InlineData("-alpha")]
    [InlineData("alpha-")]
    [InlineData("arc--en-ciel")]
    [InlineData("mosaïque")]
    [InlineData("alpha/beta")]
    [InlineData("alpha_beta")]
    public void New_WithASlugThatIsNotLowerCaseLettersDigitsAndSingleDashes_IsRefused(string slug)
    {
        var rule = Assert.Throws<DomainRuleException>(() => new Organisation(Guid.CreateVersion7(), "Alpha", slug, OrganisationKind.ChildProtection));

        Assert.Equal("Slug", rule.Field);
    }

    [Fact]
    public void New_WithASlugLongerThanTheDatabaseKeeps_IsRefused() =>
        Assert.Throws<DomainRuleException>(() =>
            new Organisation(Guid.CreateVersion7(), "Alpha", new string('a', 61), OrganisationKind.ChildProtection));

    [Fact]
    public void New_WithoutName_IsRefused() =>
        Assert.Throws<DomainRuleException>(() => new Organisation(Guid.CreateVersion7(), " ", "alpha", OrganisationKind.ChildProtection));
}
