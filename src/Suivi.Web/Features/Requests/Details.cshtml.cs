using System.ComponentModel.DataAnnotations;
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

namespace Suivi.Features.Requests;

/// <summary>A request, its persons and its decision history; while it waits, the decision; once decided, a correction.</summary>
public sealed class DetailsModel(SuiviDbContext db, TimeProvider clock, AuditLog audit, IAuthorizationService authorization,
    CurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record PersonRow(int Position, Guid? BeneficiaryId, string? Name, DateOnly? BirthDate, string? Description);

    public sealed record DecisionRow(int Number, DecisionKind Kind, DateOnly DecidedOn, string? Reason, string? PartnerService,
        Guid? CaseFileId, string? CaseFileReference, string? Note, string? Author, string? CorrectionWhy);

    public sealed record Choice(Guid Id, string Label);

    public sealed record SchemeChoice(Guid Id, string Name, IReadOnlyList<Choice> Categories);

    public IntakeRequest IntakeRequest { get; private set; } = null!;
    public string ServiceName { get; private set; } = "";
    public string Source { get; private set; } = "";
    public string? Channel { get; private set; }
    public int WaitingDays { get; private set; }
    public IReadOnlyList<PersonRow> Persons { get; private set; } = [];
    public IReadOnlyList<DecisionRow> Decisions { get; private set; } = [];
    public bool MayEdit { get; private set; }

    public IReadOnlyList<Choice> RefusalReasons { get; private set; } = [];
    public IReadOnlyList<Choice> ReorientationReasons { get; private set; } = [];
    public IReadOnlyList<Choice> NoFileReasons { get; private set; } = [];
    public IReadOnlyList<Choice> PartnerServices { get; private set; } = [];
    public IReadOnlyList<SchemeChoice> Schemes { get; private set; } = [];

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    /// <summary>An unnamed person of the request, recorded as a person so that they can become a member of the case file.</summary>
    [BindProperty]
    public IdentifyInput Identify { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Input.DecidedOn = clock.Today();
        Input.Kind = IntakeRequest.Decision ?? DecisionKind.Accepted;
        Input.Version = IntakeRequest.Version;
        await audit.RecordViewAsync(nameof(IntakeRequest), id, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken cancellationToken) =>
        TakeAsync(id, why: null, cancellationToken);

    public Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken cancellationToken) =>
        TakeAsync(id, Input.Why ?? "", cancellationToken);

    public async Task<IActionResult> OnPostIdentifyAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        var request = await db.Requests.Include(r => r.Persons).SingleAsync(r => r.Id == id, cancellationToken);
        if (!request.IsWaiting || request.Persons.All(p => p.Position != Identify.Position || p.BeneficiaryId is not null))
        {
            return NotFound();
        }
        try
        {
            var person = new Beneficiary(new BeneficiaryDetails(Identify.FirstName ?? "", Identify.LastName ?? "", null, Sex.Unknown,
                null, null, null, null, null, null));
            db.Beneficiaries.Add(person);
            request.AddPerson(person.Id);
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage(new { org = RouteData.Values["org"], id });
        }
        catch (DomainRuleException rule)
        {
            FormErrors.Add(ModelState, nameof(Identify), rule, localizer);
            return Page();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("", localizer["Someone else changed this request meanwhile. Nothing was saved: reload the page and try again."]);
            return Page();
        }
    }

    private async Task<IActionResult> TakeAsync(Guid id, string? why, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            var decision = new DecisionTaken(Input.Kind, Input.DecidedOn, Input.ReasonId, Input.PartnerServiceId, Input.Note,
                Input.Roles.Select(r => new MemberRole(r.BeneficiaryId, r.Role)).ToList(), Input.SchemeId, Input.PrimaryCategoryId,
                Input.SecondaryCategoryIds);
            await Deciding.TakeAsync(db, id, Input.Version, decision, why, clock.Today(), user.Id, user.Name, cancellationToken);
            return RedirectToPage(new { org = RouteData.Values["org"], id });
        }
        catch (DomainRuleException rule)
        {
            var field = rule.Field == "ReasonId" ? Input.ReasonField : rule.Field;
            FormErrors.Add(ModelState, nameof(Input), new DomainRuleException(rule.Message, field == "CaseFileId" ? null : field), localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", localizer["Someone else changed this request meanwhile. Nothing was saved: reload the page and try again."]);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await db.Requests.AsNoTracking().Include(r => r.Decisions).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return false;
        }
        IntakeRequest = request;
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        var language = Choices.Language;
        var today = clock.Today();
        WaitingDays = RequestQueue.WaitingDays(request.ReceivedOn, request.DecidedOn ?? today);
        ServiceName = await db.Services.Where(s => s.Id == request.ServiceId).Select(s => s.Name).SingleAsync(cancellationToken);

        // Entries keep their labels once retired: old requests still read them.
        var itemIds = request.Decisions.Select(d => d.ReasonId).Append(request.SourceId).Append(request.ChannelId).OfType<Guid>().ToList();
        var labels = await db.ListItems.Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Label.In(language), cancellationToken);
        Source = labels[request.SourceId];
        Channel = request.ChannelId is { } channel ? labels[channel] : null;

        Persons = (await RequestQueue.PersonsAsync(db, [id], cancellationToken))[id]
            .Select(p => new PersonRow(p.Position, p.BeneficiaryId, p.Name, p.BirthDate, p.Description)).ToList();

        var partnerIds = request.Decisions.Select(d => d.PartnerServiceId).OfType<Guid>().ToList();
        var partners = await PartnerServiceChoices(partnerIds).ToDictionaryAsync(p => p.Id, p => p.Label, cancellationToken);
        // A restricted case file stays out of sight, reference included, for whoever is not named on it.
        var fileIds = request.Decisions.Select(d => d.CaseFileId).OfType<Guid>().ToList();
        var files = await db.CaseFiles.Where(c => fileIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, cancellationToken);
        Decisions = request.Decisions.OrderBy(d => d.Number)
            .Select(d => new DecisionRow(d.Number, d.Kind, d.DecidedOn, d.ReasonId is { } r ? labels.GetValueOrDefault(r) : null,
                d.PartnerServiceId is { } p ? partners.GetValueOrDefault(p) : null,
                d.CaseFileId is { } f && files.ContainsKey(f) ? f : null, d.CaseFileId is { } g ? files.GetValueOrDefault(g) : null,
                d.Note, d.DecidedByName, d.CorrectionWhy))
            .ToList();

        if (MayEdit)
        {
            await LoadChoicesAsync(request, cancellationToken);
        }
        return true;
    }

    private async Task LoadChoicesAsync(IntakeRequest request, CancellationToken cancellationToken)
    {
        RefusalReasons = await ChoicesAsync(ListKind.RefusalReason, request.ServiceId, cancellationToken);
        ReorientationReasons = await ChoicesAsync(ListKind.ReorientationReason, request.ServiceId, cancellationToken);
        NoFileReasons = await ChoicesAsync(ListKind.NoFileReason, request.ServiceId, cancellationToken);
        PartnerServices = await PartnerServiceChoices(null).ToListAsync(cancellationToken);
        var schemes = await db.TypologySchemes.Where(s => s.RetiredOn == null).OrderBy(s => s.Code).ToListAsync(cancellationToken);
        var categories = await db.TypologyCategories.Where(c => c.RetiredOn == null).OrderBy(c => c.Position).ToListAsync(cancellationToken);
        Schemes = schemes.Select(s => new SchemeChoice(s.Id, s.Name.In(Choices.Language),
                categories.Where(c => c.SchemeId == s.Id).Select(c => new Choice(c.Id, $"{c.Code} — {c.LabelText()}")).ToList()))
            .ToList();
        if (Input.Roles.Count == 0)
        {
            var on = Input.DecidedOn ?? clock.Today();
            Input.Roles = Persons.Where(p => p.BeneficiaryId is not null)
                .Select(p => new RoleInput { BeneficiaryId = p.BeneficiaryId!.Value, Role = Deciding.DefaultRole(p.BirthDate, on) })
                .ToList();
        }
    }

    private async Task<IReadOnlyList<Choice>> ChoicesAsync(ListKind kind, Guid serviceId, CancellationToken cancellationToken) =>
        (await db.ListItems.ActiveAsync(kind, serviceId, cancellationToken)).Select(i => new Choice(i.Id, i.LabelText())).ToList();

    /// <summary>The partner directory's services, named with their organisation; all of them, or those of <paramref name="ids"/>.</summary>
    private IQueryable<Choice> PartnerServiceChoices(IReadOnlyCollection<Guid>? ids) =>
        db.PartnerServices.Where(s => ids == null || ids.Contains(s.Id))
            .Join(db.Partners, s => s.PartnerId, p => p.Id, (s, p) => new { s.Id, Partner = p.Name, Service = s.Name })
            .OrderBy(x => x.Partner).ThenBy(x => x.Service)
            .Select(x => new Choice(x.Id, x.Partner + " — " + x.Service));
}

/// <summary>The decision form: one field per list, so that each reason keeps its own message.</summary>
public sealed class DecisionInput
{
    public DecisionKind Kind { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Date)]
    public DateOnly? DecidedOn { get; set; }

    public Guid? RefusalReasonId { get; set; }
    public Guid? ReorientationReasonId { get; set; }
    public Guid? PartnerServiceId { get; set; }
    public Guid? NoFileReasonId { get; set; }

    [StringLength(2000, ErrorMessage = "This field is too long.")]
    public string? Note { get; set; }

    public List<RoleInput> Roles { get; set; } = [];
    public Guid? SchemeId { get; set; }
    public Guid? PrimaryCategoryId { get; set; }
    public List<Guid> SecondaryCategoryIds { get; set; } = [];

    /// <summary>Why the decision in force is corrected.</summary>
    [StringLength(1000, ErrorMessage = "This field is too long.")]
    public string? Why { get; set; }

    public long Version { get; set; }

    public Guid? ReasonId => Kind switch
    {
        DecisionKind.NotTakenOn => RefusalReasonId,
        DecisionKind.Reoriented => ReorientationReasonId,
        DecisionKind.HandledWithoutFile => NoFileReasonId,
        _ => null,
    };

    /// <summary>The field that holds the reason of <see cref="Kind"/>.</summary>
    public string ReasonField => Kind switch
    {
        DecisionKind.Reoriented => nameof(ReorientationReasonId),
        DecisionKind.HandledWithoutFile => nameof(NoFileReasonId),
        _ => nameof(RefusalReasonId),
    };
}

public sealed class RoleInput
{
    public Guid BeneficiaryId { get; set; }
    public CaseMemberRole Role { get; set; }
}

public sealed class IdentifyInput
{
    public int Position { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
}
