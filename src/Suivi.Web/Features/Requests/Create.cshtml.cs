using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
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

/// <summary>
/// Records a request taken on the phone. Without script, the persons concerned are gathered by
/// posting the form to itself: a search adds candidates to tick, "add a row" adds a line for a new
/// or an unnamed person; nothing is saved until "Save".
/// </summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed partial class CreateModel(SuiviDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record Choice(Guid Id, string Label);
    public sealed record Candidate(Guid Id, string Name, DateOnly? BirthDate);

    [BindProperty]
    public RequestInput Input { get; set; } = new();

    /// <summary>The name searched for among the recorded persons.</summary>
    [BindProperty(Name = "find")]
    public string? Find { get; set; }

    public IReadOnlyList<Choice> Services { get; private set; } = [];
    public IReadOnlyList<Choice> Sources { get; private set; } = [];
    public IReadOnlyList<Choice> Channels { get; private set; } = [];

    /// <summary>The recorded persons ticked so far, then those the search found.</summary>
    public IReadOnlyList<Candidate> Picked { get; private set; } = [];
    public IReadOnlyList<Candidate> Found { get; private set; } = [];
    public bool Searched { get; private set; }

    /// <summary>The contact of the log this request is made from: it is linked to the request when saved.</summary>
    [BindProperty(SupportsGet = true, Name = "fromContact")]
    public Guid? FromContact { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? service, CancellationToken cancellationToken)
    {
        Input.ReceivedOn = clock.Today();
        Input.ServiceId = service;
        if (FromContact is { } contactId)
        {
            var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken);
            if (contact is null)
            {
                return NotFound();
            }
            Input.ReceivedOn = contact.OnDate;
            Input.ServiceId = contact.ServiceId;
            Input.ChannelId = contact.ChannelId;
            Input.Summary = contact.Subject ?? "";
            Input.PersonIds = contact.BeneficiaryId is { } person ? [person] : [];
            if (contact.RequestId is not null)
            {
                ModelState.AddModelError("", localizer["This contact was already turned into a request."]);
            }
        }
        await LoadChoicesAsync(cancellationToken);
        if (Input.ServiceId is null && Services.Count == 1)
        {
            Input.ServiceId = Services[0].Id;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSearchAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Searched = true;
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAddPersonAsync(CancellationToken cancellationToken)
    {
        Input.NewPeople.Add(new NewPersonInput());
        return RedisplayAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAddUnnamedAsync(CancellationToken cancellationToken)
    {
        Input.Anonymous.Add(null);
        return RedisplayAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        // Rows left empty are not persons; a message about a row names the row as the form shows it.
        var newRows = Input.NewPeople.Select((p, i) => (Person: p, Row: i))
            .Where(r => !string.IsNullOrWhiteSpace(r.Person.FirstName) || !string.IsNullOrWhiteSpace(r.Person.LastName)).ToList();
        var unnamedRows = Input.Anonymous.Select((d, i) => (Description: d, Row: i)).Where(r => !string.IsNullOrWhiteSpace(r.Description)).ToList();
        try
        {
            var request = await Intake.RecordAsync(db, new NewRequest(Input.ReceivedOn, Input.SourceId, Input.ChannelId, Input.ServiceId,
                    Input.Urgency, Input.Summary, Input.PersonIds, newRows.Select(r => new NewPerson(r.Person.FirstName, r.Person.LastName)).ToList(),
                    unnamedRows.Select(r => r.Description!).ToList()),
                clock.Today(), cancellationToken);
            if (FromContact is { } contactId)
            {
                // The contact and its request are saved together, or neither is.
                var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken);
                if (contact is null)
                {
                    return NotFound();
                }
                contact.TurnedInto(request.Id);
            }
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage("/Requests/Details", new { org = RouteData.Values["org"], id = request.Id });
        }
        catch (DomainRuleException rule) when (rule.Field == nameof(Contact.RequestId))
        {
            ModelState.AddModelError("", localizer[rule.Message]);
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        catch (DbUpdateConcurrencyException) when (FromContact is not null)
        {
            ModelState.AddModelError("", localizer["This contact was already turned into a request."]);
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        catch (DomainRuleException rule)
        {
            var field = InFormRows(rule.Field, newRows.Select(r => r.Row).ToList(), unnamedRows.Select(r => r.Row).ToList());
            FormErrors.Add(ModelState, nameof(Input), new DomainRuleException(rule.Message, field), localizer);
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken cancellationToken)
    {
        // Adding a row is not saving: no message yet about fields still to fill.
        ModelState.Clear();
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Services = await db.Services.OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
        Sources = (await db.ListItems.ActiveAsync(ListKind.RequestSource, Input.ServiceId, cancellationToken))
            .Select(i => new Choice(i.Id, i.LabelText())).ToList();
        Channels = (await db.ListItems.ActiveAsync(ListKind.Channel, Input.ServiceId, cancellationToken))
            .Select(i => new Choice(i.Id, i.LabelText())).ToList();
        if (Input.NewPeople.Count == 0)
        {
            Input.NewPeople.Add(new NewPersonInput());
        }
        if (Input.Anonymous.Count == 0)
        {
            Input.Anonymous.Add(null);
        }
        var picked = Input.PersonIds.Distinct().ToList();
        Picked = await db.Beneficiaries.Where(b => picked.Contains(b.Id)).InListOrder()
            .Select(b => new Candidate(b.Id, b.FirstName + " " + b.LastName, b.BirthDate)).ToListAsync(cancellationToken);
        if (Searched && SearchText.Fold(Find).Length > 0)
        {
            Found = await db.Beneficiaries.Matching(Find).Where(b => !picked.Contains(b.Id)).InListOrder().Take(20)
                .Select(b => new Candidate(b.Id, b.FirstName + " " + b.LastName, b.BirthDate)).ToListAsync(cancellationToken);
        }
    }

    /// <summary>"NewPeople[0].LastName" of the rows given to <see cref="Intake"/> is the form's row where it was typed.</summary>
    private static string? InFormRows(string? field, IReadOnlyList<int> newRows, IReadOnlyList<int> unnamedRows) =>
        field is null ? null : RowIndex().Replace(field, match =>
        {
            var list = match.Groups["list"].Value;
            var rows = list == nameof(NewRequest.NewPeople) ? newRows : unnamedRows;
            return $"{list}[{rows[int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture)]}]";
        });

    [GeneratedRegex(@"^(?<list>NewPeople|Anonymous)\[(?<index>\d+)\]")]
    private static partial Regex RowIndex();
}

/// <summary>The request form; <see cref="Intake"/> and the entities check the same rules again.</summary>
public sealed class RequestInput
{
    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Date)]
    public DateOnly? ReceivedOn { get; set; }

    [Required(ErrorMessage = "Choose where the request comes from.")]
    public Guid? SourceId { get; set; }

    public Guid? ChannelId { get; set; }

    [Required(ErrorMessage = "Choose the service.")]
    public Guid? ServiceId { get; set; }

    public Urgency Urgency { get; set; } = Urgency.Normal;

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(4000, ErrorMessage = "This field is too long.")]
    public string Summary { get; set; } = "";

    /// <summary>The recorded persons ticked.</summary>
    public List<Guid> PersonIds { get; set; } = [];

    public List<NewPersonInput> NewPeople { get; set; } = [];

    /// <summary>What the caller said of persons who were not named.</summary>
    public List<string?> Anonymous { get; set; } = [];
}

public sealed class NewPersonInput
{
    [StringLength(100, ErrorMessage = "This field is too long.")]
    public string? FirstName { get; set; }

    [StringLength(100, ErrorMessage = "This field is too long.")]
    public string? LastName { get; set; }
}
