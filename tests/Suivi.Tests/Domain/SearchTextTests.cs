using Suivi.Domain;

namespace Suivi.Tests.Domain;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Gonçalves", "goncalves")]
    [InlineData("GONÇALVES", "goncalves")]
    [InlineData("Müller", "muller")]
    [InlineData("Lefèvre", "lefevre")]
    [InlineData("Kovačević", "kovacevic")]
    [InlineData("Øster", "oster")]
    [InlineData("Łukasik", "lukasik")]
    public void Fold_RemovesAccentsAndCase(string name, string expected) =>
        Assert.Equal(expected, SearchText.Fold(name));

    [Theory]
    [InlineData("Straße", "strasse")]
    [InlineData("STRAẞE", "strasse")]
    [InlineData("Œuvre", "oeuvre")]
    [InlineData("cœur", "coeur")]
    [InlineData("Æbelø", "aebelo")]
    public void Fold_SpellsOutLigaturesAsTheyAreTyped(string name, string expected) =>
        Assert.Equal(expected, SearchText.Fold(name));

    [Theory]
    [InlineData("  Ana   Maria  ", "ana maria")]
    [InlineData("Ana\tMaria\nDa\u00A0Silva", "ana maria da silva")]
    [InlineData("   ", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Fold_CollapsesAndTrimsWhitespace(string? text, string expected) =>
        Assert.Equal(expected, SearchText.Fold(text));

    [Fact]
    public void Fold_OfAQueryIsContainedInTheFoldOfTheName() =>
        Assert.Contains(SearchText.Fold("ana GONC"), SearchText.Fold("Ana Gonçalves"));
}
