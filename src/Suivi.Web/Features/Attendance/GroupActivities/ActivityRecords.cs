using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Attendance.GroupActivities;

/// <summary>What a group activity is asked for, from the form or the API; every part is checked by <see cref="ActivityRecords.DetailsAsync"/>.</summary>
public sealed record ActivityWrite(Guid? KindId, string? Title, DateOnly? OnDate, DateOnly? EndDate, Guid? SiteId, int? UnnamedParticipants);

/// <summary>
/// Group activities for the pages and the API: checking what is recorded against the organisation's lists,
/// adding participants, and the figures reports read — activities, participations (named and unnamed
/// participants) and distinct participants (each named person once), all counted by the database.
/// </summary>
public static class ActivityRecords
{
    public sealed record Filter(Guid? ServiceId, Guid? KindId, DateOnly From, DateOnly To);

    public sealed record Figures(int Activities, int Participations, int DistinctParticipants);

    public sealed record KindFigures(Guid KindId, Figures Figures);

    public sealed record Row(Guid Id, DateOnly OnDate, DateOnly? EndDate, string Title, Guid KindId, Guid ServiceId, string Service,
        int Named, int Unnamed);

    public static IQueryable<GroupActivity> Matching(this IQueryable<GroupActivity> activities, Filter filter)
    {
        var matching = activities.Where(a => a.OnDate >= filter.From && a.OnDate <= filter.To);
        if (filter.ServiceId is { } service)
        {
            matching = matching.Where(a => a.ServiceId == service);
        }
        if (filter.KindId is { } kind)
        {
            matching = matching.Where(a => a.KindId == kind);
        }
        return matching;
    }

    public static async Task<Figures> FiguresAsync(SuiviDbContext db, IQueryable<GroupActivity> activities, CancellationToken cancellationToken)
    {
        var participants = db.GroupActivityParticipants.Where(p => activities.Any(a => a.Id == p.ActivityId));
        var count = await activities.CountAsync(cancellationToken);
        var unnamed = await activities.SumAsync(a => a.UnnamedParticipants, cancellationToken);
        var named = await participants.CountAsync(cancellationToken);
        var distinct = await participants.Select(p => p.BeneficiaryId).Distinct().CountAsync(cancellationToken);
        return new Figures(count, named + unnamed, distinct);
    }

    public static async Task<IReadOnlyList<KindFigures>> ByKindAsync(SuiviDbContext db, IQueryable<GroupActivity> activities,
        CancellationToken cancellationToken)
    {
        var perKind = await activities.GroupBy(a => a.KindId)
            .Select(g => new { Kind = g.Key, Activities = g.Count(), Unnamed = g.Sum(a => a.UnnamedParticipants) })
            .ToListAsync(cancellationToken);
        var named = await db.GroupActivityParticipants
            .Join(activities, p => p.ActivityId, a => a.Id, (p, a) => new { a.KindId, p.BeneficiaryId })
            .GroupBy(x => x.KindId)
            .Select(g => new { Kind = g.Key, Named = g.Count(), Distinct = g.Select(x => x.BeneficiaryId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Kind, cancellationToken);
        return perKind.Select(k => new KindFigures(k.Kind, new Figures(k.Activities,
                (named.GetValueOrDefault(k.Kind)?.Named ?? 0) + k.Unnamed, named.GetValueOrDefault(k.Kind)?.Distinct ?? 0)))
            .ToList();
    }

    /// <summary>Activities with their service's name and participant counts, the latest first.</summary>
    public static IQueryable<Row> Rows(SuiviDbContext db, IQueryable<GroupActivity> activities) =>
        activities.OrderByDescending(a => a.OnDate).ThenBy(a => a.Title).ThenBy(a => a.Id)
            .Select(a => new Row(a.Id, a.OnDate, a.EndDate, a.Title, a.KindId, a.ServiceId,
                db.Services.Where(s => s.Id == a.ServiceId).Select(s => s.Name).First(),
                db.GroupActivityParticipants.Count(p => p.ActivityId == a.Id), a.UnnamedParticipants));

    /// <summary>The service an activity is created in, when it is one of the organisation's.</summary>
    public static async Task<Guid> ServiceAsync(SuiviDbContext db, Guid? serviceId, CancellationToken cancellationToken)
    {
        if (serviceId is not { } id || !await db.Services.AnyAsync(s => s.Id == id, cancellationToken))
        {
            throw new DomainRuleException("Choose the service.", "ServiceId");
        }
        return id;
    }

    /// <summary>
    /// The details to record, checked against the organisation: a kind of group activity offered to the
    /// service (a retired one only when the activity already had it), a site of the organisation, and a
    /// date on which the activity has taken place.
    /// </summary>
    public static async Task<GroupActivityDetails> DetailsAsync(SuiviDbContext db, Guid serviceId, ActivityWrite write, Guid? currentKindId,
        DateOnly today, CancellationToken cancellationToken)
    {
        if (write.KindId is not { } kindId || !await db.ListItems.AnyAsync(i => i.Id == kindId && i.List == ListKind.GroupActivityKind
                && (i.ServiceId == null || i.ServiceId == serviceId) && (i.RetiredOn == null || i.Id == currentKindId), cancellationToken))
        {
            throw new DomainRuleException("Choose the kind of activity.", "KindId");
        }
        if (write.OnDate is not { } onDate)
        {
            throw new DomainRuleException("This field is required.", "OnDate");
        }
        if (onDate > today.AddDays(DeliveryRules.FutureToleranceDays))
        {
            throw new DomainRuleException("An activity is recorded once it has taken place: the date lies in the future.", "OnDate");
        }
        if (write.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == siteId, cancellationToken))
        {
            throw new DomainRuleException("Choose a site of the organisation.", "SiteId");
        }
        return new GroupActivityDetails(kindId, write.Title ?? "", onDate, write.EndDate, write.SiteId, write.UnnamedParticipants ?? 0);
    }

    /// <summary>Adds a person of the organisation to the activity; a person already taking part is not added twice.</summary>
    public static async Task AddParticipantAsync(SuiviDbContext db, GroupActivity activity, Guid? personId, CancellationToken cancellationToken)
    {
        if (personId is not { } person || !await db.Beneficiaries.AnyAsync(b => b.Id == person, cancellationToken))
        {
            throw new DomainRuleException("Choose a person recorded in the organisation.", "PersonId");
        }
        activity.AddParticipant(person);
    }

    /// <summary>An activity with its participants, to change it.</summary>
    public static Task<GroupActivity?> FindAsync(SuiviDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.GroupActivities.Include(a => a.Participants).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
}
