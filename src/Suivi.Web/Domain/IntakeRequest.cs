namespace Suivi.Domain;

public enum Urgency
{
    Normal,
    Urgent,
}

public enum DecisionKind
{
    /// <summary>Taken on: a case file is opened for the persons concerned.</summary>
    Accepted,

    /// <summary>Not taken on, for a coded reason.</summary>
    NotTakenOn,

    /// <summary>Sent on to a partner service, for a coded reason.</summary>
    Reoriented,

    /// <summary>Answered without opening a file (advice by phone to a parent or a professional).</summary>
    HandledWithoutFile,
}

/// <summary>
/// An incoming request for help (demande) and the decision taken on it. A decision is never silently
/// replaced: a correction is a new decision that says why, and the earlier one stays in the history.
/// </summary>
public sealed class IntakeRequest : IOrganisationOwned, IVersioned
{
    private readonly List<RequestPerson> _persons = [];
    private readonly List<RequestDecision> _decisions = [];

    private IntakeRequest() { Summary = ""; }

    public IntakeRequest(DateOnly receivedOn, Guid sourceId, Guid? channelId, Guid serviceId, string summary, Urgency urgency, DateOnly today)
    {
        if (receivedOn > today)
        {
            throw new DomainRuleException("A request cannot be received in the future.", nameof(ReceivedOn));
        }
        if (sourceId == Guid.Empty)
        {
            throw new DomainRuleException("Choose where the request comes from.", nameof(SourceId));
        }
        Id = Guid.CreateVersion7();
        ReceivedOn = receivedOn;
        SourceId = sourceId;
        ChannelId = channelId;
        ServiceId = serviceId;
        Summary = Require.Text(summary, nameof(Summary), 4000);
        Urgency = urgency;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public Guid SourceId { get; private set; }
    public Guid? ChannelId { get; private set; }
    public Guid ServiceId { get; private set; }
    public string Summary { get; private set; }
    public Urgency Urgency { get; private set; }
    public long Version { get; private set; }

    /// <summary>The decision in force (the latest one), if any.</summary>
    public DecisionKind? Decision { get; private set; }

    public DateOnly? DecidedOn { get; private set; }
    public IReadOnlyList<RequestPerson> Persons => _persons;
    public IReadOnlyList<RequestDecision> Decisions => _decisions;
    public bool IsWaiting => Decision is null;

    public void AddPerson(Guid beneficiaryId) =>
        _persons.Add(RequestPerson.Known(OrganisationId, Id, _persons.Count + 1, beneficiaryId));

    /// <summary>A person who is not (or not yet) recorded: an anonymous caller, a child whose name is not given.</summary>
    public void AddAnonymousPerson(string description) =>
        _persons.Add(RequestPerson.Anonymous(OrganisationId, Id, _persons.Count + 1, Require.Text(description, "Description", 200)));

    public RequestDecision Decide(DecisionDetails decision, Guid? userId, string? userName) =>
        Record(decision, userId, userName, correction: null);

    /// <summary>Replaces the decision in force, recording why; the earlier decision stays in the history.</summary>
    public RequestDecision Correct(DecisionDetails decision, string why, Guid? userId, string? userName)
    {
        if (Decision is null)
        {
            throw new DomainRuleException("This request has no decision to correct yet.");
        }
        return Record(decision, userId, userName, Require.Text(why, "Why", 1000));
    }

    private RequestDecision Record(DecisionDetails decision, Guid? userId, string? userName, string? correction)
    {
        if (correction is null && Decision is not null)
        {
            throw new DomainRuleException("This request has already been decided; record a correction instead.");
        }
        if (decision.On < ReceivedOn)
        {
            throw new DomainRuleException("A decision cannot come before the request.", "DecidedOn");
        }
        switch (decision.Kind)
        {
            case DecisionKind.Accepted when decision.CaseFileId is null:
                throw new DomainRuleException("An accepted request opens a case file.", "CaseFileId");
            case DecisionKind.NotTakenOn when decision.ReasonId is null:
            case DecisionKind.Reoriented when decision.ReasonId is null:
                throw new DomainRuleException("Choose the reason.", "ReasonId");
            case DecisionKind.Reoriented when decision.PartnerServiceId is null:
                throw new DomainRuleException("Choose the service the request is sent to.", "PartnerServiceId");
        }
        var recorded = new RequestDecision(OrganisationId, Id, _decisions.Count + 1, decision, userId, userName, correction);
        _decisions.Add(recorded);
        Decision = decision.Kind;
        DecidedOn = decision.On;
        return recorded;
    }
}

/// <summary>What is decided on a request.</summary>
public sealed record DecisionDetails(DecisionKind Kind, DateOnly On, Guid? ReasonId, Guid? PartnerServiceId, Guid? CaseFileId, string? Note);

public sealed class RequestPerson : IOrganisationOwned
{
    private RequestPerson() { }

    public Guid RequestId { get; private set; }
    public int Position { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid? BeneficiaryId { get; private set; }
    public string? Description { get; private set; }

    internal static RequestPerson Known(Guid organisationId, Guid requestId, int position, Guid beneficiaryId) =>
        new() { OrganisationId = organisationId, RequestId = requestId, Position = position, BeneficiaryId = beneficiaryId };

    internal static RequestPerson Anonymous(Guid organisationId, Guid requestId, int position, string description) =>
        new() { OrganisationId = organisationId, RequestId = requestId, Position = position, Description = description };
}

/// <summary>One decision on a request, or a correction of the one before, with its date and author.</summary>
public sealed class RequestDecision : IOrganisationOwned
{
    private RequestDecision() { }

    internal RequestDecision(Guid organisationId, Guid requestId, int number, DecisionDetails decision, Guid? userId, string? userName, string? correction)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        RequestId = requestId;
        Number = number;
        Kind = decision.Kind;
        DecidedOn = decision.On;
        ReasonId = decision.ReasonId;
        PartnerServiceId = decision.PartnerServiceId;
        CaseFileId = decision.CaseFileId;
        Note = Require.OptionalText(decision.Note, nameof(Note), 2000);
        DecidedBy = userId;
        DecidedByName = userName;
        CorrectionWhy = correction;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid RequestId { get; private set; }
    public int Number { get; private set; }
    public DecisionKind Kind { get; private set; }
    public DateOnly DecidedOn { get; private set; }
    public Guid? ReasonId { get; private set; }
    public Guid? PartnerServiceId { get; private set; }
    public Guid? CaseFileId { get; private set; }
    public string? Note { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public string? DecidedByName { get; private set; }

    /// <summary>Why this decision replaced the one before; null for the first decision.</summary>
    public string? CorrectionWhy { get; private set; }
}
