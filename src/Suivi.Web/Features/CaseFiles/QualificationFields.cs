using Suivi.Data;
using Suivi.Features.Settings;

namespace Suivi.Features.CaseFiles;

/// <summary>The categories a form offers in one scheme (active ones only) and those already chosen.</summary>
public sealed record QualificationFields(string Prefix, IReadOnlyList<QualificationFields.Category> Categories, Guid? Primary,
    IReadOnlyCollection<Guid> Secondary)
{
    public sealed record Category(Guid Id, string Code, string Label, string? Group);

    public sealed record Scheme(Guid Id, string Name);

    public static async Task<IReadOnlyList<Category>> CategoriesAsync(SuiviDbContext db, Guid? schemeId, CancellationToken ct) =>
        schemeId is { } id
            ? (await db.TypologyCategories.ActiveAsync(id, ct)).Select(c => new Category(c.Id, c.Code, c.Label.In(Choices.Language), c.Group)).ToList()
            : [];
}

/// <summary>What the qualification forms post: a scheme, its main category and optional secondary ones.</summary>
public class QualificationInput
{
    public long Version { get; set; }
    public Guid? SchemeId { get; set; }
    public Guid? PrimaryCategoryId { get; set; }
    public List<Guid> SecondaryCategoryIds { get; set; } = [];
}
