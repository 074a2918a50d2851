namespace Suivi.Domain;

/// <summary>A person's day at a day centre. Reports count visits and distinct visitors (someone visiting two centres counts once).</summary>
public sealed class DayCentreVisit : IOrganisationOwned, IImported
{
    private DayCentreVisit() { }

    public DayCentreVisit(Guid serviceId, Guid beneficiaryId, DateOnly onDate, DateOnly today)
    {
        if (onDate > today.AddDays(DeliveryRules.FutureToleranceDays))
        {
            throw new DomainRuleException("A visit is recorded once it happened: the date lies in the future.", nameof(OnDate));
        }
        Id = Guid.CreateVersion7();
        ServiceId = serviceId;
        BeneficiaryId = beneficiaryId;
        OnDate = onDate;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }

    /// <summary>The day centre (a service of kind <see cref="ServiceKind.DayCentre"/>).</summary>
    public Guid ServiceId { get; private set; }

    public Guid BeneficiaryId { get; private set; }
    public DateOnly OnDate { get; private set; }
    public string? ExternalId { get; private set; }
    public Guid? ImportRunId { get; private set; }

    public void ImportedAs(string? externalId, Guid importRunId)
    {
        ExternalId = Require.OptionalText(externalId, nameof(ExternalId), 100);
        ImportRunId = importRunId;
    }
}

/// <summary>
/// A resident's stay in a supervised-housing residence, from the day they moved in to the last night
/// (open while they live there). Occupancy per day follows from the stays; a person has one stay at a time.
/// </summary>
public sealed class HousingStay : IOrganisationOwned, IVersioned, IImported
{
    private HousingStay() { }

    public HousingStay(Guid serviceId, Guid beneficiaryId, DateOnly from, DateOnly? to, DateOnly today)
    {
        Id = Guid.CreateVersion7();
        ServiceId = serviceId;
        BeneficiaryId = beneficiaryId;
        if (from > today.AddDays(31))
        {
            throw new DomainRuleException("A stay starts at most a month ahead.", nameof(From));
        }
        From = from;
        if (to is { } end)
        {
            End(end);
        }
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }

    /// <summary>The residence (a service of kind <see cref="ServiceKind.SupervisedHousing"/>).</summary>
    public Guid ServiceId { get; private set; }

    public Guid BeneficiaryId { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly? To { get; private set; }
    public string? ExternalId { get; private set; }
    public Guid? ImportRunId { get; private set; }
    public long Version { get; private set; }

    public bool Overlaps(DateOnly from, DateOnly? to) =>
        From <= (to ?? DateOnly.MaxValue) && from <= (To ?? DateOnly.MaxValue);

    public void End(DateOnly on)
    {
        if (on < From)
        {
            throw new DomainRuleException("A stay ends on or after the day it started.", nameof(To));
        }
        To = on;
    }

    /// <summary>Puts right the dates of a stay recorded wrongly; without an end the stay is open again.</summary>
    public void Correct(DateOnly from, DateOnly? to, DateOnly today)
    {
        if (from > today.AddDays(31))
        {
            throw new DomainRuleException("A stay starts at most a month ahead.", nameof(From));
        }
        if (to is { } end && end < from)
        {
            throw new DomainRuleException("A stay ends on or after the day it started.", nameof(To));
        }
        From = from;
        To = to;
    }

    public void ImportedAs(string? externalId, Guid importRunId)
    {
        ExternalId = Require.OptionalText(externalId, nameof(ExternalId), 100);
        ImportRunId = importRunId;
    }
}

/// <summary>
/// A group activity — a club session, an excursion, a stay, a party, a cinema session — with the
/// people who took part, and a count of participants who are not recorded by name.
/// </summary>
public sealed class GroupActivity : IOrganisationOwned, IVersioned, IImported
{
    private readonly List<GroupActivityParticipant> _participants = [];

    private GroupActivity() { Title = ""; }

    public GroupActivity(Guid serviceId, GroupActivityDetails details)
    {
        Id = Guid.CreateVersion7();
        ServiceId = serviceId;
        Title = "";
        Change(details);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid ServiceId { get; private set; }

    /// <summary>Club session, excursion, stay, … (list <see cref="ListKind.GroupActivityKind"/>).</summary>
    public Guid KindId { get; private set; }

    public string Title { get; private set; }
    public DateOnly OnDate { get; private set; }

    /// <summary>The last day of an activity over several days (a stay).</summary>
    public DateOnly? EndDate { get; private set; }

    public Guid? SiteId { get; private set; }

    /// <summary>Participants counted but not recorded by name.</summary>
    public int UnnamedParticipants { get; private set; }

    public string? ExternalId { get; private set; }
    public Guid? ImportRunId { get; private set; }
    public long Version { get; private set; }

    public IReadOnlyList<GroupActivityParticipant> Participants => _participants;

    public int ParticipantCount => _participants.Count + UnnamedParticipants;

    public void Change(GroupActivityDetails details)
    {
        if (details.EndDate is { } end && end < details.OnDate)
        {
            throw new DomainRuleException("An activity ends on or after the day it starts.", nameof(EndDate));
        }
        if (details.UnnamedParticipants is < 0 or > 10_000)
        {
            throw new DomainRuleException("Give a number of participants between 0 and 10 000.", nameof(UnnamedParticipants));
        }
        KindId = details.KindId;
        Title = Require.Text(details.Title, nameof(Title));
        OnDate = details.OnDate;
        EndDate = details.EndDate;
        SiteId = details.SiteId;
        UnnamedParticipants = details.UnnamedParticipants;
    }

    public void AddParticipant(Guid beneficiaryId)
    {
        if (_participants.All(p => p.BeneficiaryId != beneficiaryId))
        {
            _participants.Add(new GroupActivityParticipant(OrganisationId, Id, beneficiaryId));
        }
    }

    public void RemoveParticipant(Guid beneficiaryId) => _participants.RemoveAll(p => p.BeneficiaryId == beneficiaryId);

    public void ImportedAs(string? externalId, Guid importRunId)
    {
        ExternalId = Require.OptionalText(externalId, nameof(ExternalId), 100);
        ImportRunId = importRunId;
    }
}

public sealed record GroupActivityDetails(Guid KindId, string Title, DateOnly OnDate, DateOnly? EndDate, Guid? SiteId, int UnnamedParticipants);

public sealed class GroupActivityParticipant : IOrganisationOwned
{
    private GroupActivityParticipant() { }

    internal GroupActivityParticipant(Guid organisationId, Guid activityId, Guid beneficiaryId)
    {
        OrganisationId = organisationId;
        ActivityId = activityId;
        BeneficiaryId = beneficiaryId;
    }

    public Guid OrganisationId { get; private set; }
    public Guid ActivityId { get; private set; }
    public Guid BeneficiaryId { get; private set; }
}

/// <summary>
/// A period in which a person receives long-term-care insurance benefits (assurance dépendance).
/// Reports split clients by it; periods of one person do not overlap.
/// </summary>
public sealed class CareInsurancePeriod : IOrganisationOwned, IVersioned, IImported
{
    private CareInsurancePeriod() { }

    public CareInsurancePeriod(Guid beneficiaryId, DateOnly from, DateOnly? to)
    {
        Id = Guid.CreateVersion7();
        BeneficiaryId = beneficiaryId;
        From = from;
        if (to is { } end)
        {
            End(end);
        }
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BeneficiaryId { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly? To { get; private set; }
    public string? ExternalId { get; private set; }
    public Guid? ImportRunId { get; private set; }
    public long Version { get; private set; }

    public bool Overlaps(DateOnly from, DateOnly? to) =>
        From <= (to ?? DateOnly.MaxValue) && from <= (To ?? DateOnly.MaxValue);

    public void End(DateOnly on)
    {
        if (on < From)
        {
            throw new DomainRuleException("A period ends on or after the day it started.", nameof(To));
        }
        To = on;
    }

    /// <summary>Puts right the dates of a period recorded wrongly; without an end the period is open again.</summary>
    public void Correct(DateOnly from, DateOnly? to)
    {
        if (to is { } end && end < from)
        {
            throw new DomainRuleException("A period ends on or after the day it started.", nameof(To));
        }
        From = from;
        To = to;
    }

    public void ImportedAs(string? externalId, Guid importRunId)
    {
        ExternalId = Require.OptionalText(externalId, nameof(ExternalId), 100);
        ImportRunId = importRunId;
    }
}
