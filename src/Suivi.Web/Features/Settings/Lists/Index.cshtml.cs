using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Infrastructure;

namespace Suivi.Features.Settings.Lists;

/// <summary>Every configurable list of the organisation, retired entries included, and the form adding an entry.</summary>
public sealed class IndexModel(SuiviDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record Row(Guid Id, string Code, Label Label, int Position, string? Service, FlagValue FlagValue, DateOnly? RetiredOn);

    public sealed record Section(ListKind Kind, IReadOnlyList<Row> Rows);

    public sealed record ServiceChoice(Guid Id, string Name);

    [BindProperty]
    public EntryInput Input { get; set; } = new();

    /// <summary>The list the add form starts on, from the "add an entry" link of a section.</summary>
    [BindProperty(SupportsGet = true, Name = "kind")]
    public ListKind? Kind { get; set; }

    public IReadOnlyList<Section> Sections { get; private set; } = [];
    public IReadOnlyList<ServiceChoice> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.List = Kind ?? ListKind.RequestSource;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await ListEntries.AddAsync(db, Input.ToEntry(), cancellationToken);
                return RedirectToPage("/Settings/Lists/Index", null, new { org = RouteData.Values["org"] }, Input.List.ToString());
            }
            catch (DomainRuleException rule)
            {
                FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Services = await db.Services.OrderBy(s => s.Name).Select(s => new ServiceChoice(s.Id, s.Name)).ToListAsync(cancellationToken);
        var names = Services.ToDictionary(s => s.Id, s => s.Name);
        var items = await db.ListItems.AsNoTracking()
            .OrderBy(i => i.List).ThenBy(i => i.Position).ThenBy(i => i.Code)
            .ToListAsync(cancellationToken);
        Sections = Enum.GetValues<ListKind>()
            .Select(kind => new Section(kind, items.Where(i => i.List == kind)
                .Select(i => new Row(i.Id, i.Code, i.Label, i.Position, i.ServiceId is { } id ? names.GetValueOrDefault(id) : null,
                    i.FlagValue, i.RetiredOn))
                .ToList()))
            .ToList();
    }
}
