using Suivi.Domain;

namespace Suivi.Features.Settings;

/// <summary>How the settings pages name each configurable list and what a flag records (English resource keys).</summary>
public static class ListKinds
{
    public static string Title(ListKind kind) => kind switch
    {
        ListKind.RequestSource => "Request sources",
        ListKind.Channel => "Channels",
        ListKind.RefusalReason => "Reasons for not taking a request on",
        ListKind.ReorientationReason => "Re-orientation reasons",
        ListKind.NoFileReason => "Ways of handling a request without a file",
        ListKind.ClosureReason => "Closure reasons",
        ListKind.JusticeAuthority => "Justice authorities",
        ListKind.ReferralSpeciality => "Referral specialities",
        ListKind.Flag => "Case-file flags",
        _ => kind.ToString(),
    };

    public static string Recorded(FlagValue value) => value switch
    {
        FlagValue.Number => "A number",
        FlagValue.JusticeAuthority => "A justice authority",
        _ => "Nothing more",
    };
}
