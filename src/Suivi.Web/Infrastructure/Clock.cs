namespace Suivi;

/// <summary>The application's calendar day.</summary>
public static class Clock
{
    /// <summary>
    /// Today as Suivi counts days: in UTC, the same for every server and every user, so a date checked in a form,
    /// the API, an import or a report is checked against the same day.
    /// </summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
