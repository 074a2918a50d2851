using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.CaseFiles;

/// <summary>
/// "Files worked in a year", as annual reports count them, from the episodes: a file is worked in the year when one
/// of its episodes is open at some point in it. It was opened that year when an episode opened in the year (a
/// reopening counts as an opening), carried over otherwise (its episode opened before the year and was still open on
/// 1 January). Opened + carried over = worked: no file is counted twice.
/// </summary>
public sealed record WorkedInYear(int Year, int Opened, int CarriedOver, int Closed)
{
    public int Total => Opened + CarriedOver;

    public static IQueryable<CaseFile> WorkedIn(SuiviDbContext db, IQueryable<CaseFile> files, int year)
    {
        var (start, next) = Bounds(year);
        return files.Where(c => db.Episodes.Any(e => e.CaseFileId == c.Id && e.OpenedOn < next && (e.ClosedOn == null || e.ClosedOn >= start)));
    }

    public static IQueryable<CaseFile> OpenedIn(SuiviDbContext db, IQueryable<CaseFile> files, int year)
    {
        var (start, next) = Bounds(year);
        return files.Where(c => db.Episodes.Any(e => e.CaseFileId == c.Id && e.OpenedOn >= start && e.OpenedOn < next));
    }

    public static IQueryable<CaseFile> ClosedIn(SuiviDbContext db, IQueryable<CaseFile> files, int year)
    {
        var (start, next) = Bounds(year);
        return files.Where(c => db.Episodes.Any(e => e.CaseFileId == c.Id && e.ClosedOn >= start && e.ClosedOn < next));
    }

    public static async Task<WorkedInYear> CountAsync(SuiviDbContext db, IQueryable<CaseFile> files, int year, CancellationToken ct)
    {
        var worked = await WorkedIn(db, files, year).CountAsync(ct);
        var opened = await OpenedIn(db, files, year).CountAsync(ct);
        var closed = await ClosedIn(db, files, year).CountAsync(ct);
        return new WorkedInYear(year, opened, worked - opened, closed);
    }

    private static (DateOnly Start, DateOnly Next) Bounds(int year)
    {
        var start = new DateOnly(Math.Clamp(year, 1, 9998), 1, 1);
        return (start, start.AddYears(1));
    }
}
