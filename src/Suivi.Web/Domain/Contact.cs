namespace Suivi.Domain;

public enum ContactKind
{
    /// <summary>A call to or from the helpline.</summary>
    HelplineCall,

    /// <summary>A contact with the client-relations service (prospective, current or former clients).</summary>
    ClientRelations,

    Other,
}

public enum ContactDirection
{
    /// <summary>Came in through the public number.</summary>
    Inbound,

    /// <summary>A callback or a call redirected from a branch.</summary>
    Redirected,

    Outbound,
}

/// <summary>
/// One entry of a service's contact log: a helpline call, a client-relations contact. An anonymous
/// contact is counted without creating a person; a contact can become a request in one step.
/// </summary>
public sealed class Contact : IOrganisationOwned, IVersioned, IImported
{
    private Contact() { }

    public Contact(Guid serviceId, ContactDetails details, DateOnly today)
    {
        Id = Guid.CreateVersion7();
        ServiceId = serviceId;
        Correct(details, today);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid ServiceId { get; private set; }
    public ContactKind Kind { get; private set; }
    public ContactDirection Direction { get; private set; }
    public DateOnly OnDate { get; private set; }
    public TimeOnly? AtTime { get; private set; }
    public int? DurationSeconds { get; private set; }

    /// <summary>Phone, e-mail, in person (list <see cref="ListKind.Channel"/>).</summary>
    public Guid? ChannelId { get; private set; }

    /// <summary>The person it was about or with; none for an anonymous contact.</summary>
    public Guid? BeneficiaryId { get; private set; }

    /// <summary>What came of it (list <see cref="ListKind.ContactOutcome"/>): new care, existing or former client, information only.</summary>
    public Guid? OutcomeId { get; private set; }

    public Guid? StaffMemberId { get; private set; }
    public string? Subject { get; private set; }

    /// <summary>The request this contact was turned into.</summary>
    public Guid? RequestId { get; private set; }

    public string? ExternalId { get; private set; }
    public Guid? ImportRunId { get; private set; }
    public long Version { get; private set; }

    public bool IsAnonymous => BeneficiaryId is null;

    public void Correct(ContactDetails details, DateOnly today)
    {
        if (details.OnDate > today.AddDays(DeliveryRules.FutureToleranceDays))
        {
            throw new DomainRuleException("A contact is recorded once it happened: the date lies in the future.", nameof(OnDate));
        }
        if (details.Duration is { } d && (d < TimeSpan.Zero || d > TimeSpan.FromHours(12)))
        {
            throw new DomainRuleException("A contact lasts between 0 and 12 hours.", "Duration");
        }
        Kind = details.Kind;
        Direction = details.Direction;
        OnDate = details.OnDate;
        AtTime = details.AtTime;
        DurationSeconds = details.Duration is { } duration ? (int)duration.TotalSeconds : null;
        ChannelId = details.ChannelId;
        BeneficiaryId = details.BeneficiaryId;
        OutcomeId = details.OutcomeId;
        StaffMemberId = details.StaffMemberId;
        Subject = Require.OptionalText(details.Subject, nameof(Subject), 2000);
    }

    public void TurnedInto(Guid requestId)
    {
        if (RequestId is not null)
        {
            throw new DomainRuleException("This contact was already turned into a request.", nameof(RequestId));
        }
        RequestId = requestId;
    }

    public void ImportedAs(string? externalId, Guid importRunId)
    {
        ExternalId = Require.OptionalText(externalId, nameof(ExternalId), 100);
        ImportRunId = importRunId;
    }
}

public sealed record ContactDetails(
    ContactKind Kind,
    ContactDirection Direction,
    DateOnly OnDate,
    TimeOnly? AtTime,
    TimeSpan? Duration,
    Guid? ChannelId,
    Guid? BeneficiaryId,
    Guid? OutcomeId,
    Guid? StaffMemberId,
    string? Subject);

/// <summary>A person's subscription to the alarm service, with the device they wear, from one date to another.</summary>
public sealed class AlarmSubscription : IOrganisationOwned, IVersioned, IImported
{
    private AlarmSubscription() { }

    public AlarmSubscription(Guid serviceId, Guid beneficiaryId, Guid deviceId, DateOnly from, DateOnly today)
    {
        Id = Guid.CreateVersion7();
        ServiceId = serviceId;
        BeneficiaryId = beneficiaryId;
        DeviceId = deviceId;
        if (from > today.AddDays(31))
        {
            throw new DomainRuleException("A subscription starts at most a month ahead.", nameof(From));
        }
        From = from;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid ServiceId { get; private set; }
    public Guid BeneficiaryId { get; private set; }

    /// <summary>Bracelet, pendant, watch with geolocation (list <see cref="ListKind.AlarmDevice"/>).</summary>
    public Guid DeviceId { get; private set; }

    public DateOnly From { get; private set; }

    /// <summary>The last day of the subscription; open while null.</summary>
    public DateOnly? To { get; private set; }

    public string? ExternalId { get; private set; }
    public Guid? ImportRunId { get; private set; }
    public long Version { get; private set; }

    public bool IsActiveOn(DateOnly day) => From <= day && (To is null || day <= To);

    public void End(DateOnly on)
    {
        if (To is not null)
        {
            throw new DomainRuleException("This subscription has already ended.", nameof(To));
        }
        if (on < From)
        {
            throw new DomainRuleException("A subscription ends on or after the day it started.", nameof(To));
        }
        To = on;
    }

    public void ChangeDevice(Guid deviceId) => DeviceId = deviceId;

    public void ImportedAs(string? externalId, Guid importRunId)
    {
        ExternalId = Require.OptionalText(externalId, nameof(ExternalId), 100);
        ImportRunId = importRunId;
    }
}

/// <summary>An alarm raised by a subscriber and how it was handled.</summary>
public sealed class Alarm : IOrganisationOwned, IVersioned, IImported
{
    private Alarm() { }

    public Alarm(AlarmSubscription subscription, DateOnly onDate, TimeOnly? atTime, Guid outcomeId, string? note, DateOnly today)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = subscription.OrganisationId;
        ServiceId = subscription.ServiceId;
        SubscriptionId = subscription.Id;
        if (onDate > today.AddDays(DeliveryRules.FutureToleranceDays))
        {
            throw new DomainRuleException("An alarm is recorded once raised: the date lies in the future.", nameof(OnDate));
        }
        if (!subscription.IsActiveOn(onDate))
        {
            throw new DomainRuleException("The subscription was not active on this date.", nameof(OnDate));
        }
        OnDate = onDate;
        AtTime = atTime;
        OutcomeId = outcomeId;
        Note = Require.OptionalText(note, nameof(Note), 2000);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid ServiceId { get; private set; }
    public Guid SubscriptionId { get; private set; }
    public DateOnly OnDate { get; private set; }
    public TimeOnly? AtTime { get; private set; }

    /// <summary>How it was handled (list <see cref="ListKind.AlarmOutcome"/>).</summary>
    public Guid OutcomeId { get; private set; }

    public string? Note { get; private set; }
    public string? ExternalId { get; private set; }
    public Guid? ImportRunId { get; private set; }
    public long Version { get; private set; }

    public void ImportedAs(string? externalId, Guid importRunId)
    {
        ExternalId = Require.OptionalText(externalId, nameof(ExternalId), 100);
        ImportRunId = importRunId;
    }
}
