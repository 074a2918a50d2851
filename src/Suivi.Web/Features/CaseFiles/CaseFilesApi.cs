using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.CaseFiles;

/// <summary>The case files of an organisation as JSON.</summary>
public static class CaseFilesApi
{
    public sealed record CaseFileSummary(Guid Id, string Reference, Guid ServiceId, DateOnly OpenedOn, DateOnly? ClosedOn, CaseFileStatus Status);

    public sealed record Member(Guid BeneficiaryId, CaseMemberRole Role);

    public sealed record CaseFileDocument(Guid Id, string Reference, Guid ServiceId, DateOnly OpenedOn, DateOnly? ClosedOn,
        CaseFileStatus Status, IReadOnlyList<Member> Members, IReadOnlyList<Guid> Workers, long Version);

    public static RouteGroupBuilder MapCaseFilesApi(this RouteGroupBuilder api)
    {
        var files = api.MapGroup("/case-files").RequireAuthorization(Policies.SeeNames);
        files.MapGet("/", List);
        files.MapGet("/{id:guid}", Get);
        return api;
    }

    private static async Task<Ok<PeopleApi.PageOf<CaseFileSummary>>> List(SuiviDbContext db, CaseFileStatus? status, int? page,
        CancellationToken cancellationToken)
    {
        const int pageSize = 50;
        var query = db.CaseFiles.AsQueryable();
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }
        var total = await query.CountAsync(cancellationToken);
        var number = Math.Max(1, page ?? 1);
        var items = await query.OrderByDescending(c => c.OpenedOn).ThenBy(c => c.Reference)
            .Skip((number - 1) * pageSize).Take(pageSize)
            .Select(c => new CaseFileSummary(c.Id, c.Reference, c.ServiceId, c.OpenedOn, c.ClosedOn, c.Status))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PeopleApi.PageOf<CaseFileSummary>(items, total, number, pageSize));
    }

    private static async Task<Results<Ok<CaseFileDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var file = await db.CaseFiles.AsNoTracking().Include(c => c.Members).Include(c => c.Workers)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (file is null)
        {
            return PeopleApi.NotFound();
        }
        await audit.RecordViewAsync(nameof(CaseFile), id, cancellationToken);
        return TypedResults.Ok(new CaseFileDocument(file.Id, file.Reference, file.ServiceId, file.OpenedOn, file.ClosedOn, file.Status,
            file.Members.Select(m => new Member(m.BeneficiaryId, m.Role)).ToList(),
            file.Workers.Select(w => w.StaffMemberId).ToList(), file.Version));
    }
}
