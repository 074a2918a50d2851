namespace Suivi.Domain;

public enum CaseFileStatus
{
    Open,
    Closed,
}

public enum CaseMemberRole
{
    Child,
    Mother,
    Father,
    Parent,
    Caregiver,
    Client,
    Other,
}

/// <summary>
/// The follow-up of a person or family by a service, from opening to closing. This is the skeleton
/// the full lifecycle (qualification, episodes, restriction) builds on.
/// </summary>
public sealed class CaseFile : IOrganisationOwned, IVersioned
{
    private readonly List<CaseFileMember> _members = [];
    private readonly List<CaseFileWorker> _workers = [];

    private CaseFile() { Reference = ""; }

    public CaseFile(Guid serviceId, string reference, DateOnly openedOn)
    {
        Id = Guid.CreateVersion7();
        ServiceId = serviceId;
        Reference = Require.Text(reference, nameof(Reference), 40);
        OpenedOn = openedOn;
        Status = CaseFileStatus.Open;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid ServiceId { get; private set; }
    public string Reference { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public CaseFileStatus Status { get; private set; }
    public long Version { get; private set; }

    public IReadOnlyList<CaseFileMember> Members => _members;
    public IReadOnlyList<CaseFileWorker> Workers => _workers;

    public void AddMember(Guid beneficiaryId, CaseMemberRole role)
    {
        if (_members.Any(m => m.BeneficiaryId == beneficiaryId))
        {
            throw new DomainRuleException("This person is already a member of the case file.", "BeneficiaryId");
        }
        _members.Add(new CaseFileMember(Id, beneficiaryId, role));
    }

    public void AssignWorker(Guid staffMemberId)
    {
        if (_workers.All(w => w.StaffMemberId != staffMemberId))
        {
            _workers.Add(new CaseFileWorker(Id, staffMemberId));
        }
    }

    public void Close(DateOnly closedOn)
    {
        if (Status == CaseFileStatus.Closed)
        {
            throw new DomainRuleException("This case file is already closed.");
        }
        if (closedOn < OpenedOn)
        {
            throw new DomainRuleException("A case file cannot close before it opened.", nameof(ClosedOn));
        }
        ClosedOn = closedOn;
        Status = CaseFileStatus.Closed;
    }
}

public sealed class CaseFileMember : IOrganisationOwned
{
    private CaseFileMember() { }

    internal CaseFileMember(Guid caseFileId, Guid beneficiaryId, CaseMemberRole role)
    {
        CaseFileId = caseFileId;
        BeneficiaryId = beneficiaryId;
        Role = role;
    }

    public Guid CaseFileId { get; private set; }
    public Guid BeneficiaryId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public CaseMemberRole Role { get; private set; }
}

public sealed class CaseFileWorker : IOrganisationOwned
{
    private CaseFileWorker() { }

    internal CaseFileWorker(Guid caseFileId, Guid staffMemberId)
    {
        CaseFileId = caseFileId;
        StaffMemberId = staffMemberId;
    }

    public Guid CaseFileId { get; private set; }
    public Guid StaffMemberId { get; private set; }
    public Guid OrganisationId { get; private set; }
}
