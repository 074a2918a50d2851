namespace Suivi.Domain;

public enum NoteVisibility
{
    /// <summary>Everyone who may see the case file.</summary>
    Team,

    /// <summary>Only the workers assigned to the case file, and the author.</summary>
    AssignedWorkers,
}

/// <summary>A note on a case file, with who wrote it and who may read it.</summary>
public sealed class CaseNote : IOrganisationOwned
{
    private CaseNote() { Text = ""; }

    public CaseNote(Guid caseFileId, string text, NoteVisibility visibility, DateTime writtenAt, Guid? authorId, string authorName)
    {
        Id = Guid.CreateVersion7();
        CaseFileId = caseFileId;
        Text = Require.Text(text, nameof(Text), 8000);
        Visibility = visibility;
        WrittenAt = writtenAt;
        AuthorId = authorId;
        AuthorName = authorName;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseFileId { get; private set; }
    public string Text { get; private set; }
    public NoteVisibility Visibility { get; private set; }
    public DateTime WrittenAt { get; private set; }
    public Guid? AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
}

public enum NotificationKind
{
    /// <summary>A case file of the person's service was assessed red.</summary>
    RedAssessment,
}

/// <summary>Something a person must know about, shown in the app in their own language.</summary>
public sealed class Notification : IOrganisationOwned
{
    private Notification() { Subject = ""; }

    public Notification(Guid userId, NotificationKind kind, Guid? caseFileId, string subject, DateTime createdAt)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        Kind = kind;
        CaseFileId = caseFileId;
        Subject = Require.Text(subject, nameof(Subject), 200);
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid UserId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public Guid? CaseFileId { get; private set; }

    /// <summary>What the notification is about, as shown: the case file's reference.</summary>
    public string Subject { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    public void MarkRead(DateTime at) => ReadAt ??= at;
}
