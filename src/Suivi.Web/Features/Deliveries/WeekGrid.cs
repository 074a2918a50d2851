using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Features.Settings;
using static Suivi.Features.Deliveries.DeliveryMessages;

namespace Suivi.Features.Deliveries;

/// <summary>
/// A week of deliveries for the keyboard grid: one worker's (the deliveries where they are the main worker) or a
/// service team's (the service's deliveries). Loads what the grid shows, and saves the grid's rows — new, corrected
/// and removed — all or nothing, through <see cref="DeliveryRecording"/>.
/// </summary>
public sealed class WeekGrid(SuiviDbContext db, DateOnly today)
{
    /// <summary>The week shown: one worker's when <see cref="WorkerId"/> is set, else the team of the service.</summary>
    public sealed record Scope(DateOnly Monday, Guid ServiceId, Guid? WorkerId)
    {
        public DateOnly Sunday => Monday.AddDays(6);
        public bool IsTeam => WorkerId is null;
    }

    /// <summary>
    /// A row as the grid holds it: hours, time, kilometres and day as typed; the case file and/or person picked in
    /// the search with the label it showed; further workers kept as they were. <see cref="Seconds"/> is what a recorded
    /// row had (for the day totals); what the grid sends back is read from <see cref="Duration"/>.
    /// </summary>
    public sealed record GridRow(Guid? Id, long? Version, Guid? WorkerId, string? OnDate, string? StartTime, string? Duration, Guid? TypeId,
        Guid? ActCategoryId, Guid? CaseFileId, Guid? BeneficiaryId, string? Subject, Guid? SiteId, string? Kilometres, string? Note,
        IReadOnlyList<Guid>? OtherWorkerIds, int? Seconds = null);

    /// <summary>What the grid sends to check or save: every row it shows (empty ones are skipped) and the rows removed.</summary>
    public sealed record WeekWrite(IReadOnlyList<GridRow>? Rows, IReadOnlyList<DeliveryRemoval>? Removed);

    public sealed record Option(Guid Id, string Label);
    public sealed record Day(string Date, string Label);
    public sealed record Elsewhere(Guid WorkerId, string Date, int Seconds);

    /// <summary>
    /// Everything the grid starts from. <see cref="Labels"/> names entries a row has but the choices do not offer
    /// (a retired type, a site of another service). <see cref="Elsewhere"/> holds each worker's hours on each day
    /// outside the grid (deliveries of other services, or done with someone else), for the day totals.
    /// </summary>
    public sealed record Data(string Mode, string Week, Guid ServiceId, Guid? WorkerId, IReadOnlyList<Day> Days, IReadOnlyList<Option> Workers,
        IReadOnlyList<Option> Types, IReadOnlyList<Option> Categories, IReadOnlyList<Option> Sites, IReadOnlyDictionary<Guid, string> Labels,
        IReadOnlyList<GridRow> Rows, IReadOnlyList<Elsewhere> Elsewhere, int LimitSeconds);

    /// <summary>A case file and/or person the search offers.</summary>
    public sealed record Subject(Guid? CaseFileId, Guid? BeneficiaryId, string Label);

    public IQueryable<ServiceDelivery> InScope(Scope scope)
    {
        var week = db.Deliveries.Where(d => d.OnDate >= scope.Monday && d.OnDate <= scope.Sunday);
        return scope.WorkerId is { } worker ? week.Where(d => d.WorkerId == worker) : week.Where(d => d.ServiceId == scope.ServiceId);
    }

    public async Task<Data> LoadAsync(Scope scope, CancellationToken ct)
    {
        var rows = await InScope(scope).OrderBy(d => d.OnDate).ThenBy(d => d.StartTime).ThenBy(d => d.Id).RowsAsync(ct);
        var names = await DeliveryList.Names.LoadAsync(db, rows, ct);
        var culture = CultureInfo.CurrentCulture;
        var days = Enumerable.Range(0, 7).Select(i => scope.Monday.AddDays(i))
            .Select(d => new Day(Iso(d), d.ToString("ddd d MMM", culture)))
            .ToList();

        var team = scope.WorkerId is { } only
            ? await db.Staff.Where(s => s.Id == only).Select(s => new Option(s.Id, s.FirstName + " " + s.LastName)).ToListAsync(ct)
            : await db.Staff.Where(s => s.ServiceId == scope.ServiceId).Select(s => new Option(s.Id, s.FirstName + " " + s.LastName)).ToListAsync(ct);
        var workers = team.Concat(rows.Select(r => r.WorkerId).Distinct().Where(w => team.All(t => t.Id != w)).Select(w => new Option(w, names.Worker(w))))
            .OrderBy(w => w.Label, StringComparer.CurrentCulture).ToList();

        var types = (await db.ListItems.ActiveAsync(ListKind.DeliveryType, scope.ServiceId, ct)).Select(i => new Option(i.Id, i.LabelText())).ToList();
        var categories = (await db.ListItems.ActiveAsync(ListKind.ActCategory, scope.ServiceId, ct)).Select(i => new Option(i.Id, i.LabelText())).ToList();
        var sites = await db.Sites.Where(s => s.ServiceId == scope.ServiceId).OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(ct);
        var offered = types.Concat(categories).Concat(sites).Select(o => o.Id).ToHashSet();
        var labels = new Dictionary<Guid, string>();
        foreach (var row in rows)
        {
            foreach (var id in new[] { row.TypeId, row.ActCategoryId ?? Guid.Empty }.Where(i => i != Guid.Empty && !offered.Contains(i)))
            {
                labels[id] = names.Item(id);
            }
            if (row.SiteId is { } site && !offered.Contains(site))
            {
                labels[site] = names.Site(site) ?? "";
            }
        }

        var gridRows = rows.Select(r => new GridRow(r.Id, r.Version, r.WorkerId, Iso(r.OnDate), DeliveryText.EditableTime(r.StartTime),
                DeliveryText.EditableHours(r.DurationSeconds), r.TypeId, r.ActCategoryId, r.CaseFileId, r.BeneficiaryId,
                SubjectLabel(names.CaseFile(r.CaseFileId), names.Person(r.BeneficiaryId)), r.SiteId,
                DeliveryText.EditableKilometres(r.DistanceMetres), r.Note, r.OtherWorkerIds, r.DurationSeconds))
            .ToList();
        var elsewhere = await ElsewhereAsync(scope, workers.Select(w => w.Id).Concat(rows.SelectMany(r => r.OtherWorkerIds)).Distinct().ToList(), ct);
        return new Data(scope.IsTeam ? "team" : "worker", DeliveryText.Week(scope.Monday), scope.ServiceId, scope.WorkerId, days, workers,
            types, categories, sites, labels, gridRows, elsewhere, DeliveryRules.MaxSecondsPerWorkerPerDay);
    }

    /// <summary>Hours of the week's workers outside the grid: every delivery they took part in that the grid does not show.</summary>
    private async Task<IReadOnlyList<Elsewhere>> ElsewhereAsync(Scope scope, List<Guid> workers, CancellationToken ct)
    {
        var shown = InScope(scope).Select(d => d.Id);
        var outside = await db.Deliveries
            .Where(d => d.OnDate >= scope.Monday && d.OnDate <= scope.Sunday && !shown.Contains(d.Id)
                && (workers.Contains(d.WorkerId) || d.OtherWorkers.Any(w => workers.Contains(w.StaffMemberId))))
            .Select(d => new { d.OnDate, d.DurationSeconds, Workers = d.OtherWorkers.Select(w => w.StaffMemberId).ToList(), d.WorkerId })
            .ToListAsync(ct);
        return outside
            .SelectMany(d => d.Workers.Prepend(d.WorkerId).Distinct().Where(workers.Contains).Select(w => (Worker: w, d.OnDate, d.DurationSeconds)))
            .GroupBy(x => (x.Worker, x.OnDate))
            .Select(g => new Elsewhere(g.Key.Worker, Iso(g.Key.OnDate), g.Sum(x => x.DurationSeconds)))
            .ToList();
    }

    /// <summary>
    /// Checks the grid's rows, or records them (<paramref name="apply"/>): new rows are created in the scope's service, existing
    /// ones must belong to the week shown, days must be of that week, and in a worker's week every row is theirs. Problems
    /// name the grid's own rows ("rows[3].duration", "removed[0]"). The caller saves once.
    /// </summary>
    public async Task<DeliveryRecording.Outcome> RecordAsync(Scope scope, WeekWrite write, bool apply, CancellationToken ct)
    {
        var rows = write.Rows ?? [];
        var removals = write.Removed ?? [];
        var inScope = await InScope(scope).ToDictionaryAsync(d => d.Id, d => d.DurationSeconds, ct);
        var drafts = new List<DeliveryDraft>();
        var gridRowOf = new List<int>();
        for (var index = 0; index < rows.Count; index++)
        {
            if (IsEmpty(rows[index]))
            {
                continue;
            }
            drafts.Add(Draft(scope, rows[index], inScope));
            gridRowOf.Add(index);
        }
        var outOfScope = removals.Select((r, index) => (r, index)).Where(r => !inScope.ContainsKey(r.r.Id))
            .Select(r => new DeliveryProblem(r.index, "", TextKey("This delivery was not found."), [], "removed")).ToList();
        var recording = new DeliveryRecording(db, today);
        var kept = removals.Where(r => inScope.ContainsKey(r.Id)).ToList();
        var outcome = apply && outOfScope.Count == 0
            ? await recording.RecordAsync(drafts, kept, ct)
            : await recording.CheckAsync(drafts, kept, ct);
        var problems = outcome.Problems
            .Where(p => p.List == "rows")
            .Select(p => p with { Row = gridRowOf[p.Row] })
            .Concat(outOfScope)
            .ToList();
        return outcome with { Problems = problems };
    }

    /// <summary>A new row with nothing that says a delivery happened: the empty line the grid keeps at the bottom.</summary>
    private static bool IsEmpty(GridRow row) =>
        row.Id is null && string.IsNullOrWhiteSpace(row.StartTime) && string.IsNullOrWhiteSpace(row.Duration) && row.ActCategoryId is null
        && row.CaseFileId is null && row.BeneficiaryId is null && string.IsNullOrWhiteSpace(row.Kilometres) && string.IsNullOrWhiteSpace(row.Note);

    private static DeliveryDraft Draft(Scope scope, GridRow row, Dictionary<Guid, int> inScope)
    {
        var unreadable = new Dictionary<string, string>();
        int? keptSeconds = row.Id is { } shown && inScope.TryGetValue(shown, out var seconds) ? seconds : null;
        if (row.Id is { } id && !inScope.ContainsKey(id))
        {
            unreadable[DeliveryFields.Id] = TextKey("This delivery was not found.");
        }
        DateOnly? onDate = null;
        if (!DeliveryText.TryReadDate(row.OnDate, out var day))
        {
            unreadable[DeliveryFields.OnDate] = TextKey("Choose a day of this week.");
        }
        else if (day < scope.Monday || day > scope.Sunday)
        {
            unreadable[DeliveryFields.OnDate] = TextKey("Choose a day of this week.");
        }
        else
        {
            onDate = day;
        }
        TimeSpan? duration = null;
        if (!string.IsNullOrWhiteSpace(row.Duration))
        {
            if (DeliveryText.TryReadDuration(row.Duration, keptSeconds, out var read))
            {
                duration = read;
            }
            else
            {
                unreadable[DeliveryFields.Duration] = TextKey("Give hours as 1.5, 1,5 or 1:30.");
            }
        }
        if (!DeliveryText.TryReadStartTime(row.StartTime, out var start))
        {
            unreadable[DeliveryFields.StartTime] = TextKey("Give the time as 9:30.");
        }
        if (!DeliveryText.TryReadKilometres(row.Kilometres, out var kilometres))
        {
            unreadable[DeliveryFields.Kilometres] = TextKey("Give kilometres as a number, such as 12.5.");
        }
        return new DeliveryDraft
        {
            Id = row.Id,
            Version = row.Version,
            // New rows go to the service shown; corrected ones keep theirs.
            ServiceId = row.Id is null ? scope.ServiceId : null,
            OnDate = onDate,
            StartTime = start,
            Duration = duration,
            TypeId = row.TypeId,
            ActCategoryId = row.ActCategoryId,
            WorkerId = scope.WorkerId ?? row.WorkerId,
            OtherWorkerIds = row.OtherWorkerIds ?? [],
            CaseFileId = row.CaseFileId,
            BeneficiaryId = row.BeneficiaryId,
            SiteId = row.SiteId,
            Kilometres = kilometres,
            Note = row.Note,
            Unreadable = unreadable,
        };
    }

    /// <summary>
    /// Case files and persons whose reference or name contains the text typed, as the reader may see them (restricted
    /// files only for those named on them): each file with a member named, each person with each of their files and alone.
    /// </summary>
    public async Task<IReadOnlyList<Subject>> FindAsync(string? text, CancellationToken ct)
    {
        const int most = 12;
        var folded = SearchText.Fold(text);
        if (folded.Length < 2)
        {
            return [];
        }
        var reference = text!.Trim().ToUpperInvariant();
        var files = await db.CaseFiles.Where(c => c.Reference.ToUpper().Contains(reference))
            .OrderByDescending(c => c.OpenedOn).Take(most)
            .Select(c => new { c.Id, c.Reference }).ToListAsync(ct);
        var people = await db.Beneficiaries.Matching(text).InListOrder().Take(most)
            .Select(b => new { b.Id, Name = b.FirstName + " " + b.LastName, b.BirthDate }).ToListAsync(ct);
        var fileIds = files.Select(f => f.Id).ToList();
        var personIds = people.Select(p => p.Id).ToList();
        var memberships = await db.CaseFileMembers.Where(m => fileIds.Contains(m.CaseFileId) || personIds.Contains(m.BeneficiaryId))
            .Join(db.CaseFiles, m => m.CaseFileId, c => c.Id, (m, c) => new { m.CaseFileId, c.Reference, m.BeneficiaryId, c.Status })
            .Join(db.Beneficiaries, m => m.BeneficiaryId, b => b.Id, (m, b) => new { m.CaseFileId, m.Reference, m.BeneficiaryId, m.Status, Name = b.FirstName + " " + b.LastName })
            .ToListAsync(ct);

        var found = new List<Subject>();
        foreach (var file in files)
        {
            var members = memberships.Where(m => m.CaseFileId == file.Id).OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
            found.Add(new Subject(file.Id, null, SubjectLabel(file.Reference, string.Join(", ", members.Select(m => m.Name))) ?? file.Reference));
        }
        foreach (var person in people)
        {
            foreach (var file in memberships.Where(m => m.BeneficiaryId == person.Id && fileIds.All(f => f != m.CaseFileId)).OrderBy(m => m.Status))
            {
                found.Add(new Subject(file.CaseFileId, person.Id, SubjectLabel(file.Reference, person.Name) ?? file.Reference));
            }
            var born = person.BirthDate?.ToString("d", CultureInfo.CurrentCulture);
            found.Add(new Subject(null, person.Id, born is null ? person.Name : $"{person.Name} ({born})"));
        }
        return found.Take(most).ToList();
    }

    private static string? SubjectLabel(string? reference, string? person) =>
        (reference, person) switch
        {
            (null, null) => null,
            (null, _) => person,
            (_, null or "") => reference,
            _ => $"{reference} · {person}",
        };

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
