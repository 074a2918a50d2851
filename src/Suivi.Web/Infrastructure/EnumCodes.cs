namespace Suivi.Infrastructure;

/// <summary>How files people write name enum values: <c>CareAssistant</c> is <c>care-assistant</c> (import kinds, report codes).</summary>
public static class EnumCodes
{
    public static string Of<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
