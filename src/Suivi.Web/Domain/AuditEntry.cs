namespace Suivi.Domain;

public enum AuditAction
{
    Create,
    Update,
    Delete,
    View,
    SignIn,
    SignInFailed,
    SignOut,
}

public enum AuditOutcome
{
    Succeeded,
    Denied,
    Failed,
}

/// <summary>
/// One line of the audit log: who did what to which record, when, and how it ended. Rows are
/// append-only: the save interceptor refuses to modify or delete them and both databases carry a
/// trigger that aborts any UPDATE or DELETE of the table.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { Action = default; EntityType = UserName = ""; }

    public AuditEntry(DateTime occurredAt, Guid? userId, string userName, Guid? organisationId,
        AuditAction action, string entityType, Guid? entityId, AuditOutcome outcome, string? details, Guid? caseFileId = null)
    {
        OccurredAt = occurredAt.Kind == DateTimeKind.Utc ? occurredAt : throw new ArgumentException("Audit times are UTC.", nameof(occurredAt));
        UserId = userId;
        UserName = userName;
        OrganisationId = organisationId;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Outcome = outcome;
        Details = details;
        CaseFileId = caseFileId;
    }

    public long Id { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public Guid? UserId { get; private set; }
    public string UserName { get; private set; }
    public Guid? OrganisationId { get; private set; }
    public AuditAction Action { get; private set; }
    public string EntityType { get; private set; }
    public Guid? EntityId { get; private set; }
    public AuditOutcome Outcome { get; private set; }

    /// <summary>Names of the changed fields, never their values: the log must not become a copy of the records.</summary>
    public string? Details { get; private set; }

    /// <summary>The case file the entry is about (the file itself or something of it), so that entries about a restricted file stay as hidden as the file.</summary>
    public Guid? CaseFileId { get; private set; }
}
