using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Infrastructure;

namespace Suivi.Features.Reports;

/// <summary>
/// The facts of case work: case files opened, worked and closed in a year, the children they follow, the requests
/// received. A case file counts by its episodes — a file reopened during the year is opened again — and each episode
/// carries the primary category it was qualified with at opening and at closing in every typology of the organisation.
/// </summary>
internal sealed partial class RecordFacts
{
    private const string New = "new";
    private const string CarriedOver = "carried-over";

    private sealed record EpisodeRow(Guid CaseFileId, int Number, DateOnly OpenedOn, Guid? ClosureReasonId, Guid ServiceId, Guid? SourceId);

    private async Task<FactTable> CaseFilesAsync(Indicator indicator, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var episodes = indicator == Indicators.CaseFilesOpened ? db.Episodes.Where(e => e.OpenedOn >= from && e.OpenedOn <= to)
            : indicator == Indicators.CaseFilesClosed ? db.Episodes.Where(e => e.ClosedOn >= from && e.ClosedOn <= to)
            : WorkedEpisodes(from, to);
        var rows = await (
                from e in episodes
                join c in db.CaseFiles on e.CaseFileId equals c.Id
                join r in db.Requests on c.RequestId equals r.Id into requests
                from r in requests.DefaultIfEmpty()
                select new EpisodeRow(e.CaseFileId, e.Number, e.OpenedOn, e.ClosureReasonId, c.ServiceId, r == null ? null : r.SourceId))
            .ToListAsync(cancellationToken);
        var qualifications = (await (
                from q in db.Qualifications
                join e in episodes on new { q.CaseFileId, Number = q.EpisodeNumber } equals new { e.CaseFileId, e.Number }
                where q.Stage == QualificationStage.Opening || q.Stage == QualificationStage.Closing
                select new { q.CaseFileId, q.EpisodeNumber, q.Stage, q.SchemeId, q.PrimaryCategoryId })
            .ToListAsync(cancellationToken))
            .ToDictionary(q => (q.CaseFileId, q.EpisodeNumber, q.Stage, q.SchemeId), q => q.PrimaryCategoryId);
        var (schemes, categories) = await TypologiesAsync(cancellationToken);

        string? Category(EpisodeRow row, QualificationStage stage, Guid scheme) =>
            qualifications.TryGetValue((row.CaseFileId, row.Number, stage, scheme), out var category) ? categories.GetValueOrDefault(category) : null;

        var closed = indicator == Indicators.CaseFilesClosed;
        var worked = indicator == Indicators.CaseFilesWorked;
        string[] dimensions =
        [
            "organisation", "service", "source", .. schemes.Select(s => Dimension.AtOpening.Name + s.Code),
            .. worked ? ["start"] : Array.Empty<string>(),
            .. closed ? ["closure-reason", .. schemes.Select(s => Dimension.AtClosing.Name + s.Code)] : Array.Empty<string>(),
        ];
        return new FactTable(dimensions, [.. rows.Select(row => new Fact(
        [
            organisationCode, Code(row.ServiceId), Code(row.SourceId), .. schemes.Select(s => Category(row, QualificationStage.Opening, s.Id)),
            .. worked ? [row.OpenedOn >= from ? New : CarriedOver] : Array.Empty<string?>(),
            .. closed ? [Code(row.ClosureReasonId), .. schemes.Select(s => Category(row, QualificationStage.Closing, s.Id))] : Array.Empty<string?>(),
        ], 1))]);
    }

    private sealed record Typologies(IReadOnlyList<(Guid Id, string Code)> Schemes, IReadOnlyDictionary<Guid, string> Categories);

    private Typologies? _typologies;

    /// <summary>The organisation's typologies and their categories: code lists, read once for every year and indicator of a report.</summary>
    private async Task<Typologies> TypologiesAsync(CancellationToken cancellationToken) =>
        _typologies ??= new Typologies(
            [.. (await db.TypologySchemes.OrderBy(s => s.Code).Select(s => new { s.Id, s.Code }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.Code))],
            await db.TypologyCategories.ToDictionaryAsync(c => c.Id, c => c.Code, cancellationToken));

    /// <summary>Episodes open on at least one day of the year: opened before its end, not closed before its start.</summary>
    private IQueryable<Episode> WorkedEpisodes(DateOnly from, DateOnly to) =>
        db.Episodes.Where(e => e.OpenedOn <= to && (e.ClosedOn == null || e.ClosedOn >= from));

    private static readonly string[] ChildDimensions = ["organisation", "service", "start", "sex", "age"];

    /// <summary>The children named on the case files worked in the year, each counted once, aged on 31 December.</summary>
    private async Task<FactTable> ChildrenAsync(DateOnly yearStart, DateOnly yearEnd, CancellationToken cancellationToken)
    {
        var children = await (
                from e in WorkedEpisodes(yearStart, yearEnd)
                join c in db.CaseFiles on e.CaseFileId equals c.Id
                join m in db.CaseFileMembers on e.CaseFileId equals m.CaseFileId
                join b in db.Beneficiaries on m.BeneficiaryId equals b.Id
                where m.Role == CaseMemberRole.Child
                select new { c.ServiceId, New = e.OpenedOn >= yearStart, b.Id, b.Sex, b.BirthDate })
            .Distinct()
            .ToListAsync(cancellationToken);
        return new FactTable(ChildDimensions, [.. children.Select(c => new Fact(
            [organisationCode, Code(c.ServiceId), c.New ? New : CarriedOver, EnumCodes.Of(c.Sex),
             c.BirthDate is { } birth && birth <= yearEnd ? Ages.Code(Math.Min(Ages.At(birth, yearEnd), Ages.Oldest)) : Ages.Unknown], 1, c.Id))]);
    }

    private static readonly string[] RequestDimensions = ["organisation", "service", "source", "decision"];

    private async Task RequestsAsync(int[] years, CancellationToken cancellationToken)
    {
        var (from, to) = PeriodOf(years);
        var groups = (await db.Requests
            .Where(r => r.ReceivedOn >= from && r.ReceivedOn <= to)
            .GroupBy(r => new { r.ReceivedOn.Year, r.ServiceId, r.SourceId, r.Decision })
            .Select(g => new { g.Key.Year, g.Key.ServiceId, g.Key.SourceId, g.Key.Decision, Count = g.LongCount() })
            .ToListAsync(cancellationToken))
            .ToLookup(g => g.Year);
        foreach (var year in Span(years))
        {
            Keep(Indicators.RequestsReceived, year, new FactTable(RequestDimensions, [.. groups[year].Select(g => new Fact(
                [organisationCode, Code(g.ServiceId), Code(g.SourceId), g.Decision is { } decision ? EnumCodes.Of(decision) : "pending"], g.Count))]));
        }
    }
}
