using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Infrastructure;

namespace Suivi.Features.Settings.Lists;

/// <summary>One list entry: relabel and reposition it, retire it (it stays readable where it was used) or reinstate it.</summary>
public sealed class EditModel(SuiviDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class RelabelInput
    {
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(200, ErrorMessage = "This field is too long.")]
        public string LabelFr { get; set; } = "";

        [StringLength(200, ErrorMessage = "This field is too long.")]
        public string? LabelDe { get; set; }

        [StringLength(200, ErrorMessage = "This field is too long.")]
        public string? LabelEn { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [Range(0, 9999, ErrorMessage = "Enter a position of 0 or more.")]
        public int? Position { get; set; }

        /// <summary>The version the form was loaded with; a save against a newer version is refused.</summary>
        public long Version { get; set; }

        public static RelabelInput From(ListItem item) => new()
        {
            LabelFr = item.Label.Fr,
            LabelDe = item.Label.De,
            LabelEn = item.Label.En,
            Position = item.Position,
            Version = item.Version,
        };
    }

    [BindProperty]
    public RelabelInput Input { get; set; } = new();

    public ListItem Item { get; private set; } = null!;
    public string? Service { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input = RelabelInput.From(Item);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            Item.Relabel(Label.Of(Input.LabelFr, Input.LabelDe, Input.LabelEn), Input.Position ?? Item.Position);
            return await SaveAsync(Input.Version, keepTyped: true, cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRetireAsync(Guid id, long version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Item.Retire(clock.Today());
        return await SaveAsync(version, keepTyped: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostReinstateAsync(Guid id, long version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Item.Reinstate();
        return await SaveAsync(version, keepTyped: false, cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(long version, bool keepTyped, CancellationToken cancellationToken)
    {
        // Save against the version the page was loaded with, so a change made meanwhile is never overwritten.
        db.Entry(Item).Property(i => i.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage("/Settings/Lists/Edit", new { org = RouteData.Values["org"], id = Item.Id });
        }
        catch (DbUpdateConcurrencyException)
        {
            // Show the entry as it now is; the labels form keeps what was typed, the retire and reinstate buttons start afresh.
            var id = Item.Id;
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            if (!keepTyped)
            {
                ModelState.Clear();
                Input = RelabelInput.From(Item);
            }
            ModelState.AddModelError("", localizer["Someone else changed this entry meanwhile. Your change was not saved: reload the page to see the current version."]);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var item = await db.ListItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null)
        {
            return false;
        }
        Item = item;
        Service = item.ServiceId is { } serviceId
            ? await db.Services.Where(s => s.Id == serviceId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return true;
    }
}
