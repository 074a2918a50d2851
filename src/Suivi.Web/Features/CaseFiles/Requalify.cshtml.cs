using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>A new qualification while the file is open, in the scheme of the opening one; the earlier ones stay as history.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class RequalifyModel(SuiviDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    : CaseFileActionModel(db, localizer)
{
    public sealed class RequalificationInput : QualificationInput
    {
        public DateOnly? On { get; set; }
        public string? Why { get; set; }
    }

    [BindProperty]
    public RequalificationInput Input { get; set; } = new();

    public QualificationFields Fields { get; private set; } = null!;
    public string? SchemeName { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input.Version = CaseFile.Version;
        Input.SchemeId = CaseFile.OpeningQualification?.SchemeId;
        Input.On = clock.Today();
        // The form starts from the qualification in force, so a requalification changes only what changed.
        if (CaseFile.Qualifications.Where(q => q.EpisodeNumber == CaseFile.CurrentEpisode.Number)
                .OrderBy(q => q.On).ThenBy(q => q.Id).LastOrDefault() is { } current)
        {
            Input.PrimaryCategoryId = current.PrimaryCategoryId;
            Input.SecondaryCategoryIds = current.Secondary.Select(s => s.CategoryId).ToList();
        }
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
            CaseFileWork.Requalify(CaseFile, choice, Input.On ?? throw new DomainRuleException("This field is required.", "On"), user.Id, Input.Why);
        }, cancellationToken);
    }

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // The form offers the categories of the opening scheme only; a requalification stays in it.
        var scheme = CaseFile.OpeningQualification?.SchemeId;
        SchemeName = scheme is { } id ? (await Db.TypologySchemes.FindAsync([id], cancellationToken))?.Name.In(Settings.Choices.Language) : null;
        Fields = new QualificationFields(nameof(Input), await QualificationFields.CategoriesAsync(Db, scheme, cancellationToken),
            Input.PrimaryCategoryId, Input.SecondaryCategoryIds);
    }
}
