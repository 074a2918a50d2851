using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>Reopens a closed file: a new episode starts, the closed one keeps its dates, reason and qualifications.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class ReopenModel(SuiviDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    : CaseFileActionModel(db, localizer)
{
    public sealed class ReopeningInput
    {
        public long Version { get; set; }
        public DateOnly? ReopenedOn { get; set; }
    }

    [BindProperty]
    public ReopeningInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input.Version = CaseFile.Version;
        Input.ReopenedOn = clock.Today();
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }
        return await SaveAsync(Input.Version, () =>
        {
            CaseFile.Reopen(Input.ReopenedOn ?? throw new DomainRuleException("This field is required.", nameof(ReopeningInput.ReopenedOn)));
            return Task.CompletedTask;
        }, cancellationToken);
    }

    protected override Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
