using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Data;

/// <summary>
/// Records what the save interceptor cannot see: views of sensitive records and sign-in events.
/// Each call writes its row before the caller sends its response.
/// </summary>
public sealed class AuditLog(SuiviDbContext db, CurrentOrganisation organisation, CurrentUser user, TimeProvider clock)
{
    public Task RecordViewAsync(string entityType, Guid entityId, CancellationToken cancellationToken) =>
        WriteAsync(new AuditEntry(clock.GetUtcNow().UtcDateTime, user.Id, user.Name, organisation.IsSet ? organisation.Id : null, AuditAction.View,
            entityType, entityId, AuditOutcome.Succeeded, null, entityType == nameof(CaseFile) ? entityId : null), cancellationToken);

    public Task RecordSignInAsync(Guid? userId, string userName, AuditAction action, AuditOutcome outcome, string? details,
        CancellationToken cancellationToken) =>
        WriteAsync(new AuditEntry(clock.GetUtcNow().UtcDateTime, userId, userName, null, action, "UserAccount", userId,
            outcome, details), cancellationToken);

    private async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        // A separate insert, not mixed with whatever the page has pending.
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }
}
