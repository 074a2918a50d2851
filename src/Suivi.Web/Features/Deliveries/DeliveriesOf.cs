using Microsoft.EntityFrameworkCore;
using Suivi.Data;

namespace Suivi.Features.Deliveries;

/// <summary>
/// The deliveries of one case file or one person, for their pages (partial _DeliveriesOf.cshtml): the latest
/// ones, how many there are and their exact total of hours. A person's are those recorded for them and those
/// of the case files they are a member of.
/// </summary>
public static class DeliveriesOf
{
    public const int Shown = 10;

    /// <summary>What the partial shows; <see cref="CaseFileId"/> or <see cref="BeneficiaryId"/> says whose they are.</summary>
    public sealed record Summary(Guid? CaseFileId, Guid? BeneficiaryId, IReadOnlyList<DeliveryList.Row> Latest, DeliveryList.Names Names,
        int Count, long TotalSeconds);

    public static Task<Summary> ForCaseFileAsync(SuiviDbContext db, Guid caseFileId, CancellationToken ct) =>
        LoadAsync(db, new DeliveryList.Filter(CaseFileId: caseFileId), ct);

    public static Task<Summary> ForPersonAsync(SuiviDbContext db, Guid beneficiaryId, CancellationToken ct) =>
        LoadAsync(db, new DeliveryList.Filter(BeneficiaryId: beneficiaryId), ct);

    private static async Task<Summary> LoadAsync(SuiviDbContext db, DeliveryList.Filter filter, CancellationToken ct)
    {
        var query = db.Deliveries.Matching(db, filter);
        var count = await query.CountAsync(ct);
        var seconds = count == 0 ? 0 : await query.TotalSecondsAsync(ct);
        var latest = count == 0 ? [] : await query.NewestFirst().Take(Shown).RowsAsync(ct);
        return new Summary(filter.CaseFileId, filter.BeneficiaryId, latest, await DeliveryList.Names.LoadAsync(db, latest, ct), count, seconds);
    }
}
