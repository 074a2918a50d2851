using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Attendance.CareInsurance;

/// <summary>
/// Periods in which a person receives long-term-care insurance benefits, for the pages and the API.
/// The periods of one person never overlap: a new or corrected period that would is refused.
/// </summary>
public static class CarePeriods
{
    /// <summary>A person's periods, the latest first.</summary>
    public static Task<List<CareInsurancePeriod>> OfAsync(SuiviDbContext db, Guid personId, CancellationToken cancellationToken) =>
        db.CareInsurancePeriods.AsNoTracking().Where(p => p.BeneficiaryId == personId)
            .OrderByDescending(p => p.From).ToListAsync(cancellationToken);

    /// <summary>A new period of a person of the organisation, added to the context; the caller saves.</summary>
    public static async Task<CareInsurancePeriod> AddAsync(SuiviDbContext db, Guid personId, DateOnly? from, DateOnly? to,
        CancellationToken cancellationToken)
    {
        if (from is not { } first)
        {
            throw new DomainRuleException("This field is required.", nameof(CareInsurancePeriod.From));
        }
        var period = new CareInsurancePeriod(personId, first, to);
        await CheckAloneAsync(db, period, cancellationToken);
        db.CareInsurancePeriods.Add(period);
        return period;
    }

    public static async Task EndAsync(SuiviDbContext db, CareInsurancePeriod period, DateOnly? on, CancellationToken cancellationToken)
    {
        if (on is not { } end)
        {
            throw new DomainRuleException("This field is required.", nameof(CareInsurancePeriod.To));
        }
        period.End(end);
        await CheckAloneAsync(db, period, cancellationToken);
    }

    public static async Task CorrectAsync(SuiviDbContext db, CareInsurancePeriod period, DateOnly? from, DateOnly? to,
        CancellationToken cancellationToken)
    {
        if (from is not { } first)
        {
            throw new DomainRuleException("This field is required.", nameof(CareInsurancePeriod.From));
        }
        period.Correct(first, to);
        await CheckAloneAsync(db, period, cancellationToken);
    }

    private static async Task CheckAloneAsync(SuiviDbContext db, CareInsurancePeriod period, CancellationToken cancellationToken)
    {
        var others = await db.CareInsurancePeriods.AsNoTracking()
            .Where(p => p.BeneficiaryId == period.BeneficiaryId && p.Id != period.Id)
            .ToListAsync(cancellationToken);
        if (others.Any(other => other.Overlaps(period.From, period.To)))
        {
            throw new DomainRuleException("This period overlaps another period of the same person.", nameof(CareInsurancePeriod.From));
        }
    }
}
