using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Security;

namespace Suivi.Features.Home;

/// <summary>Where a signed-in person lands: the organisations they belong to (straight into it when there is one).</summary>
public sealed class IndexModel(SuiviDbContext db, CurrentUser user) : PageModel
{
    public sealed record OrganisationChoice(string Slug, string Name, OrganisationRole Role);

    public IReadOnlyList<OrganisationChoice> Organisations { get; private set; } = [];

    public bool IsNetworkAdministrator { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Organisations = await db.Memberships
            .Where(m => m.UserId == user.Id)
            .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => new { o.Slug, o.Name, m.Role })
            .OrderBy(o => o.Name)
            .Select(o => new OrganisationChoice(o.Slug, o.Name, o.Role))
            .ToListAsync(cancellationToken);
        IsNetworkAdministrator = User.HasClaim(Policies.NetworkAdministratorClaim, "true");
        if (Organisations.Count == 1 && !IsNetworkAdministrator)
        {
            return RedirectToPage("/Organisations/Home", new { org = Organisations[0].Slug });
        }
        return Page();
    }
}
