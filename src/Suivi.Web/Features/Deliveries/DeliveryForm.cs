using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Features.Settings;
using Suivi.Infrastructure;
using static Suivi.Features.Deliveries.DeliveryMessages;

namespace Suivi.Features.Deliveries;

/// <summary>The delivery form as typed: hours, time and kilometres as text, the case file by its reference.</summary>
public sealed class DeliveryInput
{
    public Guid? ServiceId { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? OnDate { get; set; }

    public string? StartTime { get; set; }
    public string? Duration { get; set; }
    public Guid? TypeId { get; set; }
    public Guid? ActCategoryId { get; set; }
    public Guid? WorkerId { get; set; }
    public List<Guid> OtherWorkerIds { get; set; } = [];
    public string? CaseFileReference { get; set; }
    public Guid? BeneficiaryId { get; set; }
    public Guid? SiteId { get; set; }
    public string? Kilometres { get; set; }
    public string? Note { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// What the record and correct pages share: the form, its choices (types and act categories offered to the
/// service, its sites, the staff), the person search that works without script, and the way a draft is read
/// from the form and its problems are put back next to the fields.
/// </summary>
public abstract class DeliveryFormPage(SuiviDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected SuiviDbContext Db { get; } = db;

    protected IStringLocalizer<SharedResource> Localizer { get; } = localizer;

    public sealed record Choice(Guid Id, string Label);
    public sealed record Candidate(Guid Id, string Name, DateOnly? BirthDate);

    [BindProperty]
    public DeliveryInput Input { get; set; } = new();

    /// <summary>The name searched for among the recorded persons.</summary>
    [BindProperty(Name = "find")]
    public string? Find { get; set; }

    public IReadOnlyList<Choice> Services { get; private set; } = [];
    public IReadOnlyList<Choice> Types { get; private set; } = [];
    public IReadOnlyList<Choice> Categories { get; private set; } = [];
    public IReadOnlyList<Choice> Staff { get; private set; } = [];
    public IReadOnlyList<Choice> Sites { get; private set; } = [];
    public Candidate? Picked { get; private set; }
    public IReadOnlyList<Candidate> Found { get; private set; } = [];
    public bool Searched { get; private set; }

    /// <summary>Entries the delivery already has are offered even when retired, so that a correction keeps them.</summary>
    protected Guid? KeptTypeId { get; set; }

    protected Guid? KeptCategoryId { get; set; }

    protected async Task<IActionResult> SearchAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Searched = true;
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    /// <summary>Shows the types, categories and sites of the service chosen, keeping what was typed.</summary>
    protected async Task<IActionResult> RefreshAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    protected async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Services = await Db.Services.OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
        Types = await ItemChoicesAsync(ListKind.DeliveryType, KeptTypeId, cancellationToken);
        Categories = await ItemChoicesAsync(ListKind.ActCategory, KeptCategoryId, cancellationToken);
        var staff = await Db.Staff.Select(s => new { s.Id, s.FirstName, s.LastName, s.ServiceId }).ToListAsync(cancellationToken);
        Staff = staff.OrderByDescending(s => s.ServiceId == Input.ServiceId).ThenBy(s => s.LastName, StringComparer.CurrentCulture)
            .ThenBy(s => s.FirstName, StringComparer.CurrentCulture)
            .Select(s => new Choice(s.Id, $"{s.FirstName} {s.LastName}")).ToList();
        Sites = await Db.Sites.Where(s => s.ServiceId == Input.ServiceId).OrderBy(s => s.Name)
            .Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
        Picked = Input.BeneficiaryId is { } picked
            ? await Db.Beneficiaries.Where(b => b.Id == picked).Select(b => new Candidate(b.Id, b.FirstName + " " + b.LastName, b.BirthDate))
                .SingleOrDefaultAsync(cancellationToken)
            : null;
        if (Searched && SearchText.Fold(Find).Length > 0)
        {
            Found = await Db.Beneficiaries.Matching(Find).Where(b => b.Id != Input.BeneficiaryId).InListOrder().Take(20)
                .Select(b => new Candidate(b.Id, b.FirstName + " " + b.LastName, b.BirthDate)).ToListAsync(cancellationToken);
        }
    }

    private async Task<IReadOnlyList<Choice>> ItemChoicesAsync(ListKind kind, Guid? kept, CancellationToken cancellationToken)
    {
        var active = await Db.ListItems.ActiveAsync(kind, Input.ServiceId, cancellationToken);
        if (kept is { } id && active.All(i => i.Id != id) && await Db.ListItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is { } old)
        {
            active.Insert(0, old);
        }
        return active.Select(i => new Choice(i.Id, i.LabelText())).ToList();
    }

    /// <summary>
    /// The form as a draft; texts that cannot be read are kept as problems of their field. A correction gives the
    /// seconds the delivery had, kept when its hours are left as shown.
    /// </summary>
    protected async Task<DeliveryDraft> DraftAsync(Guid? id, int? keptSeconds, CancellationToken cancellationToken)
    {
        var unreadable = new Dictionary<string, string>();
        TimeSpan? duration = null;
        if (!string.IsNullOrWhiteSpace(Input.Duration))
        {
            if (DeliveryText.TryReadDuration(Input.Duration, keptSeconds, out var read))
            {
                duration = read;
            }
            else
            {
                unreadable[DeliveryFields.Duration] = TextKey("Give hours as 1.5, 1,5 or 1:30.");
            }
        }
        if (!DeliveryText.TryReadStartTime(Input.StartTime, out var start))
        {
            unreadable[DeliveryFields.StartTime] = TextKey("Give the time as 9:30.");
        }
        if (!DeliveryText.TryReadKilometres(Input.Kilometres, out var kilometres))
        {
            unreadable[DeliveryFields.Kilometres] = TextKey("Give kilometres as a number, such as 12.5.");
        }
        Guid? caseFileId = null;
        var reference = Input.CaseFileReference?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(reference))
        {
            caseFileId = await Db.CaseFiles.Where(c => c.Reference.ToUpper() == reference).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
            if (caseFileId is null)
            {
                unreadable[DeliveryFields.CaseFileId] = TextKey("This case file was not found.");
            }
        }
        return new DeliveryDraft
        {
            Id = id,
            Version = id is null ? null : Input.Version,
            ServiceId = Input.ServiceId,
            OnDate = Input.OnDate,
            StartTime = start,
            Duration = duration,
            TypeId = Input.TypeId,
            ActCategoryId = Input.ActCategoryId,
            WorkerId = Input.WorkerId,
            OtherWorkerIds = Input.OtherWorkerIds,
            CaseFileId = caseFileId,
            BeneficiaryId = Input.BeneficiaryId,
            SiteId = Input.SiteId,
            Kilometres = kilometres,
            Note = Input.Note,
            Unreadable = unreadable,
        };
    }

    /// <summary>Puts each problem next to its field, in the reader's language.</summary>
    protected void ShowProblems(IEnumerable<DeliveryProblem> problems)
    {
        foreach (var problem in problems)
        {
            ModelState.AddModelError(FormField(problem.Field), problem.Text(Localizer));
        }
    }

    protected void ShowChangedMeanwhile() =>
        ModelState.AddModelError("", Localizer["Someone else changed this delivery meanwhile. Nothing was saved: check the page and try again."]);

    private static string FormField(string field) => field switch
    {
        DeliveryFields.Id or DeliveryFields.Version or "" => "",
        DeliveryFields.CaseFileId => $"{nameof(Input)}.{nameof(DeliveryInput.CaseFileReference)}",
        _ => $"{nameof(Input)}.{char.ToUpperInvariant(field[0])}{field[1..]}",
    };
}
