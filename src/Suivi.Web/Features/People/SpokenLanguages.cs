namespace Suivi.Features.People;

/// <summary>The languages a person can be recorded as speaking, shown by their own name as users recognise them.</summary>
public static class SpokenLanguages
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("lb", "Lëtzebuergesch"), ("fr", "Français"), ("de", "Deutsch"), ("en", "English"), ("pt", "Português"),
        ("it", "Italiano"), ("other", "…"),
    ];

    public static string NameOf(string code) => All.FirstOrDefault(l => l.Code == code).Name ?? code;
}
