namespace Suivi.Domain;

/// <summary>A text in the three interface languages; French is required, the others fall back to it.</summary>
public sealed record Label(string Fr, string? De, string? En)
{
    public string In(string language) => language switch
    {
        "de" => string.IsNullOrWhiteSpace(De) ? Fr : De,
        "en" => string.IsNullOrWhiteSpace(En) ? Fr : En,
        _ => Fr,
    };

    public static Label Of(string fr, string? de, string? en) =>
        new(Require.Text(fr, "LabelFr"), Require.OptionalText(de, "LabelDe"), Require.OptionalText(en, "LabelEn"));
}
