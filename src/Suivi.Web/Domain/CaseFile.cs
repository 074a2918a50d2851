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

public enum TrafficLight
{
    Green,
    Orange,
    Red,
}

/// <summary>
/// The follow-up of a person or family by a service. Its life is a series of episodes: opening (with
/// its qualification), requalifications, closing (with a closure reason and the closing qualification);
/// reopening starts a new episode and keeps the old one. A coordinator can restrict the file to named
/// people: then nobody else sees it, anywhere.
/// </summary>
public sealed class CaseFile : IOrganisationOwned, IVersioned, IImported
{
    private readonly List<CaseFileMember> _members = [];
    private readonly List<CaseFileWorker> _workers = [];
    private readonly List<Episode> _episodes = [];
    private readonly List<Qualification> _qualifications = [];
    private readonly List<CaseFileFlag> _flags = [];
    private readonly List<CaseFileAccess> _access = [];
    private readonly List<Assessment> _assessments = [];

    // Children receive the file's OrganisationId (empty until the first save stamps the file and them):
    // EF Core may not change an owner that is part of a key once the row is tracked.

    private CaseFile() { Reference = ""; }

    public CaseFile(Guid serviceId, string reference, DateOnly openedOn)
    {
        Id = Guid.CreateVersion7();
        ServiceId = serviceId;
        Reference = Require.Text(reference, nameof(Reference), 40);
        OpenedOn = openedOn;
        Status = CaseFileStatus.Open;
        _episodes.Add(new Episode(OrganisationId, Id, 1, openedOn));
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid ServiceId { get; private set; }
    public string Reference { get; private set; }

    /// <summary>The first opening; each episode has its own dates.</summary>
    public DateOnly OpenedOn { get; private set; }

    /// <summary>The closing of the current episode, while it is closed.</summary>
    public DateOnly? ClosedOn { get; private set; }

    public CaseFileStatus Status { get; private set; }

    /// <summary>The request the file was opened from, if any.</summary>
    public Guid? RequestId { get; private set; }

    public bool IsRestricted { get; private set; }
    public TrafficLight? CurrentColour { get; private set; }
    public string? ExternalId { get; private set; }
    public Guid? ImportRunId { get; private set; }
    public long Version { get; private set; }

    public IReadOnlyList<CaseFileMember> Members => _members;
    public IReadOnlyList<CaseFileWorker> Workers => _workers;
    public IReadOnlyList<Episode> Episodes => _episodes;
    public IReadOnlyList<Qualification> Qualifications => _qualifications;
    public IReadOnlyList<CaseFileFlag> Flags => _flags;
    public IReadOnlyList<CaseFileAccess> Access => _access;
    public IReadOnlyList<Assessment> Assessments => _assessments;

    public Episode CurrentEpisode => _episodes.MaxBy(e => e.Number)!;

    public void OpenedFrom(Guid requestId) => RequestId ??= requestId;

    /// <summary>Whether one of its episodes covers the day: deliveries and appointments fall inside them.</summary>
    public bool WasOpenOn(DateOnly day) => _episodes.Any(e => e.OpenedOn <= day && (e.ClosedOn is null || day <= e.ClosedOn));

    public void ImportedAs(string? externalId, Guid importRunId)
    {
        ExternalId = Require.OptionalText(externalId, nameof(ExternalId), 100);
        ImportRunId = importRunId;
    }

    public void AddMember(Guid beneficiaryId, CaseMemberRole role)
    {
        if (_members.Any(m => m.BeneficiaryId == beneficiaryId))
        {
            throw new DomainRuleException("This person is already a member of the case file.", "BeneficiaryId");
        }
        _members.Add(new CaseFileMember(OrganisationId, Id, beneficiaryId, role));
    }

    /// <summary>Takes a person off the file; a file always keeps at least one member.</summary>
    public void RemoveMember(Guid beneficiaryId)
    {
        if (_members.All(m => m.BeneficiaryId != beneficiaryId))
        {
            throw new DomainRuleException("This person is not a member of the case file.", "BeneficiaryId");
        }
        if (_members.Count == 1)
        {
            throw new DomainRuleException("A case file keeps at least one member.", "BeneficiaryId");
        }
        _members.RemoveAll(m => m.BeneficiaryId == beneficiaryId);
    }

    public void AssignWorker(Guid staffMemberId)
    {
        if (_workers.All(w => w.StaffMemberId != staffMemberId))
        {
            _workers.Add(new CaseFileWorker(OrganisationId, Id, staffMemberId));
        }
    }

    public void UnassignWorker(Guid staffMemberId) => _workers.RemoveAll(w => w.StaffMemberId == staffMemberId);

    /// <summary>The qualification at opening of the current episode (one primary category, optional secondary ones).</summary>
    public Qualification QualifyAtOpening(QualificationChoice choice, Guid? userId)
    {
        EnsureOpen();
        if (_qualifications.Any(q => q.EpisodeNumber == CurrentEpisode.Number && q.Stage == QualificationStage.Opening))
        {
            throw new DomainRuleException("This episode already has its opening qualification; requalify instead.", "SchemeId");
        }
        return AddQualification(QualificationStage.Opening, choice, CurrentEpisode.OpenedOn, userId, null);
    }

    /// <summary>
    /// A new qualification while the file is open, in the scheme of the opening one so that opening and
    /// closing distributions compare like with like; the earlier ones stay, as its history.
    /// </summary>
    public Qualification Requalify(QualificationChoice choice, DateOnly on, Guid? userId, string? why)
    {
        EnsureOpen();
        if (OpeningQualification is not { } opening)
        {
            throw new DomainRuleException("Qualify the file at opening first.", "SchemeId");
        }
        if (choice.Scheme.Id != opening.SchemeId)
        {
            throw new DomainRuleException("A requalification uses the scheme of the opening qualification.", "SchemeId");
        }
        if (on < CurrentEpisode.OpenedOn)
        {
            throw new DomainRuleException("A requalification cannot precede the opening of the file.", "On");
        }
        return AddQualification(QualificationStage.Requalification, choice, on, userId, why);
    }

    public Qualification? OpeningQualification =>
        _qualifications.Where(q => q.EpisodeNumber == CurrentEpisode.Number && q.Stage == QualificationStage.Opening).SingleOrDefault();

    /// <summary>Closes the current episode with its reason and — when the file was qualified — its closing qualification.</summary>
    public void Close(DateOnly closedOn, Guid closureReasonId, QualificationChoice? closing, Guid? userId)
    {
        EnsureOpen();
        if (closedOn < CurrentEpisode.OpenedOn)
        {
            throw new DomainRuleException("A case file cannot close before it opened.", nameof(ClosedOn));
        }
        if (closureReasonId == Guid.Empty)
        {
            throw new DomainRuleException("Choose the reason for closing.", "ClosureReasonId");
        }
        if (OpeningQualification is { } opening)
        {
            if (closing is null)
            {
                throw new DomainRuleException("Give the closing qualification.", "PrimaryCategoryId");
            }
            if (closing.Scheme.Id != opening.SchemeId)
            {
                throw new DomainRuleException("The closing qualification uses the scheme of the opening one.", "SchemeId");
            }
            AddQualification(QualificationStage.Closing, closing, closedOn, userId, null);
        }
        CurrentEpisode.Close(closedOn, closureReasonId);
        ClosedOn = closedOn;
        Status = CaseFileStatus.Closed;
    }

    /// <summary>Opens a new episode; the closed one keeps its dates, reason and qualifications.</summary>
    public Episode Reopen(DateOnly on)
    {
        if (Status != CaseFileStatus.Closed)
        {
            throw new DomainRuleException("Only a closed case file can be reopened.");
        }
        if (on < ClosedOn)
        {
            throw new DomainRuleException("A case file cannot reopen before it closed.", "ReopenedOn");
        }
        var episode = new Episode(OrganisationId, Id, CurrentEpisode.Number + 1, on);
        _episodes.Add(episode);
        ClosedOn = null;
        Status = CaseFileStatus.Open;
        return episode;
    }

    public void SetFlag(ListItem flag, decimal? number, Guid? authorityId)
    {
        if (flag.List != ListKind.Flag)
        {
            throw new DomainRuleException("This is not a flag.", "FlagId");
        }
        if (flag.FlagValue == FlagValue.Number && number is null)
        {
            throw new DomainRuleException("This flag needs a number.", "Number");
        }
        if (flag.FlagValue == FlagValue.JusticeAuthority && authorityId is null)
        {
            throw new DomainRuleException("Choose the authority.", "AuthorityId");
        }
        _flags.RemoveAll(f => f.FlagId == flag.Id);
        _flags.Add(new CaseFileFlag(OrganisationId, Id, flag.Id, flag.FlagValue == FlagValue.Number ? number : null,
            flag.FlagValue == FlagValue.JusticeAuthority ? authorityId : null));
    }

    public void ClearFlag(Guid flagId) => _flags.RemoveAll(f => f.FlagId == flagId);

    /// <summary>Only the named people (and nobody else in the organisation, coordinators included) will see the file.</summary>
    public void RestrictTo(IReadOnlyCollection<Guid> userIds)
    {
        if (userIds.Count == 0)
        {
            throw new DomainRuleException("Name at least one person who may see the file.", "UserIds");
        }
        _access.RemoveAll(a => !userIds.Contains(a.UserId));
        foreach (var userId in userIds.Where(u => _access.All(a => a.UserId != u)))
        {
            _access.Add(new CaseFileAccess(OrganisationId, Id, userId));
        }
        IsRestricted = true;
    }

    public void LiftRestriction()
    {
        IsRestricted = false;
        _access.Clear();
    }

    public Assessment Assess(TrafficLight colour, DateOnly on, Guid? userId, string? authorName, string rationale)
    {
        var assessment = new Assessment(OrganisationId, Id, colour, on, userId, authorName, rationale);
        _assessments.Add(assessment);
        CurrentColour = _assessments.OrderBy(a => a.AssessedOn).ThenBy(a => a.Id).Last().Colour;
        return assessment;
    }

    private Qualification AddQualification(QualificationStage stage, QualificationChoice choice, DateOnly on, Guid? userId, string? why)
    {
        var qualification = new Qualification(OrganisationId, Id, CurrentEpisode.Number, stage, choice, on, userId, why);
        _qualifications.Add(qualification);
        return qualification;
    }

    private void EnsureOpen()
    {
        if (Status == CaseFileStatus.Closed)
        {
            throw new DomainRuleException("This case file is closed.");
        }
    }
}

public sealed class CaseFileMember : IOrganisationOwned
{
    private CaseFileMember() { }

    internal CaseFileMember(Guid organisationId, Guid caseFileId, Guid beneficiaryId, CaseMemberRole role)
    {
        OrganisationId = organisationId;
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

    internal CaseFileWorker(Guid organisationId, Guid caseFileId, Guid staffMemberId)
    {
        OrganisationId = organisationId;
        CaseFileId = caseFileId;
        StaffMemberId = staffMemberId;
    }

    public Guid CaseFileId { get; private set; }
    public Guid StaffMemberId { get; private set; }
    public Guid OrganisationId { get; private set; }
}

/// <summary>One period of follow-up, from an opening to a closing.</summary>
public sealed class Episode : IOrganisationOwned
{
    private Episode() { }

    internal Episode(Guid organisationId, Guid caseFileId, int number, DateOnly openedOn)
    {
        OrganisationId = organisationId;
        Id = Guid.CreateVersion7();
        CaseFileId = caseFileId;
        Number = number;
        OpenedOn = openedOn;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseFileId { get; private set; }
    public int Number { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public Guid? ClosureReasonId { get; private set; }

    internal void Close(DateOnly on, Guid reasonId)
    {
        ClosedOn = on;
        ClosureReasonId = reasonId;
    }
}

/// <summary>A flag set on a case file, with its value when the flag carries one (week of pregnancy, authority).</summary>
public sealed class CaseFileFlag : IOrganisationOwned
{
    private CaseFileFlag() { }

    internal CaseFileFlag(Guid organisationId, Guid caseFileId, Guid flagId, decimal? number, Guid? authorityId)
    {
        OrganisationId = organisationId;
        CaseFileId = caseFileId;
        FlagId = flagId;
        Number = number;
        AuthorityId = authorityId;
    }

    public Guid CaseFileId { get; private set; }
    public Guid FlagId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public decimal? Number { get; private set; }
    public Guid? AuthorityId { get; private set; }
}

/// <summary>A person named on a restricted case file.</summary>
public sealed class CaseFileAccess : IOrganisationOwned
{
    private CaseFileAccess() { }

    internal CaseFileAccess(Guid organisationId, Guid caseFileId, Guid userId)
    {
        OrganisationId = organisationId;
        CaseFileId = caseFileId;
        UserId = userId;
    }

    public Guid CaseFileId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid OrganisationId { get; private set; }
}

/// <summary>A traffic-light assessment of the situation, with who made it and why.</summary>
public sealed class Assessment : IOrganisationOwned
{
    private Assessment() { Rationale = ""; }

    internal Assessment(Guid organisationId, Guid caseFileId, TrafficLight colour, DateOnly on, Guid? userId, string? authorName, string rationale)
    {
        OrganisationId = organisationId;
        Id = Guid.CreateVersion7();
        CaseFileId = caseFileId;
        Colour = colour;
        AssessedOn = on;
        AssessedBy = userId;
        AuthorName = authorName;
        Rationale = Require.Text(rationale, nameof(Rationale), 2000);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseFileId { get; private set; }
    public TrafficLight Colour { get; private set; }
    public DateOnly AssessedOn { get; private set; }
    public Guid? AssessedBy { get; private set; }
    public string? AuthorName { get; private set; }
    public string Rationale { get; private set; }
}
