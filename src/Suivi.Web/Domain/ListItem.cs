namespace Suivi.Domain;

/// <summary>The configurable lists an organisation codes its case work with.</summary>
public enum ListKind
{
    RequestSource,
    Channel,
    RefusalReason,
    ReorientationReason,
    NoFileReason,
    ClosureReason,
    JusticeAuthority,
    ReferralSpeciality,
    Flag,
    DeliveryType,
    ActCategory,
    ContactOutcome,
    AlarmDevice,
    AlarmOutcome,
    GroupActivityKind,
}

/// <summary>What a case-file flag records besides being set.</summary>
public enum FlagValue
{
    None,
    Number,
    JusticeAuthority,
}

/// <summary>
/// One entry of a configurable list (a request source, a closure reason, …), for the whole organisation
/// or for one service. Entries are retired, never deleted, so old records keep their meaning.
/// </summary>
public sealed class ListItem : IOrganisationOwned, IVersioned
{
    private ListItem() { Code = ""; Label = null!; }

    public ListItem(ListKind list, string code, Label label, int position, Guid? serviceId = null, FlagValue flagValue = FlagValue.None)
    {
        Id = Guid.CreateVersion7();
        List = list;
        Code = Require.Code(code);
        Label = label;
        Position = position;
        ServiceId = serviceId;
        FlagValue = list == ListKind.Flag ? flagValue : FlagValue.None;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public ListKind List { get; private set; }

    /// <summary>Only for this service when set; for every service of the organisation otherwise.</summary>
    public Guid? ServiceId { get; private set; }

    public string Code { get; private set; }
    public Label Label { get; private set; }
    public int Position { get; private set; }
    public FlagValue FlagValue { get; private set; }
    public DateOnly? RetiredOn { get; private set; }
    public long Version { get; private set; }

    public bool IsActive => RetiredOn is null;

    public void Relabel(Label label, int position)
    {
        Label = label;
        Position = position;
    }

    public void Retire(DateOnly on) => RetiredOn ??= on;

    public void Reinstate() => RetiredOn = null;
}
