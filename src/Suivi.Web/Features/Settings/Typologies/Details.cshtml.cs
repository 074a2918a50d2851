using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Infrastructure;

namespace Suivi.Features.Settings.Typologies;

/// <summary>
/// One scheme and its categories, in order. Adding or retiring a category starts a new edition, so a file
/// qualified under an older edition keeps reading the categories it was qualified with.
/// </summary>
public sealed class DetailsModel(SuiviDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class CategoryInput
    {
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(40, ErrorMessage = "This field is too long.")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "This field is required.")]
        [StringLength(200, ErrorMessage = "This field is too long.")]
        public string LabelFr { get; set; } = "";

        [StringLength(200, ErrorMessage = "This field is too long.")]
        public string? LabelDe { get; set; }

        [StringLength(200, ErrorMessage = "This field is too long.")]
        public string? LabelEn { get; set; }

        [StringLength(60, ErrorMessage = "This field is too long.")]
        public string? Group { get; set; }

        /// <summary>The scheme's version when the page was loaded; a change made meanwhile is not overwritten.</summary>
        public long Version { get; set; }
    }

    [BindProperty]
    public CategoryInput Input { get; set; } = new();

    public TypologyScheme Scheme { get; private set; } = null!;
    public IReadOnlyList<TypologyCategory> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input = new CategoryInput { Version = Scheme.Version };
        return Page();
    }

    /// <summary>Adds a category at the end of the scheme.</summary>
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
            // An empty scheme cannot have qualified a file yet: its first categories make up its first edition.
            Scheme.AddCategory(Input.Code, Label.Of(Input.LabelFr, Input.LabelDe, Input.LabelEn), Input.Group,
                newEdition: Scheme.Categories.Count > 0);
            return await SaveAsync(Input.Version, keepTyped: true, cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            // The scheme may have counted the new edition before refusing the category: show it as stored.
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRetireAsync(Guid id, Guid categoryId, long version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        try
        {
            Scheme.RetireCategory(categoryId, clock.Today());
        }
        catch (DomainRuleException)
        {
            return NotFound();
        }
        return await SaveAsync(version, keepTyped: false, cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(long version, bool keepTyped, CancellationToken cancellationToken)
    {
        db.Entry(Scheme).Property(s => s.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage("/Settings/Typologies/Details", new { org = RouteData.Values["org"], id = Scheme.Id });
        }
        catch (DbUpdateConcurrencyException)
        {
            // Show the scheme as it now is; the category form keeps what was typed.
            var id = Scheme.Id;
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            if (!keepTyped)
            {
                ModelState.Clear();
                Input = new CategoryInput { Version = Scheme.Version };
            }
            ModelState.AddModelError("", localizer["Someone else changed this scheme meanwhile. Your change was not saved: reload the page to see the current edition."]);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var scheme = await db.TypologySchemes.Include(s => s.Categories).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scheme is null)
        {
            return false;
        }
        Scheme = scheme;
        Categories = scheme.Categories.OrderBy(c => c.Position).ToList();
        return true;
    }
}
