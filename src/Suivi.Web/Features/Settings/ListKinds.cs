using Suivi.Domain;

namespace Suivi.Features.Settings;

/// <summary>How the settings pages name each configurable list and what a flag records (English resource keys).</summary>
public static class ListKinds
{
    public static string Title(ListKind kind) => kind switch
    {
        ListKind.RequestSource => TextKey("Request sources"),
        ListKind.Channel => TextKey("Channels"),
        ListKind.RefusalReason => TextKey("Reasons for not taking a request on"),
        ListKind.ReorientationReason => TextKey("Re-orientation reasons"),
        ListKind.NoFileReason => TextKey("Ways of handling a request without a file"),
        ListKind.ClosureReason => TextKey("Closure reasons"),
        ListKind.JusticeAuthority => TextKey("Justice authorities"),
        ListKind.ReferralSpeciality => TextKey("Referral specialities"),
        ListKind.Flag => TextKey("Case-file flags"),
        ListKind.DeliveryType => TextKey("Types of delivery"),
        ListKind.ActCategory => TextKey("Act categories"),
        ListKind.ContactOutcome => TextKey("Contact outcomes"),
        ListKind.AlarmDevice => TextKey("Alarm devices"),
        ListKind.AlarmOutcome => TextKey("Alarm outcomes"),
        ListKind.GroupActivityKind => TextKey("Kinds of group activity"),
        _ => kind.ToString(),
    };

    public static string Recorded(FlagValue value) => value switch
    {
        FlagValue.Number => TextKey("A number"),
        FlagValue.JusticeAuthority => TextKey("A justice authority"),
        _ => TextKey("Nothing more"),
    };

    /// <summary>Marks an interface text chosen in code, so the translation check finds it.</summary>
    private static string TextKey(string english) => english;
}
