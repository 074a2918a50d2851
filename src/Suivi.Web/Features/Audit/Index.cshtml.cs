using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Audit;

/// <summary>The organisation's audit log, newest first, filtered by person, action, kind of record, record and period.</summary>
public sealed class IndexModel(SuiviDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(DateTime OccurredAt, string UserName, AuditAction Action, string EntityType, Guid? EntityId,
        AuditOutcome Outcome, string? Details);

    [BindProperty(SupportsGet = true, Name = "user")] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Record { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Entries { get; private set; } = [];
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        EntityTypes = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var entries = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var user = Actor.Trim().ToLower();
            entries = entries.Where(a => a.UserName.ToLower().Contains(user));
        }
        if (Action is { } action)
        {
            entries = entries.Where(a => a.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(Entity))
        {
            entries = entries.Where(a => a.EntityType == Entity);
        }
        if (Record is { } record)
        {
            entries = entries.Where(a => a.EntityId == record);
        }
        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(a => a.OccurredAt >= start);
        }
        if (To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(a => a.OccurredAt < end);
        }
        Total = await entries.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = await entries.OrderByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a.OccurredAt, a.UserName, a.Action, a.EntityType, a.EntityId, a.Outcome, a.Details))
            .ToListAsync(cancellationToken);
    }
}
