using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Features.Partners;

public sealed class IndexModel(SuiviDbContext db, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 25;

    public sealed record ServiceRow(Guid Id, string Name, string? Theme);

    public sealed record PartnerRow(Guid Id, string Name, string? Theme, Region? Region, string? Phone, IReadOnlyList<ServiceRow> Services);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "region")]
    public Region? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "theme")]
    public string? Theme { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PartnerRow> Partners { get; private set; } = [];
    public IReadOnlyList<string> Themes { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool MayEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        Themes = await db.ThemesAsync(cancellationToken);
        var partners = db.Matching(Query, Region, Theme);
        Total = await partners.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await partners.InListOrder()
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new { p.Id, p.Name, p.Theme, p.Region, p.Phone })
            .ToListAsync(cancellationToken);
        var ids = page.Select(p => p.Id).ToList();
        var services = (await db.PartnerServices.Where(s => ids.Contains(s.PartnerId))
                .Select(s => new { s.PartnerId, s.Id, s.Name, s.Theme })
                .ToListAsync(cancellationToken))
            .OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToLookup(s => s.PartnerId, s => new ServiceRow(s.Id, s.Name, s.Theme));
        Partners = page.Select(p => new PartnerRow(p.Id, p.Name, p.Theme, p.Region, p.Phone, services[p.Id].ToList())).ToList();
    }
}
