using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Infrastructure;

namespace Suivi.Features.Contacts;

/// <summary>The contact form; <see cref="ContactLog"/> and <see cref="Contact"/> check the rules.</summary>
public sealed class ContactInput
{
    public Guid? ServiceId { get; set; }
    public ContactKind Kind { get; set; } = ContactKind.HelplineCall;
    public ContactDirection Direction { get; set; } = ContactDirection.Inbound;

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Date)]
    public DateOnly? OnDate { get; set; }

    [DataType(DataType.Time)]
    public TimeOnly? AtTime { get; set; }

    /// <summary>Calls are timed in minutes on the form; the API takes seconds.</summary>
    public int? DurationMinutes { get; set; }

    public Guid? ChannelId { get; set; }

    /// <summary>None for an anonymous contact.</summary>
    public Guid? BeneficiaryId { get; set; }

    public Guid? OutcomeId { get; set; }
    public Guid? StaffMemberId { get; set; }

    [StringLength(2000, ErrorMessage = "This field is too long.")]
    public string? Subject { get; set; }

    public long Version { get; set; }

    public ContactEntry ToEntry() =>
        new(ServiceId, Kind, Direction, OnDate, AtTime, DurationMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null, ChannelId,
            BeneficiaryId, OutcomeId, StaffMemberId, Subject);

    public static ContactInput From(Contact contact) => new()
    {
        ServiceId = contact.ServiceId,
        Kind = contact.Kind,
        Direction = contact.Direction,
        OnDate = contact.OnDate,
        AtTime = contact.AtTime,
        DurationMinutes = contact.DurationSeconds is { } seconds ? (int)Math.Round(seconds / 60m) : null,
        ChannelId = contact.ChannelId,
        BeneficiaryId = contact.BeneficiaryId,
        OutcomeId = contact.OutcomeId,
        StaffMemberId = contact.StaffMemberId,
        Subject = contact.Subject,
        Version = contact.Version,
    };
}

/// <summary>What the new-contact page and the correction on a contact's page share: the form (_ContactForm.cshtml) and its choices.</summary>
public abstract class ContactFormModel : PageModel
{
    protected ContactFormModel(SuiviDbContext db, IStringLocalizer<SharedResource> localizer)
    {
        Db = db;
        Localizer = localizer;
    }

    protected SuiviDbContext Db { get; }
    protected IStringLocalizer<SharedResource> Localizer { get; }

    [BindProperty]
    public ContactInput Input { get; set; } = new();

    /// <summary>The name searched for among the recorded persons.</summary>
    [BindProperty(Name = "find")]
    public string? Find { get; set; }

    public IReadOnlyList<Option> Services { get; private set; } = [];
    public IReadOnlyList<Option> Channels { get; private set; } = [];
    public IReadOnlyList<Option> Outcomes { get; private set; } = [];
    public IReadOnlyList<Option> Staff { get; private set; } = [];
    public PersonPicker Person { get; private set; } = null!;

    /// <summary>A recorded contact keeps its service: the form shows it without offering another.</summary>
    public virtual bool ServiceFixed => false;

    /// <summary>Fills the choices for the service chosen; the contact's own entries stay offered once retired.</summary>
    protected async Task LoadChoicesAsync(Contact? current, bool searched, CancellationToken ct)
    {
        Services = await FormOptions.ServicesAsync(Db, ct);
        Channels = await FormOptions.ListAsync(Db, ListKind.Channel, Input.ServiceId, current?.ChannelId, ct);
        Outcomes = await FormOptions.ListAsync(Db, ListKind.ContactOutcome, Input.ServiceId, current?.OutcomeId, ct);
        Staff = await FormOptions.StaffAsync(Db, Input.ServiceId, ct);
        Person = new PersonPicker($"{nameof(Input)}.{nameof(ContactInput.BeneficiaryId)}", Localizer["Person"],
            Input.BeneficiaryId, await PersonPicker.OfferAsync(Db, Input.BeneficiaryId, Find, searched, ct), Find, searched,
            Localizer["Anonymous: no person is recorded"]);
    }

    /// <summary>Shows a refused rule next to the field of the form it concerns.</summary>
    protected void Refused(DomainRuleException rule) =>
        FormErrors.Add(ModelState, nameof(Input),
            new DomainRuleException(rule.Message, rule.Field == nameof(ContactEntry.Duration) ? nameof(ContactInput.DurationMinutes) : rule.Field),
            Localizer);
}
