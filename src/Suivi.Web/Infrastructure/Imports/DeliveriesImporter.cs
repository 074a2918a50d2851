using System.Globalization;
using System.Runtime.InteropServices;
using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Service deliveries, one per row, at the database's own pace: rows are checked against the rules every
/// delivery obeys (<see cref="DeliveryRules"/>) on the reading thread and handed to the bulk writer on the
/// writing thread. The bulk writer bypasses the save interceptor, so the run writes one audit entry for all
/// the rows, and the writer stamps each row with the organisation acted in, never one from the file.
/// </summary>
public sealed class DeliveriesImporter(TimeProvider clock) : RecordImporter<DeliveriesImporter.Delivery>
{
    public static readonly ImportColumns Layout = new();
    private static readonly ImportColumn ExternalId = Layout.Required("external_id",
        TextKey("The delivery's id in the previous system: importing the same file again skips the deliveries already imported."));
    private static readonly ImportColumn ServiceColumn = Layout.Required("service", TextKey("Code of the service that delivered it (Settings)."));
    private static readonly ImportColumn DateColumn = Layout.Required("date", TextKey("Day of the delivery: 2024-01-31 or 31/01/2024 (or an Excel date)."));
    private static readonly ImportColumn Start = Layout.Optional("start", TextKey("Time it started: 09:30."));
    private static readonly ImportColumn Hours = Layout.Required("hours", TextKey("Duration in hours: 1.5, 1,5 or 1:30; more than 0 and at most 24."));
    private static readonly ImportColumn Type = Layout.Required("type", TextKey("Code of the type of delivery (list of types of delivery, the organisation's or the service's own)."));
    private static readonly ImportColumn ActCategory = Layout.Optional("act_category", TextKey("Code of the act category (list of act categories)."));
    private static readonly ImportColumn Worker = Layout.Required("worker", TextKey("The staff member who performed it: full name as in Suivi (First name Last name), or their id."));
    private static readonly ImportColumn OtherWorkers = Layout.Optional("other_workers", TextKey("Further staff members (a visit in pairs), separated by ';'."));
    private static readonly ImportColumn CaseFileColumn = Layout.Optional("case_file", TextKey("Reference of the case file; the case file must be open on that day."));
    private static readonly ImportColumn Person = Layout.Optional("person", TextKey("External id of the person it was delivered to (imported before)."));
    private static readonly ImportColumn SiteColumn = Layout.Optional("site", TextKey("Name of the site of the service where it took place."));
    private static readonly ImportColumn Kilometres = Layout.Optional("km", TextKey("Kilometres driven for it: 12.5."));
    private static readonly ImportColumn Note = Layout.Optional("note", TextKey("A note (at most 2000 characters)."));

    // Hours per worker and day in this file, for the rule of at most 24 hours a day: one entry per worker-day, not per row.
    // Counted on the reading thread, once a row is known to be written; read by the writing thread only at the end.
    private readonly Dictionary<(Guid Worker, DateOnly Day), WorkerDay> _workerDays = [];
    private IDeliveryBulkWriter? _writer;
    private readonly ImportIds _ids = new(clock);

    /// <summary>A row checked and resolved by code; the case file and person are found per batch.</summary>
    public readonly record struct Delivery(DeliveryRow Row, string? CaseFile, string? Person);

    private struct WorkerDay
    {
        public int Seconds;
        public long FirstLine;
        public bool Reported;
    }

    public override ImportKind Kind => ImportKind.Deliveries;

    /// <summary>The bulk writer checks every id the rows refer to once, at the end of the run.</summary>
    public override bool ChecksReferencesItself => true;

    public override ImportColumns Columns => Layout;

    protected override async Task StartAsync(ImportContext context, CancellationToken cancellationToken) =>
        _writer = await DeliveryBulkWriters.OpenAsync(context.Db, context.OrganisationId, context.RunId, cancellationToken);

    protected override bool TryRead(ImportRow row, ImportContext context, out Delivery record)
    {
        record = default;
        var valid = HasRequiredValues(row, context);
        var codes = context.Codes;
        var externalId = row[ExternalId];
        if (externalId?.Length > 100)
        {
            valid = false;
            context.Error(row.Line, ExternalId, TextKey("This field is too long."));
        }
        var service = row[ServiceColumn] is { } code ? codes.Service(code) : null;
        if (service is null && row[ServiceColumn] is { } unknownService)
        {
            valid = false;
            context.Error(row.Line, ServiceColumn, TextKey("Unknown service code {0}."), unknownService);
        }
        var day = default(DateOnly);
        if (row[DateColumn] is { } dateText)
        {
            if (!ImportValues.TryDate(dateText, out day))
            {
                valid = false;
                context.Error(row.Line, DateColumn, TextKey("Give the date as 2024-01-31 or 31/01/2024."));
            }
            else
            {
                try
                {
                    DeliveryRules.CheckDate(day, context.Today);
                }
                catch (DomainRuleException rule)
                {
                    valid = false;
                    Broken(row, context, DateColumn, rule);
                }
            }
        }
        TimeOnly? start = null;
        if (row[Start] is { } startText)
        {
            if (ImportValues.TryTime(startText, out var time))
            {
                start = time;
            }
            else
            {
                valid = false;
                context.Error(row.Line, Start, TextKey("Give the time as 09:30."));
            }
        }
        var seconds = 0;
        if (row[Hours] is { } hoursText)
        {
            if (!DeliveryRules.TryParseDuration(hoursText, out var duration))
            {
                valid = false;
                context.Error(row.Line, Hours, TextKey("Give the hours as 1.5 or as hours and minutes (1:30)."));
            }
            else
            {
                try
                {
                    seconds = DeliveryRules.Seconds(duration);
                }
                catch (DomainRuleException rule)
                {
                    valid = false;
                    Broken(row, context, Hours, rule);
                }
            }
        }
        var typeId = ListEntry(row, context, Type, ListKind.DeliveryType, service, day, ref valid);
        var categoryId = ListEntry(row, context, ActCategory, ListKind.ActCategory, service, day, ref valid);
        var workerId = Guid.Empty;
        if (row[Worker] is { } workerText)
        {
            valid &= Staff(row, context, Worker, workerText, out workerId);
        }
        Guid[]? others = null;
        if (row[OtherWorkers] is { } othersText)
        {
            var names = ImportValues.List(othersText);
            others = new Guid[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                valid &= Staff(row, context, OtherWorkers, names[i], out others[i]);
            }
        }
        Guid? siteId = null;
        if (row[SiteColumn] is { } siteName && service is not null)
        {
            siteId = codes.Site(service.Id, siteName);
            if (siteId is null)
            {
                valid = false;
                context.Error(row.Line, SiteColumn, TextKey("The service {0} has no site called {1}."), service.Code, siteName);
            }
        }
        int? metres = null;
        if (row[Kilometres] is { } kmText)
        {
            if (!ImportValues.TryDecimal(kmText, out var km))
            {
                valid = false;
                context.Error(row.Line, Kilometres, TextKey("Give the kilometres as a number: 12.5."));
            }
            else
            {
                try
                {
                    metres = DeliveryRules.Metres(km);
                }
                catch (DomainRuleException rule)
                {
                    valid = false;
                    Broken(row, context, Kilometres, rule);
                }
            }
        }
        var note = row[Note];
        if (note?.Length > 2000)
        {
            valid = false;
            context.Error(row.Line, Note, TextKey("This field is too long."));
        }
        var caseFile = row[CaseFileColumn];
        if (caseFile?.Length > 40)
        {
            valid = false;
            context.Error(row.Line, CaseFileColumn, TextKey("This field is too long."));
        }
        if (!valid)
        {
            return false;
        }
        record = new Delivery(
            new DeliveryRow(_ids.Next(), service!.Id, day, start, seconds, typeId!.Value, categoryId, workerId, others,
                null, null, siteId, metres, note, externalId, row.Line),
            caseFile, row[Person]);
        return true;
    }

    protected override async Task ResolveAsync(ImportBatch<Delivery> batch, ImportContext context, CancellationToken cancellationToken)
    {
        var lookups = context.Lookups;
        var (files, people) = (new List<string>(), new List<string>());
        foreach (var (_, delivery) in batch)
        {
            if (delivery.CaseFile is { } reference)
            {
                files.Add(reference);
            }
            if (delivery.Person is { } person)
            {
                people.Add(person);
            }
        }
        if (files.Count > 0)
        {
            await lookups.LoadCaseFilesAsync(files, cancellationToken);
        }
        if (people.Count > 0)
        {
            await lookups.LoadPeopleAsync(people, cancellationToken);
        }
        for (var i = 0; i < batch.Count; i++)
        {
            var (line, delivery) = (batch.Line(i), batch[i]);
            var row = delivery.Row;
            var valid = true;
            Guid? caseFileId = null, beneficiaryId = null;
            if (delivery.CaseFile is { } reference)
            {
                if (lookups.CaseFile(reference) is not { } file)
                {
                    valid = false;
                    context.Error(line, CaseFileColumn, TextKey("No case file has the reference {0}."), reference);
                }
                else
                {
                    try
                    {
                        DeliveryRules.CheckCaseFileOpen(file.Episodes, row.OnDate);
                        caseFileId = file.Id;
                    }
                    catch (DomainRuleException rule)
                    {
                        valid = false;
                        context.Error(line, CaseFileColumn, rule.Message);
                    }
                }
            }
            if (delivery.Person is { } person)
            {
                if (lookups.Person(person) is { } id)
                {
                    beneficiaryId = id;
                }
                else
                {
                    valid = false;
                    context.Error(line, Person, TextKey("No person has the external id {0}: import the people first."), person);
                }
            }
            if (caseFileId is not null || beneficiaryId is not null)
            {
                row = row with { CaseFileId = caseFileId, BeneficiaryId = beneficiaryId };
            }
            if (valid && WithinTheDay(context, line, row))
            {
                batch[i] = delivery with { Row = row };
            }
            else
            {
                batch.Reject(i);
            }
        }
    }

    /// <summary>Adds the row's hours to each of its workers' day; false past 24 hours for one of them.</summary>
    private bool WithinTheDay(ImportContext context, long line, DeliveryRow row)
    {
        var within = Tally(context, line, row.WorkerId, row);
        if (row.OtherWorkerIds is { } others)
        {
            for (var i = 0; i < others.Length; i++)
            {
                if (others[i] != row.WorkerId && Array.IndexOf(others, others[i]) == i)
                {
                    within &= Tally(context, line, others[i], row);
                }
            }
        }
        return within;
    }

    protected override async Task WriteAsync(ImportBatch<Delivery> batch, ImportContext context, CancellationToken cancellationToken)
    {
        var writer = _writer!;
        for (var i = 0; i < batch.Count; i++)
        {
            if (!batch.IsRejected(i))
            {
                await writer.AddAsync(batch[i].Row, cancellationToken);
            }
        }
    }

    protected override async Task CompleteAsync(ImportContext context, CancellationToken cancellationToken)
    {
        var result = await _writer!.CompleteAsync(cancellationToken);
        context.Written(result.Written);
        context.Skipped(result.Skipped);
        foreach (var repeated in result.DuplicatesInFile.GroupBy(d => d.ExternalId, StringComparer.Ordinal))
        {
            var lines = repeated.Select(d => d.Line).Order().ToList();
            foreach (var line in lines.Skip(1))
            {
                context.Error(line, ExternalId, TextKey("The external id {0} is already on line {1} of the file."), repeated.Key, lines[0]);
            }
        }
        foreach (var (worker, day, seconds) in result.OverloadedWorkerDays)
        {
            if (_workerDays.TryGetValue((worker, day), out var tally) && !tally.Reported)
            {
                context.Error(tally.FirstLine, Hours,
                    TextKey("With the deliveries already recorded, {0} works {1} hours on {2}: more than 24 hours in a day."),
                    context.Codes.StaffNameOf(worker), HoursOf(seconds), day);
            }
        }
        if (result.Written > 0)
        {
            // One entry for the whole run: the rows bypass the save interceptor that audits records one by one.
            context.Db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, context.UserId, context.UserName, context.OrganisationId,
                AuditAction.Create, nameof(ServiceDelivery), context.RunId, AuditOutcome.Succeeded,
                string.Create(CultureInfo.InvariantCulture, $"{nameof(ImportRun)}: {result.Written} rows")));
            await context.Db.SaveChangesAsync(cancellationToken);
        }
    }

    protected override async ValueTask ReleaseAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
        }
    }

    /// <summary>
    /// Resolves a staff member named in a cell, reporting an unknown or ambiguous name. Shared with the other
    /// kinds that name staff.
    /// </summary>
    public static bool Staff(ImportRow row, ImportContext context, ImportColumn column, string text, out Guid id)
    {
        switch (context.Codes.Staff(text, out id))
        {
            case OrganisationCodes.Found.Yes:
                return true;
            case OrganisationCodes.Found.Ambiguous:
                context.Error(row.Line, column, TextKey("Several staff members are called {0}: give the id of the one meant."), text);
                return false;
            default:
                context.Error(row.Line, column, TextKey("No staff member is called {0}: give the full name as in Suivi, or the id."), text);
                return false;
        }
    }

    /// <summary>A list entry for the row's service, reporting an unknown code or one retired before the day.</summary>
    private static Guid? ListEntry(ImportRow row, ImportContext context, ImportColumn column, ListKind list,
        OrganisationCodes.ServiceCode? service, DateOnly day, ref bool valid)
    {
        if (row[column] is not { } code || service is null)
        {
            return null;
        }
        switch (context.Codes.ListEntry(list, service.Id, code))
        {
            case null:
                valid = false;
                context.Error(row.Line, column, TextKey("Unknown code {0} for the service {1}."), code, service.Code);
                return null;
            case { } item when item.IsRetiredOn(day):
                valid = false;
                context.Error(row.Line, column, TextKey("The code {0} was retired on {1}: it is not used for later records."), code, item.RetiredOn!.Value);
                return null;
            case { } item:
                return item.Id;
        }
    }

    /// <summary>Adds the row's hours to the worker's day; false (and an error, once per worker and day) past 24 hours.</summary>
    private bool Tally(ImportContext context, long line, Guid worker, DeliveryRow row)
    {
        ref var day = ref CollectionsMarshal.GetValueRefOrAddDefault(_workerDays, (worker, row.OnDate), out var existed);
        if (!existed)
        {
            day.FirstLine = line;
        }
        day.Seconds += row.DurationSeconds;
        if (day.Seconds <= DeliveryRules.MaxSecondsPerWorkerPerDay)
        {
            return true;
        }
        if (!day.Reported)
        {
            day.Reported = true;
            context.Error(line, Hours, TextKey("{0} would work {1} hours on {2} with this line (that day starts on line {3}): more than 24 hours in a day."),
                context.Codes.StaffNameOf(worker), HoursOf(day.Seconds), row.OnDate, day.FirstLine);
        }
        return false;
    }

    private static decimal HoursOf(int seconds) => Math.Round((decimal)seconds / 3600, 2);
}
