using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Referrals;

/// <summary>
/// The referrals of one case file and the targets they can name, shared by the pages and the API. A case file
/// the reader may not see (another organisation's, or restricted to others) has none: callers answer 404.
/// </summary>
public static class CaseFileReferrals
{
    public sealed record CaseFileHeader(Guid Id, string Reference, Guid ServiceId);

    public sealed record Row(Guid Id, Guid? PartnerServiceId, string? ServiceName, Guid? PartnerId, string? PartnerName,
        Guid? SpecialityId, string? SpecialityCode, Label? Speciality, DateOnly SentOn, string Reason, ReferralOutcome Outcome,
        DateOnly? OutcomeOn, long Version);

    public sealed record ServiceChoice(Guid Id, string Name, string PartnerName);

    public sealed record SpecialityChoice(Guid Id, string Code, Label Label);

    public static Task<CaseFileHeader?> FindCaseFileAsync(SuiviDbContext db, Guid caseFileId, CancellationToken cancellationToken) =>
        db.CaseFiles.Where(c => c.Id == caseFileId)
            .Select(c => new CaseFileHeader(c.Id, c.Reference, c.ServiceId))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The referrals of the case file, the latest sent first, with the names of what they refer to.</summary>
    public static async Task<IReadOnlyList<Row>> ListAsync(SuiviDbContext db, Guid caseFileId, Guid? referralId, CancellationToken cancellationToken)
    {
        var query = db.Referrals.AsNoTracking().Where(r => r.CaseFileId == caseFileId);
        if (referralId is { } only)
        {
            query = query.Where(r => r.Id == only);
        }
        var referrals = await query.OrderByDescending(r => r.SentOn).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);
        var serviceIds = referrals.Where(r => r.PartnerServiceId is not null).Select(r => r.PartnerServiceId!.Value).Distinct().ToList();
        var specialityIds = referrals.Where(r => r.SpecialityId is not null).Select(r => r.SpecialityId!.Value).Distinct().ToList();
        var services = await db.PartnerServices.Where(s => serviceIds.Contains(s.Id))
            .Join(db.Partners, s => s.PartnerId, p => p.Id, (s, p) => new { s.Id, s.Name, PartnerId = p.Id, PartnerName = p.Name })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        // Retired specialities too: an old referral keeps its meaning.
        var specialities = await db.ListItems.Where(l => specialityIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        return referrals.Select(r =>
        {
            var service = r.PartnerServiceId is { } s && services.TryGetValue(s, out var found) ? found : null;
            var speciality = r.SpecialityId is { } l && specialities.TryGetValue(l, out var item) ? item : null;
            return new Row(r.Id, r.PartnerServiceId, service?.Name, service?.PartnerId, service?.PartnerName, r.SpecialityId,
                speciality?.Code, speciality?.Label, r.SentOn, r.Reason, r.Outcome, r.OutcomeOn, r.Version);
        }).ToList();
    }

    /// <summary>The services of the directory, by partner then service name.</summary>
    public static async Task<IReadOnlyList<ServiceChoice>> ServiceChoicesAsync(SuiviDbContext db, CancellationToken cancellationToken) =>
        (await db.PartnerServices
            .Join(db.Partners, s => s.PartnerId, p => p.Id, (s, p) => new ServiceChoice(s.Id, s.Name, p.Name))
            .ToListAsync(cancellationToken))
        .OrderBy(s => s.PartnerName, StringComparer.CurrentCultureIgnoreCase)
        .ThenBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)
        .ToList();

    /// <summary>The specialities a referral of a file of <paramref name="serviceId"/> may name: active, for the organisation or that service.</summary>
    public static async Task<IReadOnlyList<SpecialityChoice>> SpecialityChoicesAsync(SuiviDbContext db, Guid serviceId,
        CancellationToken cancellationToken) =>
        await db.ListItems
            .Where(l => l.List == ListKind.ReferralSpeciality && l.RetiredOn == null && (l.ServiceId == null || l.ServiceId == serviceId))
            .OrderBy(l => l.Position).ThenBy(l => l.Code)
            .Select(l => new SpecialityChoice(l.Id, l.Code, l.Label))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// A new referral of the case file, after checking that what it names exists: a service of the directory,
    /// a speciality of the organisation's list. The entity checks the rest (a target, a reason).
    /// </summary>
    public static async Task<Referral> NewAsync(SuiviDbContext db, CaseFileHeader file, Guid? partnerServiceId, Guid? specialityId,
        DateOnly? sentOn, string? reason, CancellationToken cancellationToken)
    {
        if (partnerServiceId is { } serviceId && !await db.PartnerServices.AnyAsync(s => s.Id == serviceId, cancellationToken))
        {
            throw new DomainRuleException("Choose a partner service of the directory.", nameof(Referral.PartnerServiceId));
        }
        if (specialityId is { } id && !(await SpecialityChoicesAsync(db, file.ServiceId, cancellationToken)).Any(s => s.Id == id))
        {
            throw new DomainRuleException("Choose a speciality of the list.", nameof(Referral.SpecialityId));
        }
        if (sentOn is not { } date)
        {
            throw new DomainRuleException("This field is required.", nameof(Referral.SentOn));
        }
        return new Referral(file.Id, partnerServiceId, specialityId, date, reason ?? "");
    }
}
