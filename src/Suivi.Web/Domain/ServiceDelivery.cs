namespace Suivi.Domain;

/// <summary>
/// One thing done for someone: a home visit, a consultation, hours of care. The duration is kept in
/// whole seconds, so sums over a year are exact and only the displayed total is rounded, as published
/// reports do (961 543 hours from fractional parts). Anonymous work has neither case file nor beneficiary.
/// </summary>
public sealed class ServiceDelivery : IOrganisationOwned, IVersioned, IImported
{
    private readonly List<DeliveryWorker> _otherWorkers = [];

    private ServiceDelivery() { }

    public ServiceDelivery(Guid serviceId, DeliveryDetails details, DateOnly today)
    {
        Id = Guid.CreateVersion7();
        ServiceId = serviceId;
        Correct(details, today);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid ServiceId { get; private set; }
    public DateOnly OnDate { get; private set; }
    public TimeOnly? StartTime { get; private set; }

    /// <summary>Whole seconds: exact for hours typed with up to two decimals or as hh:mm.</summary>
    public int DurationSeconds { get; private set; }

    /// <summary>The kind of delivery (list <see cref="ListKind.DeliveryType"/>, possibly specific to the service).</summary>
    public Guid TypeId { get; private set; }

    /// <summary>The act category the hours are reported under (list <see cref="ListKind.ActCategory"/>).</summary>
    public Guid? ActCategoryId { get; private set; }

    /// <summary>The worker who performed it; <see cref="OtherWorkers"/> hold the others (a visit in pairs).</summary>
    public Guid WorkerId { get; private set; }

    public Guid? CaseFileId { get; private set; }
    public Guid? BeneficiaryId { get; private set; }
    public Guid? SiteId { get; private set; }

    /// <summary>Distance driven for it, in metres (exact sums of kilometres with one decimal).</summary>
    public int? DistanceMetres { get; private set; }

    public string? Note { get; private set; }
    public string? ExternalId { get; private set; }
    public Guid? ImportRunId { get; private set; }
    public long Version { get; private set; }

    public IReadOnlyList<DeliveryWorker> OtherWorkers => _otherWorkers;

    public decimal Hours => (decimal)DurationSeconds / 3600;
    public decimal? Kilometres => DistanceMetres is { } m ? (decimal)m / 1000 : null;

    public void Correct(DeliveryDetails details, DateOnly today)
    {
        DeliveryRules.CheckDate(details.OnDate, today);
        DurationSeconds = DeliveryRules.Seconds(details.Duration);
        DistanceMetres = DeliveryRules.Metres(details.Kilometres);
        OnDate = details.OnDate;
        StartTime = details.StartTime;
        TypeId = details.TypeId;
        ActCategoryId = details.ActCategoryId;
        WorkerId = details.WorkerId;
        CaseFileId = details.CaseFileId;
        BeneficiaryId = details.BeneficiaryId;
        SiteId = details.SiteId;
        Note = Require.OptionalText(details.Note, nameof(Note), 2000);
        var others = details.OtherWorkerIds.Where(w => w != details.WorkerId).Distinct().ToHashSet();
        _otherWorkers.RemoveAll(w => !others.Contains(w.StaffMemberId));
        foreach (var worker in others.Where(w => _otherWorkers.All(o => o.StaffMemberId != w)))
        {
            _otherWorkers.Add(new DeliveryWorker(OrganisationId, Id, worker));
        }
    }

    /// <summary>Every worker who performed it, the main one first.</summary>
    public IEnumerable<Guid> AllWorkerIds => _otherWorkers.Select(w => w.StaffMemberId).Prepend(WorkerId);

    public void ImportedAs(string? externalId, Guid importRunId)
    {
        ExternalId = Require.OptionalText(externalId, nameof(ExternalId), 100);
        ImportRunId = importRunId;
    }
}

/// <summary>A further worker on a delivery done by several (a visit in pairs).</summary>
public sealed class DeliveryWorker : IOrganisationOwned
{
    private DeliveryWorker() { }

    internal DeliveryWorker(Guid organisationId, Guid deliveryId, Guid staffMemberId)
    {
        OrganisationId = organisationId;
        DeliveryId = deliveryId;
        StaffMemberId = staffMemberId;
    }

    public Guid OrganisationId { get; private set; }
    public Guid DeliveryId { get; private set; }
    public Guid StaffMemberId { get; private set; }
}

/// <summary>What a form, the grid or an import gives to record or correct a delivery.</summary>
public sealed record DeliveryDetails(
    DateOnly OnDate,
    TimeOnly? StartTime,
    TimeSpan Duration,
    Guid TypeId,
    Guid? ActCategoryId,
    Guid WorkerId,
    IReadOnlyCollection<Guid> OtherWorkerIds,
    Guid? CaseFileId,
    Guid? BeneficiaryId,
    Guid? SiteId,
    decimal? Kilometres,
    string? Note);

/// <summary>The rules every recorded delivery obeys, whether typed, entered in the grid or imported.</summary>
public static class DeliveryRules
{
    /// <summary>No worker delivers more than this in one day, all deliveries together.</summary>
    public const int MaxSecondsPerWorkerPerDay = 24 * 3600;

    /// <summary>A delivery is recorded once done: a date up to this many days ahead is accepted (time zones, night shifts).</summary>
    public const int FutureToleranceDays = 1;

    public const int MaxMetres = 2_000_000;

    public static int Seconds(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new DomainRuleException("A duration is more than zero hours.", "Duration");
        }
        if (duration > TimeSpan.FromHours(24))
        {
            throw new DomainRuleException("A duration is at most 24 hours.", "Duration");
        }
        if (duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new DomainRuleException("Give hours with at most two decimals, or as hours and minutes (1:30).", "Duration");
        }
        return (int)(duration.Ticks / TimeSpan.TicksPerSecond);
    }

    public static int? Metres(decimal? kilometres)
    {
        if (kilometres is null)
        {
            return null;
        }
        if (kilometres < 0 || kilometres * 1000 > MaxMetres)
        {
            throw new DomainRuleException("Kilometres lie between 0 and 2000.", "Kilometres");
        }
        var metres = kilometres.Value * 1000;
        if (metres != decimal.Truncate(metres))
        {
            throw new DomainRuleException("Give kilometres with at most three decimals.", "Kilometres");
        }
        return (int)metres;
    }

    public static void CheckDate(DateOnly on, DateOnly today)
    {
        if (on > today.AddDays(FutureToleranceDays))
        {
            throw new DomainRuleException("A delivery is recorded once done: the date lies in the future.", "OnDate");
        }
        if (on < today.AddYears(-30))
        {
            throw new DomainRuleException("The date lies more than 30 years back.", "OnDate");
        }
    }

    /// <summary>A delivery for a case file falls in one of its episodes: not before it opened, not after it closed.</summary>
    public static void CheckCaseFileOpen(IEnumerable<(DateOnly OpenedOn, DateOnly? ClosedOn)> episodes, DateOnly on)
    {
        if (!episodes.Any(e => e.OpenedOn <= on && (e.ClosedOn is null || on <= e.ClosedOn)))
        {
            throw new DomainRuleException("The case file was not open on this date.", "CaseFileId");
        }
    }

    /// <summary>
    /// Parses a duration as users type it: decimal hours ("1.5", "1,5", "0.75") or hours and minutes
    /// ("1:30"). Decimal hours must come to whole seconds (two decimals always do).
    /// </summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            if (value.Length - colon - 1 == 2
                && int.TryParse(value.AsSpan(0, colon), System.Globalization.NumberStyles.None, invariant, out var h)
                && int.TryParse(value.AsSpan(colon + 1), System.Globalization.NumberStyles.None, invariant, out var m)
                && m < 60 && h <= 1000)
            {
                duration = new TimeSpan(h, m, 0);
                return true;
            }
            return false;
        }
        if (!decimal.TryParse(value.Replace(',', '.'), System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowLeadingSign, invariant, out var hours)
            || Math.Abs(hours) > 1000)
        {
            return false;
        }
        var seconds = hours * 3600;
        if (seconds != decimal.Truncate(seconds))
        {
            return false;
        }
        duration = TimeSpan.FromSeconds((long)seconds);
        return true;
    }
}
