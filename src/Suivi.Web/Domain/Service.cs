namespace Suivi.Domain;

public enum ServiceKind
{
    Branch,
    DayCentre,
    SupervisedHousing,
    SeniorClub,
    Leisure,
    AlarmService,
    Helpline,
    HospitalLiaison,
    ContinuousCare,
    ClientRelations,
    MedicalService,
    PsychologicalService,
    HomeVisiting,
    Delegates,
    Training,
    Network,
    NightShelter,
    SocialGrocery,
    Outreach,
}

/// <summary>A unit of an organisation that delivers help: a branch, a day centre, the helpline, …</summary>
public sealed class Service : IOrganisationOwned, IVersioned
{
    private Service() { Name = Code = ""; }

    public Service(string code, string name, ServiceKind kind)
    {
        Id = Guid.CreateVersion7();
        Code = Require.Text(code, nameof(Code), 20);
        Name = Require.Text(name, nameof(Name));
        Kind = kind;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public ServiceKind Kind { get; private set; }
    public long Version { get; private set; }
}
