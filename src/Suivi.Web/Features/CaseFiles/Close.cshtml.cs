using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Settings;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>Closes the current episode: a date, a closure reason and — when the file was qualified — the closing qualification.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class CloseModel(SuiviDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    : CaseFileActionModel(db, localizer)
{
    public sealed record Reason(Guid Id, string Label);

    public sealed class ClosingInput : QualificationInput
    {
        public DateOnly? ClosedOn { get; set; }
        public Guid? ClosureReasonId { get; set; }
    }

    [BindProperty]
    public ClosingInput Input { get; set; } = new();

    public IReadOnlyList<Reason> Reasons { get; private set; } = [];
    public QualificationFields? Fields { get; private set; }
    public string? SchemeName { get; private set; }
    public IReadOnlyList<string> LatestQualification { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input.Version = CaseFile.Version;
        Input.SchemeId = CaseFile.OpeningQualification?.SchemeId;
        Input.ClosedOn = clock.Today();
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
            var closedOn = Input.ClosedOn ?? throw new DomainRuleException("This field is required.", nameof(ClosingInput.ClosedOn));
            if (Input.ClosureReasonId is { } reason &&
                !await Db.ListItems.AnyAsync(i => i.Id == reason && i.List == ListKind.ClosureReason, cancellationToken))
            {
                throw new DomainRuleException("Choose the reason for closing.", nameof(ClosingInput.ClosureReasonId));
            }
            var closing = await CaseFileWork.ChoiceAsync(Db, Input.SchemeId, Input.PrimaryCategoryId, Input.SecondaryCategoryIds, cancellationToken);
            CaseFile.Close(closedOn, Input.ClosureReasonId ?? Guid.Empty, closing, user.Id);
        }, cancellationToken);
    }

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var language = Choices.Language;
        Reasons = (await Db.ListItems.ActiveAsync(ListKind.ClosureReason, CaseFile.ServiceId, cancellationToken))
            .Select(i => new Reason(i.Id, i.Label.In(language))).ToList();
        if (CaseFile.OpeningQualification is not { } opening)
        {
            return;
        }
        // The closing qualification is given afresh, with the opening one (or the latest requalification) shown beside it.
        var latest = CaseFile.Qualifications.Where(q => q.EpisodeNumber == CaseFile.CurrentEpisode.Number)
            .OrderBy(q => q.On).ThenBy(q => q.Id).Last();
        var ids = latest.Secondary.Select(s => s.CategoryId).Prepend(latest.PrimaryCategoryId).ToList();
        var labels = await Db.TypologyCategories.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => $"{c.Code} — {c.Label.In(language)}", cancellationToken);
        LatestQualification = ids.Select(i => labels[i]).ToList();
        SchemeName = (await Db.TypologySchemes.FindAsync([opening.SchemeId], cancellationToken))?.Name.In(language);
        Fields = new QualificationFields(nameof(Input), await QualificationFields.CategoriesAsync(Db, opening.SchemeId, cancellationToken),
            Input.PrimaryCategoryId, Input.SecondaryCategoryIds);
    }
}
