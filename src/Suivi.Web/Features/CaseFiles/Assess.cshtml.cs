using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>A traffic-light assessment of the situation; a red one notifies the coordinators of the file's service.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class AssessModel(SuiviDbContext db, CurrentOrganisation organisation, CurrentUser user, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : CaseFileActionModel(db, localizer)
{
    public sealed class AssessmentInput
    {
        public long Version { get; set; }
        public TrafficLight? Colour { get; set; }
        public DateOnly? AssessedOn { get; set; }
        public string? Rationale { get; set; }
    }

    [BindProperty]
    public AssessmentInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input.Version = CaseFile.Version;
        Input.AssessedOn = clock.Today();
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
            var colour = Input.Colour ?? throw new DomainRuleException("Choose a colour.", nameof(AssessmentInput.Colour));
            var on = Input.AssessedOn ?? throw new DomainRuleException("This field is required.", nameof(AssessmentInput.AssessedOn));
            await CaseFileWork.AssessAsync(Db, organisation, CaseFile, colour, on, user.Id, CaseFileWork.AuthorName(User), Input.Rationale,
                clock.GetUtcNow().UtcDateTime, cancellationToken);
        }, cancellationToken);
    }

    protected override Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
