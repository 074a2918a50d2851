using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Attendance.Housing;

/// <summary>
/// Recording, ending and correcting stays, for the pages and the API. A person lives in one residence at
/// a time: a stay that would overlap another stay of the same person, in whichever residence, is refused.
/// </summary>
public static class Stays
{
    /// <summary>A stay with the names of its resident and residence; set by member, so queries can still order by them.</summary>
    public sealed record Row
    {
        public required Guid Id { get; init; }
        public required Guid ResidenceId { get; init; }
        public required string Residence { get; init; }
        public required Guid PersonId { get; init; }
        public required string FirstName { get; init; }
        public required string LastName { get; init; }
        public required DateOnly From { get; init; }
        public required DateOnly? To { get; init; }
        public required long Version { get; init; }
    }

    /// <summary>The residence <paramref name="id"/> of the organisation, or null (another kind of service, or not ours).</summary>
    public static Task<Service?> FindResidenceAsync(SuiviDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.Kind == ServiceKind.SupervisedHousing, cancellationToken);

    /// <summary>A new stay, added to the context; the caller saves.</summary>
    public static async Task<HousingStay> StartAsync(SuiviDbContext db, Guid? residenceId, Guid? personId, DateOnly? from, DateOnly? to,
        DateOnly today, CancellationToken cancellationToken)
    {
        if (residenceId is not { } residence || await FindResidenceAsync(db, residence, cancellationToken) is null)
        {
            throw new DomainRuleException("Choose a residence of the organisation.", "ResidenceId");
        }
        if (personId is not { } person || !await db.Beneficiaries.AnyAsync(b => b.Id == person, cancellationToken))
        {
            throw new DomainRuleException("Choose a person recorded in the organisation.", "PersonId");
        }
        if (from is not { } first)
        {
            throw new DomainRuleException("This field is required.", nameof(HousingStay.From));
        }
        var stay = new HousingStay(residence, person, first, to, today);
        await CheckAloneAsync(db, stay, cancellationToken);
        db.HousingStays.Add(stay);
        return stay;
    }

    /// <summary>Ends an open stay, or moves the end of an ended one.</summary>
    public static async Task EndAsync(SuiviDbContext db, HousingStay stay, DateOnly? on, CancellationToken cancellationToken)
    {
        if (on is not { } end)
        {
            throw new DomainRuleException("This field is required.", nameof(HousingStay.To));
        }
        stay.End(end);
        await CheckAloneAsync(db, stay, cancellationToken);
    }

    /// <summary>Puts right the dates of a stay recorded wrongly; without an end it is open again.</summary>
    public static async Task CorrectAsync(SuiviDbContext db, HousingStay stay, DateOnly? from, DateOnly? to, DateOnly today,
        CancellationToken cancellationToken)
    {
        if (from is not { } first)
        {
            throw new DomainRuleException("This field is required.", nameof(HousingStay.From));
        }
        stay.Correct(first, to, today);
        await CheckAloneAsync(db, stay, cancellationToken);
    }

    /// <summary>Stays with the names of their resident and residence, for lists.</summary>
    public static IQueryable<Row> Rows(SuiviDbContext db, IQueryable<HousingStay> stays) =>
        from s in stays
        join b in db.Beneficiaries on s.BeneficiaryId equals b.Id
        join r in db.Services on s.ServiceId equals r.Id
        select new Row
        {
            Id = s.Id,
            ResidenceId = s.ServiceId,
            Residence = r.Name,
            PersonId = s.BeneficiaryId,
            FirstName = b.FirstName,
            LastName = b.LastName,
            From = s.From,
            To = s.To,
            Version = s.Version,
        };

    private static async Task CheckAloneAsync(SuiviDbContext db, HousingStay stay, CancellationToken cancellationToken)
    {
        var others = await db.HousingStays.AsNoTracking()
            .Where(s => s.BeneficiaryId == stay.BeneficiaryId && s.Id != stay.Id)
            .ToListAsync(cancellationToken);
        if (others.Any(other => other.Overlaps(stay.From, stay.To)))
        {
            throw new DomainRuleException("This person already has a stay in those days; a person can only live in one residence.",
                nameof(HousingStay.From));
        }
    }
}
