using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Requests;

/// <summary>
/// Case-file references as services number them: "{service code}-{year}-{number}", e.g. PSY-2025-0042,
/// numbered per service and year. A reference is unique within the organisation (the database says so).
/// </summary>
public static class CaseFileReferences
{
    /// <summary>
    /// The next reference of <paramref name="service"/> for <paramref name="year"/>, after every file of
    /// the organisation and <paramref name="skip"/> more (a file saved meanwhile by someone else makes
    /// the save fail on the unique index, and the caller tries the one after).
    /// </summary>
    public static async Task<string> NextAsync(SuiviDbContext db, Service service, int year, int skip, CancellationToken ct)
    {
        var prefix = $"{service.Code}-{year.ToString(CultureInfo.InvariantCulture)}-";
        // Numbering counts restricted files too (only their references are read, never shown), so a
        // restricted file's number is never handed out again. Tenancy still applies.
        var taken = await db.CaseFiles.IgnoreQueryFilters([SuiviDbContext.RestrictionFilter])
            .Where(c => c.Reference.StartsWith(prefix)).Select(c => c.Reference).ToListAsync(ct);
        var last = taken.Select(r => int.TryParse(r.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
        return prefix + (last + 1 + skip).ToString("0000", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether <paramref name="reference"/> is stored already: after a failed save, the one failure worth
    /// retrying with the next number (someone opened a file of the same service meanwhile).
    /// </summary>
    public static Task<bool> IsTakenAsync(SuiviDbContext db, string reference, CancellationToken ct) =>
        db.CaseFiles.IgnoreQueryFilters([SuiviDbContext.RestrictionFilter]).AnyAsync(c => c.Reference == reference, ct);
}
