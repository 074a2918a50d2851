namespace Suivi.Domain;

public enum ImportKind
{
    People,
    CaseFiles,
    Deliveries,
    Appointments,
    Contacts,
    AlarmSubscriptions,
    Alarms,
    DayCentreVisits,
    HousingStays,
    GroupActivities,
    CareInsurancePeriods,
}

public enum ImportStatus
{
    Running,

    /// <summary>A dry run or a commit that found no error; a commit's rows are written.</summary>
    Succeeded,

    /// <summary>Errors were found: nothing was written.</summary>
    Failed,
}

/// <summary>
/// One run of an import, dry or committed: what file (name and SHA-256), who, when, how many rows were
/// read, written and skipped as already imported, and the errors found. Imported records point back to it.
/// </summary>
public sealed class ImportRun : IOrganisationOwned
{
    private ImportRun() { FileName = Sha256 = ""; }

    public ImportRun(ImportKind kind, string fileName, bool dryRun, Guid? userId, DateTime startedAt)
    {
        Id = Guid.CreateVersion7();
        Kind = kind;
        FileName = Require.Text(fileName, nameof(FileName), 260);
        Sha256 = "";
        DryRun = dryRun;
        UserId = userId;
        StartedAt = startedAt;
        Status = ImportStatus.Running;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public ImportKind Kind { get; private set; }
    public string FileName { get; private set; }
    public string Sha256 { get; private set; }
    public bool DryRun { get; private set; }
    public Guid? UserId { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public ImportStatus Status { get; private set; }
    public long RowsRead { get; private set; }
    public long RowsWritten { get; private set; }

    /// <summary>Rows whose external id was already imported: a re-import changes nothing.</summary>
    public long RowsSkipped { get; private set; }

    public long ErrorCount { get; private set; }

    /// <summary>The first errors (line, column, reason) as JSON; <see cref="ErrorCount"/> counts them all.</summary>
    public string? Errors { get; private set; }

    public void Finish(string sha256, long read, long written, long skipped, long errorCount, string? errors, DateTime finishedAt)
    {
        Sha256 = sha256;
        RowsRead = read;
        RowsWritten = errorCount == 0 && !DryRun ? written : 0;
        RowsSkipped = skipped;
        ErrorCount = errorCount;
        Errors = errors;
        FinishedAt = finishedAt;
        Status = errorCount == 0 ? ImportStatus.Succeeded : ImportStatus.Failed;
    }
}
