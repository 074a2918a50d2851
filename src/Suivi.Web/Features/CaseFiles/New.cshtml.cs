using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Features.Settings;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>Opens a case file directly (without a request): its service, opening date, first member and, if known, its opening qualification.</summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class NewModel(SuiviDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record Option(Guid Id, string Label);
    public sealed record Candidate(Guid Id, string Name, DateOnly? BirthDate);

    public sealed class OpeningInput : QualificationInput
    {
        public Guid? ServiceId { get; set; }
        public DateOnly? OpenedOn { get; set; }
        public Guid? BeneficiaryId { get; set; }
        public CaseMemberRole Role { get; set; } = CaseMemberRole.Child;
    }

    [BindProperty]
    public OpeningInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "person")]
    public string? PersonQuery { get; set; }

    /// <summary>A person chosen beforehand (from their page, or from an earlier search).</summary>
    [BindProperty(SupportsGet = true, Name = "beneficiary")]
    public Guid? ChosenPerson { get; set; }

    [BindProperty(SupportsGet = true, Name = "scheme")]
    public Guid? ChosenScheme { get; set; }

    public IReadOnlyList<Option> Services { get; private set; } = [];
    public IReadOnlyList<Option> Schemes { get; private set; } = [];
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public QualificationFields? Fields { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.OpenedOn = clock.Today();
        Input.SchemeId = ChosenScheme;
        Input.BeneficiaryId = ChosenPerson;
        await PrepareAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var service = Input.ServiceId is { } serviceId ? await db.Services.SingleOrDefaultAsync(s => s.Id == serviceId, cancellationToken) : null;
                if (service is null)
                {
                    throw new DomainRuleException("Choose a service.", nameof(OpeningInput.ServiceId));
                }
                var openedOn = Input.OpenedOn ?? throw new DomainRuleException("This field is required.", nameof(OpeningInput.OpenedOn));
                if (openedOn > clock.Today())
                {
                    throw new DomainRuleException("A case file cannot open in the future.", nameof(OpeningInput.OpenedOn));
                }
                var person = Input.BeneficiaryId is { } personId && await db.Beneficiaries.AnyAsync(b => b.Id == personId, cancellationToken)
                    ? personId
                    : throw new DomainRuleException("Choose the first member.", nameof(OpeningInput.BeneficiaryId));
                var choice = await CaseFileWork.ChoiceAsync(db, Input.SchemeId, Input.PrimaryCategoryId, Input.SecondaryCategoryIds, cancellationToken);
                var file = await CaseFileWork.OpenAsync(db, service, openedOn, file =>
                {
                    file.AddMember(person, Input.Role);
                    if (choice is not null)
                    {
                        file.QualifyAtOpening(choice, user.Id);
                    }
                }, cancellationToken);
                return RedirectToPage("/CaseFiles/Details", new { org = RouteData.Values["org"], id = file.Id });
            }
            catch (DomainRuleException rule)
            {
                FormErrors.Add(ModelState, nameof(Input), rule, localizer);
            }
        }
        ChosenPerson = Input.BeneficiaryId;
        await PrepareAsync(cancellationToken);
        return Page();
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var language = Choices.Language;
        Services = await db.Services.OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(cancellationToken);
        if (Services.Count == 1)
        {
            Input.ServiceId ??= Services[0].Id;
        }
        Schemes = (await db.TypologySchemes.Where(s => s.RetiredOn == null).OrderBy(s => s.Code).ToListAsync(cancellationToken))
            .Select(s => new Option(s.Id, s.Name.In(language))).ToList();
        if (Input.SchemeId is { } scheme && Schemes.Any(s => s.Id == scheme))
        {
            Fields = new QualificationFields(nameof(Input), await QualificationFields.CategoriesAsync(db, scheme, cancellationToken),
                Input.PrimaryCategoryId, Input.SecondaryCategoryIds);
        }
        var folded = SearchText.Fold(PersonQuery);
        var chosen = ChosenPerson;
        if (folded.Length > 0 || chosen is not null)
        {
            Candidates = await db.Beneficiaries
                .Where(b => b.Id == chosen || (folded.Length > 0 && b.SearchKey.Contains(folded)))
                .OrderBy(b => b.LastName).ThenBy(b => b.FirstName)
                .Take(11)
                .Select(b => new Candidate(b.Id, b.FirstName + " " + b.LastName, b.BirthDate))
                .ToListAsync(cancellationToken);
        }
    }
}
