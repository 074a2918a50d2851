using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Requests;

/// <summary>The one definition of the request lists, shared by the page and the API.</summary>
public static class RequestQueue
{
    /// <summary>A person a request is about: a recorded person (with a name), or what the caller said of someone unnamed.</summary>
    public sealed record PersonConcerned(int Position, Guid? BeneficiaryId, string? Name, DateOnly? BirthDate, string? Description);

    /// <summary>Requests waiting for a decision, urgent ones first, then the longest waiting.</summary>
    public static IQueryable<IntakeRequest> Waiting(this IQueryable<IntakeRequest> requests) =>
        requests.Where(r => r.Decision == null)
            .OrderBy(r => r.Urgency == Urgency.Urgent ? 0 : 1).ThenBy(r => r.ReceivedOn).ThenBy(r => r.Id);

    /// <summary>Decided requests, the latest decision first.</summary>
    public static IQueryable<IntakeRequest> Decided(this IQueryable<IntakeRequest> requests) =>
        requests.Where(r => r.Decision != null)
            .OrderByDescending(r => r.DecidedOn).ThenByDescending(r => r.ReceivedOn).ThenBy(r => r.Id);

    /// <summary>Whole days since the request came in.</summary>
    public static int WaitingDays(DateOnly receivedOn, DateOnly today) => today.DayNumber - receivedOn.DayNumber;

    /// <summary>The persons of <paramref name="requestIds"/>, in the order they were recorded.</summary>
    public static async Task<ILookup<Guid, PersonConcerned>> PersonsAsync(SuiviDbContext db, IReadOnlyCollection<Guid> requestIds,
        CancellationToken ct)
    {
        var persons = await db.RequestPersons.Where(p => requestIds.Contains(p.RequestId))
            .OrderBy(p => p.Position)
            .Select(p => new
            {
                p.RequestId,
                p.Position,
                p.BeneficiaryId,
                Person = db.Beneficiaries.Where(b => b.Id == p.BeneficiaryId)
                    .Select(b => new { Name = b.FirstName + " " + b.LastName, b.BirthDate }).FirstOrDefault(),
                p.Description,
            })
            .ToListAsync(ct);
        return persons.ToLookup(p => p.RequestId, p => new PersonConcerned(p.Position, p.BeneficiaryId, p.Person?.Name, p.Person?.BirthDate, p.Description));
    }
}
