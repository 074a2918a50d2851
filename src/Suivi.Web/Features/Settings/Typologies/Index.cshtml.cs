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

/// <summary>The organisation's classification schemes, and the form creating a new one.</summary>
public sealed class IndexModel(SuiviDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record Row(Guid Id, string Code, Label Name, int Edition, int Active, int Retired);

    public sealed class SchemeInput
    {
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(40, ErrorMessage = "This field is too long.")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "This field is required.")]
        [StringLength(200, ErrorMessage = "This field is too long.")]
        public string NameFr { get; set; } = "";

        [StringLength(200, ErrorMessage = "This field is too long.")]
        public string? NameDe { get; set; }

        [StringLength(200, ErrorMessage = "This field is too long.")]
        public string? NameEn { get; set; }
    }

    [BindProperty]
    public SchemeInput Input { get; set; } = new();

    public IReadOnlyList<Row> Schemes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await CodeIsTakenAsync(Input.Code, cancellationToken))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(SchemeInput.Code)}", localizer["This code is already used by another scheme."]);
        }
        if (ModelState.IsValid)
        {
            try
            {
                var scheme = new TypologyScheme(Input.Code, Label.Of(Input.NameFr, Input.NameDe, Input.NameEn));
                db.TypologySchemes.Add(scheme);
                await db.SaveChangesAsync(cancellationToken);
                return RedirectToPage("/Settings/Typologies/Details", new { org = RouteData.Values["org"], id = scheme.Id });
            }
            catch (DomainRuleException rule)
            {
                FormErrors.Add(ModelState, nameof(Input), Named(rule), localizer);
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> CodeIsTakenAsync(string code, CancellationToken cancellationToken)
    {
        var codes = await db.TypologySchemes.Select(s => s.Code).ToListAsync(cancellationToken);
        return codes.Any(c => string.Equals(c, code.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The label rules name their fields LabelFr, LabelDe, LabelEn: on this form they are the scheme's name.</summary>
    private static DomainRuleException Named(DomainRuleException rule) => rule.Field switch
    {
        "LabelFr" => new DomainRuleException(rule.Message, nameof(SchemeInput.NameFr)),
        "LabelDe" => new DomainRuleException(rule.Message, nameof(SchemeInput.NameDe)),
        "LabelEn" => new DomainRuleException(rule.Message, nameof(SchemeInput.NameEn)),
        _ => rule,
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var schemes = await db.TypologySchemes.AsNoTracking().Include(s => s.Categories).ToListAsync(cancellationToken);
        var language = Choices.Language;
        Schemes = schemes
            .Select(s => new Row(s.Id, s.Code, s.Name, s.Edition, s.Categories.Count(c => c.RetiredOn is null), s.Categories.Count(c => c.RetiredOn is not null)))
            .OrderBy(s => s.Name.In(language), StringComparer.CurrentCulture)
            .ToList();
    }
}
