namespace Suivi.Domain;

public enum AppointmentStatus
{
    /// <summary>Asked for and planned, not yet held.</summary>
    Requested,
    Held,
    Postponed,
    Cancelled,
}

/// <summary>Who postponed or cancelled an appointment: reports count both sides separately.</summary>
public enum AppointmentParty
{
    Family,
    Service,
}

/// <summary>
/// An appointment with a service (the social paediatrician's consultations): requested, then held,
/// postponed or cancelled — and by whom. A postponed appointment points to the one that replaces it.
/// </summary>
public sealed class Appointment : IOrganisationOwned, IVersioned, IImported
{
    private Appointment() { }

    public Appointment(Guid serviceId, AppointmentDetails details, DateOnly requestedOn, DateOnly today)
    {
        Id = Guid.CreateVersion7();
        ServiceId = serviceId;
        if (requestedOn > today)
        {
            throw new DomainRuleException("The request date lies in the future.", nameof(RequestedOn));
        }
        RequestedOn = requestedOn;
        Status = AppointmentStatus.Requested;
        Reschedule(details);
        if (OnDate < RequestedOn)
        {
            throw new DomainRuleException("An appointment falls on or after the day it was requested.", nameof(OnDate));
        }
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid ServiceId { get; private set; }
    public DateOnly RequestedOn { get; private set; }
    public DateOnly OnDate { get; private set; }
    public TimeOnly? StartTime { get; private set; }

    /// <summary>Where it takes place: one of the service's sites.</summary>
    public Guid? SiteId { get; private set; }

    /// <summary>The kind of appointment (list <see cref="ListKind.DeliveryType"/>).</summary>
    public Guid? TypeId { get; private set; }

    public Guid? BeneficiaryId { get; private set; }
    public Guid? CaseFileId { get; private set; }
    public Guid? StaffMemberId { get; private set; }
    public AppointmentStatus Status { get; private set; }

    /// <summary>Who postponed or cancelled it.</summary>
    public AppointmentParty? ChangedBy { get; private set; }

    public string? ChangeReason { get; private set; }

    /// <summary>The appointment that replaces this postponed one.</summary>
    public Guid? PostponedToId { get; private set; }

    public string? Note { get; private set; }
    public string? ExternalId { get; private set; }
    public Guid? ImportRunId { get; private set; }
    public long Version { get; private set; }

    public void Reschedule(AppointmentDetails details)
    {
        if (Status != AppointmentStatus.Requested)
        {
            throw new DomainRuleException("Only an appointment still to come can be changed.", nameof(Status));
        }
        OnDate = details.OnDate;
        StartTime = details.StartTime;
        SiteId = details.SiteId;
        TypeId = details.TypeId;
        BeneficiaryId = details.BeneficiaryId;
        CaseFileId = details.CaseFileId;
        StaffMemberId = details.StaffMemberId;
        Note = Require.OptionalText(details.Note, nameof(Note), 2000);
        if (BeneficiaryId is null && CaseFileId is null)
        {
            throw new DomainRuleException("Choose the person or the case file the appointment is for.", nameof(BeneficiaryId));
        }
    }

    public void Hold(DateOnly today)
    {
        EnsureToCome();
        if (OnDate > today)
        {
            throw new DomainRuleException("An appointment is held on its day, not before.", nameof(OnDate));
        }
        Status = AppointmentStatus.Held;
    }

    /// <summary>Postpones to a new appointment, which the caller saves too.</summary>
    public Appointment Postpone(AppointmentParty by, string? reason, DateOnly newDate, TimeOnly? newTime, DateOnly today)
    {
        EnsureToCome();
        Status = AppointmentStatus.Postponed;
        ChangedBy = by;
        ChangeReason = Require.OptionalText(reason, nameof(ChangeReason), 1000);
        var next = new Appointment(ServiceId,
            new AppointmentDetails(newDate, newTime, SiteId, TypeId, BeneficiaryId, CaseFileId, StaffMemberId, Note), today, today)
        {
            OrganisationId = OrganisationId,
        };
        PostponedToId = next.Id;
        return next;
    }

    public void Cancel(AppointmentParty by, string? reason)
    {
        EnsureToCome();
        Status = AppointmentStatus.Cancelled;
        ChangedBy = by;
        ChangeReason = Require.OptionalText(reason, nameof(ChangeReason), 1000);
    }

    /// <summary>For imports of past appointments whose outcome is known.</summary>
    public void RecordOutcome(AppointmentStatus status, AppointmentParty? by, string? reason, DateOnly today)
    {
        switch (status)
        {
            case AppointmentStatus.Held: Hold(today); break;
            case AppointmentStatus.Postponed or AppointmentStatus.Cancelled:
                EnsureToCome();
                Status = status;
                ChangedBy = by ?? throw new DomainRuleException("Say who postponed or cancelled it: family or service.", nameof(ChangedBy));
                ChangeReason = Require.OptionalText(reason, nameof(ChangeReason), 1000);
                break;
        }
    }

    public void ImportedAs(string? externalId, Guid importRunId)
    {
        ExternalId = Require.OptionalText(externalId, nameof(ExternalId), 100);
        ImportRunId = importRunId;
    }

    private void EnsureToCome()
    {
        if (Status != AppointmentStatus.Requested)
        {
            throw new DomainRuleException("This appointment was already held, postponed or cancelled.", nameof(Status));
        }
    }
}

public sealed record AppointmentDetails(
    DateOnly OnDate,
    TimeOnly? StartTime,
    Guid? SiteId,
    Guid? TypeId,
    Guid? BeneficiaryId,
    Guid? CaseFileId,
    Guid? StaffMemberId,
    string? Note);
