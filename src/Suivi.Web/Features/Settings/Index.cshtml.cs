using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;

namespace Suivi.Features.Settings;

/// <summary>The organisation's settings: the configurable lists and the typologies.</summary>
public sealed class IndexModel(SuiviDbContext db) : PageModel
{
    public int ActiveEntries { get; private set; }
    public int Schemes { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ActiveEntries = await db.ListItems.CountAsync(i => i.RetiredOn == null, cancellationToken);
        Schemes = await db.TypologySchemes.CountAsync(cancellationToken);
    }
}
