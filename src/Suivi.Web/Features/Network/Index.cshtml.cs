using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Network;

/// <summary>The network administrator's view: organisations and how many members each has, never their records.</summary>
public sealed class IndexModel(SuiviDbContext db) : PageModel
{
    public sealed record OrganisationRow(string Name, string Slug, OrganisationKind Kind, int Members);

    public IReadOnlyList<OrganisationRow> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organisations = await db.Organisations
            .OrderBy(o => o.Name)
            .Select(o => new OrganisationRow(o.Name, o.Slug, o.Kind, db.Memberships.Count(m => m.OrganisationId == o.Id)))
            .ToListAsync(cancellationToken);
}
