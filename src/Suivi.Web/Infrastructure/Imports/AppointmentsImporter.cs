using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Appointments, one per row, for a person or a case file, with what became of them: still requested, held,
/// postponed or cancelled — and by whom (<see cref="Appointment.RecordOutcome"/>). A postponed appointment's
/// new date is a row of its own.
/// </summary>
public sealed class AppointmentsImporter : EntityImporter<AppointmentsImporter.AppointmentLine, Appointment>
{
    public static readonly ImportColumns Layout = new();
    private static readonly ImportColumn ExternalIdColumn = Layout.Required("external_id",
        TextKey("The appointment's id in the previous system: importing the same file again skips the appointments already imported."));
    private static readonly ImportColumn ServiceColumn = Layout.Required("service", TextKey("Code of the service the appointment is with (Settings)."));
    private static readonly ImportColumn RequestedOn = Layout.Optional("requested_on",
        TextKey("Day the appointment was asked for; the appointment's day (or today, for one still to come) when empty."));
    private static readonly ImportColumn DateColumn = Layout.Required("date", TextKey("Day of the appointment: 2024-01-31 or 31/01/2024 (or an Excel date)."));
    private static readonly ImportColumn Start = Layout.Optional("start", TextKey("Time it starts: 14:00."));
    private static readonly ImportColumn SiteColumn = Layout.Optional("site", TextKey("Name of the site of the service where it takes place."));
    private static readonly ImportColumn Type = Layout.Optional("type", TextKey("Code of the kind of appointment (list of types of delivery, the organisation's or the service's own)."));
    private static readonly ImportColumn Person = Layout.Optional("person", TextKey("External id of the person it is for (imported before); a person or a case file is required."));
    private static readonly ImportColumn CaseFileColumn = Layout.Optional("case_file", TextKey("Reference of the case file it is for; the case file must be open on that day."));
    private static readonly ImportColumn Staff = Layout.Optional("staff", TextKey("The staff member it is with: full name as in Suivi (First name Last name), or their id."));
    private static readonly ImportColumn StatusColumn = Layout.Optional("status",
        TextKey("requested (still to come), held, postponed or cancelled; requested when empty. A held appointment's day is today or before."));
    private static readonly ImportColumn ChangedBy = Layout.Optional("changed_by", TextKey("Who postponed or cancelled it: family or service. Required for those, empty otherwise."));
    private static readonly ImportColumn ChangeReason = Layout.Optional("change_reason", TextKey("Why it was postponed or cancelled (at most 1000 characters)."));
    private static readonly ImportColumn Note = Layout.Optional("note", TextKey("A note (at most 2000 characters)."));

    /// <summary>What a row says; the appointment once its person and case file are found (reading thread).</summary>
    public sealed record AppointmentLine(string ExternalId, Guid ServiceId, DateOnly RequestedOn, AppointmentDetails Details, string? Person,
        string? CaseFile, AppointmentStatus Status, AppointmentParty? ChangedBy, string? ChangeReason)
    {
        public Appointment? Appointment { get; set; }
    }

    public override ImportKind Kind => ImportKind.Appointments;

    public override ImportColumns Columns => Layout;

    protected override ImportColumn ExternalId => ExternalIdColumn;

    protected override string ExternalIdOf(AppointmentLine record) => record.ExternalId;

    protected override bool TryRead(ImportRow row, ImportContext context, out AppointmentLine record)
    {
        record = null!;
        var valid = HasRequiredValues(row, context);
        var externalId = ActivityCells.ExternalId(row, context, ExternalIdColumn, ref valid);
        var service = ActivityCells.Service(row, context, ServiceColumn, ref valid);
        var requestedOn = ActivityCells.Date(row, context, RequestedOn, ref valid);
        var day = ActivityCells.Date(row, context, DateColumn, ref valid);
        var start = ActivityCells.Time(row, context, Start, ref valid);
        Guid? siteId = null;
        if (row[SiteColumn] is { } siteName && service is not null)
        {
            siteId = context.Codes.Site(service.Id, siteName);
            if (siteId is null)
            {
                valid = false;
                context.Error(row.Line, SiteColumn, TextKey("The service {0} has no site called {1}."), service.Code, siteName);
            }
        }
        var type = ActivityCells.ListEntry(row, context, Type, ListKind.DeliveryType, service, day, ref valid);
        var staff = ActivityCells.Staff(row, context, Staff, ref valid);
        if (row[Person] is null && row[CaseFileColumn] is null)
        {
            valid = false;
            context.Error(row.Line, Person, TextKey("Give the person or the case file the appointment is for."));
        }
        var status = ActivityCells.Word<AppointmentStatus>(row, context, StatusColumn,
            TextKey("Unknown status {0}: give requested, held, postponed or cancelled."), ref valid) ?? AppointmentStatus.Requested;
        var changedBy = ActivityCells.Word<AppointmentParty>(row, context, ChangedBy, TextKey("Unknown party {0}: give family or service."), ref valid);
        if (status is not (AppointmentStatus.Postponed or AppointmentStatus.Cancelled))
        {
            foreach (var column in new[] { ChangedBy, ChangeReason })
            {
                if (row[column] is not null)
                {
                    valid = false;
                    context.Error(row.Line, column, TextKey("Only a postponed or cancelled appointment says who changed it and why: leave this empty."));
                }
            }
        }
        if (!valid)
        {
            return false;
        }
        var details = new AppointmentDetails(day!.Value, start, siteId, type, null, null, staff, row[Note]);
        var requested = requestedOn ?? (day.Value < context.Today ? day.Value : context.Today);
        record = new AppointmentLine(externalId, service!.Id, requested, details, row[Person], row[CaseFileColumn], status, changedBy, row[ChangeReason]);
        return true;
    }

    protected override async Task ResolveAsync(ImportBatch<AppointmentLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        await ActivityCells.LoadPeopleAsync(batch, context, r => r.Person is { } person ? [person] : [], cancellationToken);
        var files = batch.Select(e => e.Record.CaseFile).OfType<string>().ToList();
        if (files.Count > 0)
        {
            await context.Lookups.LoadCaseFilesAsync(files, cancellationToken);
        }
        for (var i = 0; i < batch.Count; i++)
        {
            var (line, record) = (batch.Line(i), batch[i]);
            var valid = true;
            var person = record.Person is { } externalId ? ActivityCells.Person(context, line, Person, externalId, ref valid) : null;
            Guid? caseFileId = null;
            if (record.CaseFile is { } reference)
            {
                if (context.Lookups.CaseFile(reference) is not { } file)
                {
                    valid = false;
                    context.Error(line, CaseFileColumn, TextKey("No case file has the reference {0}."), reference);
                }
                else
                {
                    try
                    {
                        DeliveryRules.CheckCaseFileOpen(file.Episodes, record.Details.OnDate);
                        caseFileId = file.Id;
                    }
                    catch (DomainRuleException rule)
                    {
                        valid = false;
                        context.Error(line, CaseFileColumn, rule.Message);
                    }
                }
            }
            if (!valid)
            {
                batch.Reject(i);
                continue;
            }
            try
            {
                var appointment = new Appointment(record.ServiceId, record.Details with { BeneficiaryId = person, CaseFileId = caseFileId },
                    record.RequestedOn, context.Today);
                appointment.RecordOutcome(record.Status, record.ChangedBy, record.ChangeReason, context.Today);
                appointment.ImportedAs(record.ExternalId, context.RunId);
                record.Appointment = appointment;
            }
            catch (DomainRuleException rule)
            {
                context.Error(line, rule.Field switch
                {
                    nameof(Appointment.OnDate) => DateColumn,
                    nameof(Appointment.BeneficiaryId) => Person,
                    _ => ColumnOf(rule, ExternalIdColumn),
                }, rule.Message);
                batch.Reject(i);
            }
        }
    }

    /// <summary>
    /// An external id held by an appointment of a restricted case file the importer is not named on: such an
    /// appointment is not found to be skipped, and its id cannot be written twice either.
    /// </summary>
    protected override async Task CheckAsync(ImportBatch<AppointmentLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        var ids = batch.Select(e => e.Record.ExternalId).Distinct().ToList();
        var held = await context.Db.Appointments.IgnoreQueryFilters([SuiviDbContext.RestrictionFilter]).AsNoTracking()
            .Where(a => a.ExternalId != null && ids.Contains(a.ExternalId))
            .Select(a => a.ExternalId!)
            .ToListAsync(cancellationToken);
        if (held.Count == 0)
        {
            return;
        }
        var seen = await context.Db.Appointments.AsNoTracking()
            .Where(a => a.ExternalId != null && held.Contains(a.ExternalId))
            .Select(a => a.ExternalId!)
            .ToListAsync(cancellationToken);
        var hidden = held.Except(seen, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (!batch.IsRejected(i) && hidden.Contains(batch[i].ExternalId))
            {
                context.Error(batch.Line(i), ExternalIdColumn,
                    TextKey("The external id {0} is already used by an appointment of a restricted case file you are not named on."), batch[i].ExternalId);
                batch.Reject(i);
            }
        }
    }

    protected override Appointment? Create(long line, AppointmentLine record, ImportContext context) => record.Appointment;
}
