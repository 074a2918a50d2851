using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Attendance.DayCentres;

/// <summary>
/// The register of one day at a day centre: who came. Saving it adds the visits of those present who
/// were not registered yet and removes those of the people marked absent, in one save, so a refused
/// register writes nothing. Registering someone already registered changes nothing (one visit a day).
/// </summary>
public static class DayRegister
{
    public sealed record Outcome(int Added, int Removed);

    /// <summary>The day centre <paramref name="id"/> of the organisation, or null (another kind of service, or not ours).</summary>
    public static Task<Service?> FindCentreAsync(SuiviDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.Kind == ServiceKind.DayCentre, cancellationToken);

    /// <summary>
    /// Changes the register of <paramref name="day"/>: <paramref name="present"/> came; of the people
    /// registered that day, those in <paramref name="absent"/> did not (or, when it is null, everyone not
    /// present). The caller saves.
    /// </summary>
    public static async Task<Outcome> ApplyAsync(SuiviDbContext db, Guid centreId, DateOnly day, IReadOnlyCollection<Guid> present,
        IReadOnlyCollection<Guid>? absent, DateOnly today, CancellationToken cancellationToken)
    {
        if (day > today.AddDays(DeliveryRules.FutureToleranceDays))
        {
            throw new DomainRuleException("A visit is recorded once it happened: the date lies in the future.", "Date");
        }
        var came = present.ToHashSet();
        var known = await db.Beneficiaries.Where(b => came.Contains(b.Id)).CountAsync(cancellationToken);
        if (known != came.Count)
        {
            throw new DomainRuleException("Someone in the register is not a person recorded in the organisation.", "PersonIds");
        }
        var registered = await db.DayCentreVisits.Where(v => v.ServiceId == centreId && v.OnDate == day).ToListAsync(cancellationToken);
        var removed = registered.Where(v => !came.Contains(v.BeneficiaryId) && (absent is null || absent.Contains(v.BeneficiaryId))).ToList();
        db.DayCentreVisits.RemoveRange(removed);
        var added = came.Except(registered.Select(v => v.BeneficiaryId)).Select(person => new DayCentreVisit(centreId, person, day, today)).ToList();
        db.DayCentreVisits.AddRange(added);
        return new Outcome(added.Count, removed.Count);
    }

    /// <summary>The people who came to the centre in the eight weeks before <paramref name="day"/>, with their latest visit then.</summary>
    public static async Task<Dictionary<Guid, DateOnly>> RegularsAsync(SuiviDbContext db, Guid centreId, DateOnly day, CancellationToken cancellationToken) =>
        await db.DayCentreVisits
            .Where(v => v.ServiceId == centreId && v.OnDate >= day.AddDays(-56) && v.OnDate < day)
            .GroupBy(v => v.BeneficiaryId)
            .Select(g => new { Person = g.Key, Latest = g.Max(v => v.OnDate) })
            .ToDictionaryAsync(r => r.Person, r => r.Latest, cancellationToken);
}
