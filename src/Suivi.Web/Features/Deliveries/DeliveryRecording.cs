using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using static Suivi.Features.Deliveries.DeliveryMessages;

namespace Suivi.Features.Deliveries;

/// <summary>
/// One delivery as the form, the week grid or the API gives it, before its references are checked. Fields
/// whose text could not be read (hours typed as "1h30x") are in <see cref="Unreadable"/> with their message.
/// </summary>
public sealed record DeliveryDraft
{
    /// <summary>The delivery corrected; none for a new one.</summary>
    public Guid? Id { get; init; }

    /// <summary>The version of the corrected delivery the person read.</summary>
    public long? Version { get; init; }

    public Guid? ServiceId { get; init; }
    public DateOnly? OnDate { get; init; }
    public TimeOnly? StartTime { get; init; }
    public TimeSpan? Duration { get; init; }
    public Guid? TypeId { get; init; }
    public Guid? ActCategoryId { get; init; }
    public Guid? WorkerId { get; init; }
    public IReadOnlyList<Guid> OtherWorkerIds { get; init; } = [];
    public Guid? CaseFileId { get; init; }
    public Guid? BeneficiaryId { get; init; }
    public Guid? SiteId { get; init; }
    public decimal? Kilometres { get; init; }
    public string? Note { get; init; }

    /// <summary>Field (as <see cref="DeliveryFields"/> names it) → the message saying why its text was not understood.</summary>
    public IReadOnlyDictionary<string, string> Unreadable { get; init; } = new Dictionary<string, string>();
}

/// <summary>The names of a delivery's fields in problems: the API's JSON names; forms and the grid map them to their fields.</summary>
public static class DeliveryFields
{
    public const string Id = "id";
    public const string Version = "version";
    public const string ServiceId = "serviceId";
    public const string OnDate = "onDate";
    public const string StartTime = "startTime";
    public const string Duration = "duration";
    public const string TypeId = "typeId";
    public const string ActCategoryId = "actCategoryId";
    public const string WorkerId = "workerId";
    public const string OtherWorkerIds = "otherWorkerIds";
    public const string CaseFileId = "caseFileId";
    public const string BeneficiaryId = "beneficiaryId";
    public const string SiteId = "siteId";
    public const string Kilometres = "kilometres";
    public const string Note = "note";
}

/// <summary>
/// A rule a delivery breaks: the row of the batch (0 for a single delivery), the field, and the message as an
/// English resource key with its arguments (a worker's name, a day, hours). A removal that cannot be made is
/// in the list "removed" instead of "rows".
/// </summary>
public sealed record DeliveryProblem(int Row, string Field, string Message, IReadOnlyList<object> Arguments, string List = "rows")
{
    /// <summary>Where the problem is in a batch: "rows[3].duration", "removed[0]".</summary>
    public string RowKey => Field.Length == 0 ? $"{List}[{Row}]" : $"{List}[{Row}].{Field}";

    /// <summary>The message in the reader's language, days and hours in their culture.</summary>
    public string Text(IStringLocalizer localizer) => localizer[Message, Formatted(CultureInfo.CurrentCulture)];

    /// <summary>The message as the API gives it: English, days as yyyy-MM-dd.</summary>
    public string English() => string.Format(CultureInfo.InvariantCulture, Message, Formatted(CultureInfo.InvariantCulture));

    private object[] Formatted(CultureInfo culture) => Arguments.Select(argument => argument switch
    {
        DateOnly day when Equals(culture, CultureInfo.InvariantCulture) => day.ToString("yyyy-MM-dd", culture),
        DateOnly day => day.ToString("d", culture),
        decimal hours => hours.ToString("0.##", culture),
        _ => argument,
    }).ToArray();
}

/// <summary>Marks a message chosen in code and shown through the localizer later, so that the translation check finds it.</summary>
internal static class DeliveryMessages
{
    public static string TextKey(string english) => english;
}

/// <summary>One worker's hours on one day, all their deliveries together (as main or further worker).</summary>
public sealed record DayTotal(Guid WorkerId, string Worker, DateOnly OnDate, int Seconds)
{
    public decimal Hours => DeliveryText.Hours(Seconds);
    public bool IsOverLimit => Seconds > DeliveryRules.MaxSecondsPerWorkerPerDay;
}

/// <summary>A delivery to delete together with the others, at the version the person read.</summary>
public sealed record DeliveryRemoval(Guid Id, long Version);

/// <summary>
/// The rules every delivery obeys, whichever way it comes — the form, the week grid, the API, one at a time or a
/// whole batch: a duration above zero and at most 24 hours; a date not beyond tomorrow; a type and an act category
/// offered to the service and not retired (unless the delivery already had it); workers, site, case file and person
/// of the organisation; a case file open on the day; and no worker with more than 24 hours in a day, counting
/// every delivery they took part in. A batch is checked as a whole: either every row is right and everything is
/// applied to the unit of work, or nothing is and each problem names its row and field.
/// </summary>
public sealed class DeliveryRecording(SuiviDbContext db, DateOnly today)
{
    public sealed record Outcome(IReadOnlyList<DeliveryProblem> Problems, IReadOnlyList<DayTotal> Totals, IReadOnlyList<ServiceDelivery> Recorded)
    {
        public bool Succeeded => Problems.Count == 0;
    }

    /// <summary>Checks the drafts and removals without changing anything.</summary>
    public Task<Outcome> CheckAsync(IReadOnlyList<DeliveryDraft> drafts, IReadOnlyList<DeliveryRemoval> removals, CancellationToken ct) =>
        RunAsync(drafts, removals, apply: false, ct);

    /// <summary>
    /// Checks, then — only when nothing is wrong — records the new deliveries, corrects the existing ones against the
    /// version read and removes the removals, in the unit of work. The caller saves, once, so all of it is written or none.
    /// </summary>
    public Task<Outcome> RecordAsync(IReadOnlyList<DeliveryDraft> drafts, IReadOnlyList<DeliveryRemoval> removals, CancellationToken ct) =>
        RunAsync(drafts, removals, apply: true, ct);

    /// <summary>A row whose day, hours and workers are right: it counts in the day totals, and is applied when nothing else is wrong.</summary>
    private sealed record Counted(int Row, Guid? ServiceId, DateOnly OnDate, int Seconds, IReadOnlyList<Guid> Workers);

    private async Task<Outcome> RunAsync(IReadOnlyList<DeliveryDraft> drafts, IReadOnlyList<DeliveryRemoval> removals, bool apply,
        CancellationToken ct)
    {
        var references = await References.LoadAsync(db, drafts, removals, ct);
        var problems = new List<DeliveryProblem>();
        var counted = new List<Counted>();
        for (var row = 0; row < drafts.Count; row++)
        {
            if (CheckRow(row, drafts[row], references, problems) is { } hours)
            {
                counted.Add(hours);
            }
        }
        foreach (var duplicate in drafts.Select((d, row) => (d.Id, Row: row)).Where(d => d.Id is not null)
                     .GroupBy(d => d.Id).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            problems.Add(new(duplicate.Row, DeliveryFields.Id, TextKey("This delivery appears twice."), []));
        }
        var removed = removals.Select(r => r.Id).ToHashSet();
        foreach (var (_, row) in drafts.Select((d, row) => (d, row)).Where(d => d.d.Id is { } id && removed.Contains(id)))
        {
            problems.Add(new(row, DeliveryFields.Id, TextKey("This delivery is removed and corrected at once."), []));
        }
        foreach (var (_, index) in removals.Select((r, index) => (r, index)).Where(r => !references.Existing.ContainsKey(r.r.Id)))
        {
            problems.Add(new(index, "", TextKey("This delivery was not found."), [], "removed"));
        }

        var totals = await DayTotalsAsync(counted, drafts, removed, references, ct);
        foreach (var total in totals.Where(t => t.IsOverLimit))
        {
            foreach (var over in counted.Where(v => v.OnDate == total.OnDate && v.Workers.Contains(total.WorkerId)))
            {
                if (problems.All(p => p.Row != over.Row || p.Field != DeliveryFields.Duration))
                {
                    problems.Add(new(over.Row, DeliveryFields.Duration,
                        TextKey("{0} would have {1} hours of deliveries on {2}: one worker has no more than 24 hours in a day."),
                        [total.Worker, total.Hours, total.OnDate]));
                }
            }
        }
        if (problems.Count > 0 || !apply)
        {
            return new(problems.OrderBy(p => p.List).ThenBy(p => p.Row).ToList(), totals, []);
        }
        return new([], totals, Apply(drafts, removals, counted, references));
    }

    private List<ServiceDelivery> Apply(IReadOnlyList<DeliveryDraft> drafts, IReadOnlyList<DeliveryRemoval> removals, List<Counted> rows,
        References references)
    {
        var recorded = new List<ServiceDelivery>();
        foreach (var row in rows)
        {
            var draft = drafts[row.Row];
            var details = new DeliveryDetails(row.OnDate, draft.StartTime, TimeSpan.FromSeconds(row.Seconds), draft.TypeId!.Value,
                draft.ActCategoryId, draft.WorkerId!.Value, row.Workers.Skip(1).ToList(), draft.CaseFileId, draft.BeneficiaryId, draft.SiteId,
                draft.Kilometres, draft.Note);
            if (draft.Id is { } id)
            {
                var delivery = references.Existing[id];
                delivery.Correct(details, today);
                // Saved against the version the person read: a change made meanwhile is refused, never overwritten.
                db.Entry(delivery).Property(d => d.Version).OriginalValue = draft.Version!.Value;
                recorded.Add(delivery);
            }
            else
            {
                var delivery = new ServiceDelivery(row.ServiceId!.Value, details, today);
                db.Deliveries.Add(delivery);
                recorded.Add(delivery);
            }
        }
        foreach (var removal in removals)
        {
            var delivery = references.Existing[removal.Id];
            db.Entry(delivery).Property(d => d.Version).OriginalValue = removal.Version;
            db.Deliveries.Remove(delivery);
        }
        return recorded;
    }

    /// <summary>Checks one draft; gives what the day totals need when its day, hours and workers are right.</summary>
    private Counted? CheckRow(int row, DeliveryDraft draft, References references, List<DeliveryProblem> problems)
    {
        var fields = new HashSet<string>();
        void Problem(string field, string message, params object[] arguments)
        {
            // One message per field: the first rule it breaks.
            if (fields.Add(field))
            {
                problems.Add(new(row, field, message, arguments));
            }
        }
        T? Rule<T>(string field, Func<T> rule)
        {
            try
            {
                return rule();
            }
            catch (DomainRuleException broken)
            {
                Problem(field, broken.Message);
                return default;
            }
        }
        foreach (var (field, message) in draft.Unreadable)
        {
            Problem(field, message);
        }

        ServiceDelivery? existing = null;
        if (draft.Id is { } id)
        {
            if (!references.Existing.TryGetValue(id, out existing))
            {
                Problem(DeliveryFields.Id, TextKey("This delivery was not found."));
                return null;
            }
            if (draft.Version is null)
            {
                Problem(DeliveryFields.Version, TextKey("Send the version you read, so that a concurrent change is not overwritten."));
            }
        }

        var serviceId = draft.ServiceId ?? existing?.ServiceId;
        if (serviceId is null || !references.Services.Contains(serviceId.Value))
        {
            Problem(DeliveryFields.ServiceId, TextKey("Choose the service."));
        }
        else if (existing is not null && existing.ServiceId != serviceId)
        {
            Problem(DeliveryFields.ServiceId, TextKey("A delivery stays with its service: record a new one for the other service."));
        }

        if (draft.OnDate is { } onDate)
        {
            Rule(DeliveryFields.OnDate, () => { DeliveryRules.CheckDate(onDate, today); return true; });
        }
        else
        {
            Problem(DeliveryFields.OnDate, TextKey("This field is required."));
        }

        var seconds = draft.Duration is { } duration
            ? Rule(DeliveryFields.Duration, () => DeliveryRules.Seconds(duration))
            : 0;
        if (draft.Duration is null)
        {
            Problem(DeliveryFields.Duration, TextKey("This field is required."));
        }

        CheckListItem(draft.TypeId, existing?.TypeId, ListKind.DeliveryType, serviceId, references, DeliveryFields.TypeId,
            required: TextKey("Choose the type of delivery."), unknown: TextKey("Choose a type of delivery of the list."),
            retired: TextKey("This type of delivery is retired: choose another one."), Problem);
        CheckListItem(draft.ActCategoryId, existing?.ActCategoryId, ListKind.ActCategory, serviceId, references, DeliveryFields.ActCategoryId,
            required: null, unknown: TextKey("Choose an act category of the list."),
            retired: TextKey("This act category is retired: choose another one."), Problem);

        if (draft.WorkerId is not { } workerId)
        {
            Problem(DeliveryFields.WorkerId, TextKey("Choose the worker."));
        }
        else if (!references.Staff.ContainsKey(workerId))
        {
            Problem(DeliveryFields.WorkerId, TextKey("Choose a worker of the organisation."));
        }
        if (draft.OtherWorkerIds.Any(w => !references.Staff.ContainsKey(w)))
        {
            Problem(DeliveryFields.OtherWorkerIds, TextKey("Choose workers of the organisation."));
        }

        if (draft.SiteId is { } siteId && (!references.Sites.TryGetValue(siteId, out var siteService) || siteService != serviceId))
        {
            Problem(DeliveryFields.SiteId, TextKey("Choose a site of the service."));
        }

        if (draft.CaseFileId is { } caseFileId)
        {
            if (!references.Episodes.TryGetValue(caseFileId, out var episodes))
            {
                Problem(DeliveryFields.CaseFileId, TextKey("This case file was not found."));
            }
            else if (draft.OnDate is { } day && !fields.Contains(DeliveryFields.OnDate))
            {
                Rule(DeliveryFields.CaseFileId, () => { DeliveryRules.CheckCaseFileOpen(episodes, day); return true; });
            }
        }
        if (draft.BeneficiaryId is { } beneficiaryId)
        {
            if (!references.Beneficiaries.Contains(beneficiaryId))
            {
                Problem(DeliveryFields.BeneficiaryId, TextKey("This person was not found."));
            }
            else if (draft.CaseFileId is { } fileId && references.Episodes.ContainsKey(fileId)
                     && !references.Members.Contains((fileId, beneficiaryId)))
            {
                Problem(DeliveryFields.BeneficiaryId, TextKey("This person is not a member of the case file."));
            }
        }

        Rule(DeliveryFields.Kilometres, () => DeliveryRules.Metres(draft.Kilometres));
        if (draft.Note?.Trim().Length > 2000)
        {
            Problem(DeliveryFields.Note, TextKey("This field is too long."));
        }

        if (fields.Overlaps([DeliveryFields.Id, DeliveryFields.OnDate, DeliveryFields.Duration, DeliveryFields.WorkerId, DeliveryFields.OtherWorkerIds]))
        {
            return null;
        }
        var workers = draft.OtherWorkerIds.Where(w => w != draft.WorkerId).Distinct().Prepend(draft.WorkerId!.Value).ToList();
        return new Counted(row, serviceId, draft.OnDate!.Value, seconds, workers);
    }

    private static void CheckListItem(Guid? itemId, Guid? current, ListKind kind, Guid? serviceId, References references, string field,
        string? required, string unknown, string retired, Action<string, string, object[]> problem)
    {
        if (itemId is not { } id)
        {
            if (required is not null)
            {
                problem(field, required, []);
            }
            return;
        }
        if (!references.Items.TryGetValue(id, out var item) || item.List != kind || (item.ServiceId is { } only && only != serviceId))
        {
            problem(field, unknown, []);
        }
        else if (!item.IsActive && id != current)
        {
            // A delivery that already had a retired entry keeps it when corrected; new ones cannot choose it.
            problem(field, retired, []);
        }
    }

    /// <summary>
    /// Each worker's hours on each day a row concerns: what is already recorded (rows corrected or removed
    /// here excepted) plus the rows. Only deliveries the reader may see are counted.
    /// </summary>
    private async Task<IReadOnlyList<DayTotal>> DayTotalsAsync(List<Counted> counted, IReadOnlyList<DeliveryDraft> drafts,
        HashSet<Guid> removed, References references, CancellationToken ct)
    {
        if (counted.Count == 0)
        {
            return [];
        }
        var workers = counted.SelectMany(v => v.Workers).Distinct().ToList();
        var days = counted.Select(v => v.OnDate).Distinct().ToList();
        var replaced = drafts.Select(d => d.Id).OfType<Guid>().Concat(removed).Distinct().ToList();
        var recorded = await db.Deliveries.AsNoTracking()
            .Where(d => days.Contains(d.OnDate) && !replaced.Contains(d.Id)
                && (workers.Contains(d.WorkerId) || d.OtherWorkers.Any(w => workers.Contains(w.StaffMemberId))))
            .Select(d => new { d.OnDate, d.WorkerId, d.DurationSeconds, Others = d.OtherWorkers.Select(w => w.StaffMemberId).ToList() })
            .ToListAsync(ct);
        var seconds = new Dictionary<(Guid Worker, DateOnly Day), int>();
        void Count(IEnumerable<Guid> who, DateOnly day, int duration)
        {
            foreach (var worker in who.Distinct().Where(workers.Contains))
            {
                seconds[(worker, day)] = seconds.GetValueOrDefault((worker, day)) + duration;
            }
        }
        foreach (var delivery in recorded)
        {
            Count(delivery.Others.Prepend(delivery.WorkerId), delivery.OnDate, delivery.DurationSeconds);
        }
        foreach (var row in counted)
        {
            Count(row.Workers, row.OnDate, row.Seconds);
        }
        return seconds
            .Select(s => new DayTotal(s.Key.Worker, references.Staff[s.Key.Worker], s.Key.Day, s.Value))
            .OrderBy(t => t.OnDate).ThenBy(t => t.Worker, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>Everything the drafts refer to, read once for the whole batch, through the organisation's (and restriction) filters.</summary>
    private sealed class References
    {
        public required Dictionary<Guid, ServiceDelivery> Existing { get; init; }
        public required HashSet<Guid> Services { get; init; }
        public required Dictionary<Guid, ListItem> Items { get; init; }

        /// <summary>Staff member → "First Last".</summary>
        public required Dictionary<Guid, string> Staff { get; init; }

        /// <summary>Site → its service.</summary>
        public required Dictionary<Guid, Guid> Sites { get; init; }

        /// <summary>Case file → its episodes; a file the reader may not see is absent.</summary>
        public required Dictionary<Guid, List<(DateOnly OpenedOn, DateOnly? ClosedOn)>> Episodes { get; init; }

        public required HashSet<(Guid CaseFileId, Guid BeneficiaryId)> Members { get; init; }
        public required HashSet<Guid> Beneficiaries { get; init; }

        public static async Task<References> LoadAsync(SuiviDbContext db, IReadOnlyList<DeliveryDraft> drafts,
            IReadOnlyList<DeliveryRemoval> removals, CancellationToken ct)
        {
            var deliveryIds = drafts.Select(d => d.Id).OfType<Guid>().Concat(removals.Select(r => r.Id)).Distinct().ToList();
            // Tracked: corrections and removals are applied to these very entities.
            var existing = deliveryIds.Count == 0
                ? []
                : await db.Deliveries.Include(d => d.OtherWorkers).Where(d => deliveryIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
            var staffIds = drafts.SelectMany(d => d.OtherWorkerIds.Prepend(d.WorkerId ?? Guid.Empty)).Distinct().ToList();
            var siteIds = drafts.Select(d => d.SiteId).OfType<Guid>().Distinct().ToList();
            var fileIds = drafts.Select(d => d.CaseFileId).OfType<Guid>().Distinct().ToList();
            var personIds = drafts.Select(d => d.BeneficiaryId).OfType<Guid>().Distinct().ToList();
            var staff = await db.Staff.Where(s => staffIds.Contains(s.Id))
                .Select(s => new { s.Id, s.FirstName, s.LastName }).ToListAsync(ct);
            var visibleFiles = await db.CaseFiles.Where(c => fileIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            var episodes = await db.Episodes.Where(e => visibleFiles.Contains(e.CaseFileId))
                .Select(e => new { e.CaseFileId, e.OpenedOn, e.ClosedOn }).ToListAsync(ct);
            var members = await db.CaseFileMembers.Where(m => visibleFiles.Contains(m.CaseFileId) && personIds.Contains(m.BeneficiaryId))
                .Select(m => new { m.CaseFileId, m.BeneficiaryId }).ToListAsync(ct);
            return new References
            {
                Existing = existing,
                Services = (await db.Services.Select(s => s.Id).ToListAsync(ct)).ToHashSet(),
                // Both lists are short: read whole, retired entries included, to tell "retired" from "unknown".
                Items = await db.ListItems.Where(i => i.List == ListKind.DeliveryType || i.List == ListKind.ActCategory)
                    .ToDictionaryAsync(i => i.Id, ct),
                Staff = staff.ToDictionary(s => s.Id, s => $"{s.FirstName} {s.LastName}"),
                Sites = await db.Sites.Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.ServiceId, ct),
                Episodes = visibleFiles.ToDictionary(id => id, id => episodes.Where(e => e.CaseFileId == id)
                    .Select(e => (e.OpenedOn, e.ClosedOn)).ToList()),
                Members = members.Select(m => (m.CaseFileId, m.BeneficiaryId)).ToHashSet(),
                Beneficiaries = (await db.Beneficiaries.Where(b => personIds.Contains(b.Id)).Select(b => b.Id).ToListAsync(ct)).ToHashSet(),
            };
        }
    }
}
