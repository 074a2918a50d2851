using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Features.Notifications;

/// <summary>The signed-in person's notifications, newest first; each leads to its case file and can be marked as read.</summary>
public sealed class IndexModel(SuiviDbContext db, CurrentUser user, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, NotificationKind Kind, Guid? CaseFileId, string Subject, DateTime CreatedAt, DateTime? ReadAt);

    public IReadOnlyList<Row> Notifications { get; private set; } = [];
    public int Unread => Notifications.Count(n => n.ReadAt is null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notifications = await Mine()
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(200)
            .Select(n => new Row(n.Id, n.Kind, n.CaseFileId, n.Subject, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostReadAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        var notification = await Mine().SingleOrDefaultAsync(n => n.Id == notificationId, cancellationToken);
        if (notification is null)
        {
            return NotFound();
        }
        notification.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { org = RouteData.Values["org"] });
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var notification in await Mine().Where(n => n.ReadAt == null).ToListAsync(cancellationToken))
        {
            notification.MarkRead(now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { org = RouteData.Values["org"] });
    }

    /// <summary>Only the person's own notifications: a colleague's are never shown, nor marked.</summary>
    private IQueryable<Notification> Mine()
    {
        var me = user.Id ?? Guid.Empty;
        return db.Notifications.Where(n => n.UserId == me);
    }
}
