using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>The opening qualification of the current episode: a scheme, one main category, optional secondary ones.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class QualifyModel(SuiviDbContext db, CurrentUser user, IStringLocalizer<SharedResource> localizer)
    : CaseFileActionModel(db, localizer)
{
    [BindProperty]
    public QualificationInput Input { get; set; } = new();

    /// <summary>The scheme chosen before the categories (a page without script shows one scheme's categories at a time).</summary>
    [BindProperty(SupportsGet = true, Name = "scheme")]
    public Guid? ChosenScheme { get; set; }

    public IReadOnlyList<QualificationFields.Scheme> Schemes { get; private set; } = [];
    public QualificationFields Fields { get; private set; } = null!;
    public bool AlreadyQualified => CaseFile.OpeningQualification is not null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input.Version = CaseFile.Version;
        Input.SchemeId = ChosenScheme;
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        return await SaveAsync(Input.Version, async () =>
        {
            var choice = await CaseFileWork.ChoiceAsync(Db, Input.SchemeId, Input.PrimaryCategoryId, Input.SecondaryCategoryIds, cancellationToken);
            CaseFileWork.QualifyAtOpening(CaseFile, choice, user.Id);
        }, cancellationToken);
    }

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var language = Settings.Choices.Language;
        Schemes = (await Db.TypologySchemes.Where(s => s.RetiredOn == null).OrderBy(s => s.Code).ToListAsync(cancellationToken))
            .Select(s => new QualificationFields.Scheme(s.Id, s.Name.In(language))).ToList();
        if (Input.SchemeId is null || Schemes.All(s => s.Id != Input.SchemeId))
        {
            Input.SchemeId = Schemes.Count > 0 ? Schemes[0].Id : null;
        }
        Fields = new QualificationFields(nameof(Input), await QualificationFields.CategoriesAsync(Db, Input.SchemeId, cancellationToken),
            Input.PrimaryCategoryId, Input.SecondaryCategoryIds);
    }
}
