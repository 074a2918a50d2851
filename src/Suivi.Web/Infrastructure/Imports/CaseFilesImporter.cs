using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Case files, one per row: opened (and possibly closed) on the dates given, with their members — people
/// imported before, named by their external id — and their workers. Saved through EF Core, each audited.
/// </summary>
public sealed class CaseFilesImporter : EntityImporter<CaseFilesImporter.CaseFileLine, CaseFile>
{
    public static readonly ImportColumns Layout = new();
    private static readonly ImportColumn ExternalIdColumn = Layout.Required("external_id",
        TextKey("The case file's id in the previous system: importing the same file again skips the case files already imported."));
    private static readonly ImportColumn ServiceColumn = Layout.Required("service", TextKey("Code of the service that follows the case (Settings)."));
    private static readonly ImportColumn Reference = Layout.Required("reference", TextKey("The case file's reference, unique in the organisation (at most 40 characters)."));
    private static readonly ImportColumn OpenedOn = Layout.Required("opened_on", TextKey("Date the case file was opened."));
    private static readonly ImportColumn ClosedOn = Layout.Optional("closed_on", TextKey("Date the case file was closed; empty while it is open."));
    private static readonly ImportColumn ClosureReason = Layout.Optional("closure_reason", TextKey("Code of the closure reason (list of closure reasons); required with a closing date."));
    private static readonly ImportColumn Members = Layout.Required("members",
        TextKey("The people of the case file, by their external id, each with their role, separated by ';': P1:Child;P2:Mother. Roles: Child, Mother, Father, Parent, Caregiver, Client, Other (Client when left out)."));
    private static readonly ImportColumn Workers = Layout.Optional("workers", TextKey("Staff members following the case, separated by ';': full name as in Suivi, or their id."));

    /// <summary>What a row says, and once its people are found (reading thread), the case file to save.</summary>
    public sealed record CaseFileLine(string ExternalId, Guid ServiceId, string Reference, DateOnly OpenedOn, DateOnly? ClosedOn,
        Guid? ClosureReasonId, IReadOnlyList<(string Person, CaseMemberRole Role)> Members, IReadOnlyList<Guid> Workers)
    {
        public CaseFile? File { get; set; }
    }

    public override ImportKind Kind => ImportKind.CaseFiles;

    public override ImportColumns Columns => Layout;

    protected override ImportColumn ExternalId => ExternalIdColumn;

    protected override string ExternalIdOf(CaseFileLine record) => record.ExternalId;

    protected override bool TryRead(ImportRow row, ImportContext context, out CaseFileLine record)
    {
        record = null!;
        var valid = HasRequiredValues(row, context);
        var service = row[ServiceColumn] is { } code ? context.Codes.Service(code) : null;
        if (row[ServiceColumn] is { } unknown && service is null)
        {
            valid = false;
            context.Error(row.Line, ServiceColumn, TextKey("Unknown service code {0}."), unknown);
        }
        var opened = Date(row, context, OpenedOn, ref valid);
        var closed = Date(row, context, ClosedOn, ref valid);
        if (opened > context.Today)
        {
            valid = false;
            context.Error(row.Line, OpenedOn, TextKey("A case file cannot open in the future."));
        }
        if (closed > context.Today)
        {
            valid = false;
            context.Error(row.Line, ClosedOn, TextKey("A case file cannot close in the future."));
        }
        Guid? reasonId = null;
        if (row[ClosureReason] is { } reason)
        {
            if (closed is null && row[ClosedOn] is null)
            {
                valid = false;
                context.Error(row.Line, ClosedOn, TextKey("Give the closing date that goes with the closure reason."));
            }
            var item = context.Codes.ListEntry(ListKind.ClosureReason, service?.Id, reason);
            if (item is null)
            {
                valid = false;
                context.Error(row.Line, ClosureReason, TextKey("Unknown closure reason {0}."), reason);
            }
            reasonId = item?.Id;
        }
        else if (closed is not null)
        {
            valid = false;
            context.Error(row.Line, ClosureReason, TextKey("Choose the reason for closing."));
        }
        var members = new List<(string, CaseMemberRole)>();
        foreach (var member in ImportValues.List(row[Members]))
        {
            var colon = member.LastIndexOf(':');
            var (person, roleText) = colon > 0 ? (member[..colon].Trim(), member[(colon + 1)..].Trim()) : (member, "");
            var role = CaseMemberRole.Client;
            if (roleText.Length > 0 && !(Enum.TryParse(roleText, ignoreCase: true, out role) && !char.IsAsciiDigit(roleText[0])))
            {
                valid = false;
                context.Error(row.Line, Members, TextKey("Unknown role {0}: give Child, Mother, Father, Parent, Caregiver, Client or Other."), roleText);
            }
            members.Add((person, role));
        }
        var workers = new List<Guid>();
        foreach (var worker in ImportValues.List(row[Workers]))
        {
            valid &= DeliveriesImporter.Staff(row, context, Workers, worker, out var id);
            workers.Add(id);
        }
        if (!valid)
        {
            return false;
        }
        record = new CaseFileLine(row[ExternalIdColumn]!, service!.Id, row[Reference]!, opened!.Value, closed, reasonId, members, workers);
        return true;
    }

    protected override async Task ResolveAsync(ImportBatch<CaseFileLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        await context.Lookups.LoadPeopleAsync(batch.SelectMany(e => e.Record.Members.Select(m => m.Person)), cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var (line, record) = (batch.Line(i), batch[i]);
            var people = new List<(Guid, CaseMemberRole)>();
            foreach (var (person, role) in record.Members)
            {
                if (context.Lookups.Person(person) is { } id)
                {
                    people.Add((id, role));
                }
                else
                {
                    context.Error(line, Members, TextKey("No person has the external id {0}: import the people first."), person);
                }
            }
            if (people.Count < record.Members.Count)
            {
                batch.Reject(i);
                continue;
            }
            try
            {
                var file = new CaseFile(record.ServiceId, record.Reference, record.OpenedOn);
                foreach (var (person, role) in people)
                {
                    file.AddMember(person, role);
                }
                foreach (var worker in record.Workers)
                {
                    file.AssignWorker(worker);
                }
                if (record.ClosedOn is { } closedOn)
                {
                    file.Close(closedOn, record.ClosureReasonId!.Value, null, context.UserId);
                }
                file.ImportedAs(record.ExternalId, context.RunId);
                record.File = file;
            }
            catch (DomainRuleException rule)
            {
                context.Error(line, rule.Field == "BeneficiaryId" ? Members : ColumnOf(rule, ExternalIdColumn), rule.Message);
                batch.Reject(i);
            }
        }
    }

    /// <summary>References are unique in the organisation, restricted files included (their references are only compared, never shown).</summary>
    protected override async Task CheckAsync(ImportBatch<CaseFileLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        var references = batch.Select(e => e.Record.Reference).Distinct().ToList();
        var used = await context.Db.CaseFiles.IgnoreQueryFilters([SuiviDbContext.RestrictionFilter]).AsNoTracking()
            .Where(c => references.Contains(c.Reference))
            .Select(c => new { c.Reference, c.ExternalId })
            .ToListAsync(cancellationToken);
        var holder = used.ToDictionary(u => u.Reference, u => u.ExternalId, StringComparer.Ordinal);
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch.IsRejected(i))
            {
                continue;
            }
            var (line, record) = (batch.Line(i), batch[i]);
            if (holder.TryGetValue(record.Reference, out var externalId) && externalId != record.ExternalId)
            {
                context.Error(line, Reference, TextKey("The reference {0} is already used by another case file."), record.Reference);
                batch.Reject(i);
            }
            else if (!firstLine.TryAdd(record.Reference, line))
            {
                context.Error(line, Reference, TextKey("The reference {0} is already on line {1} of the file."), record.Reference, firstLine[record.Reference]);
                batch.Reject(i);
            }
        }
    }

    protected override CaseFile? Create(long line, CaseFileLine record, ImportContext context) => record.File;

    private static DateOnly? Date(ImportRow row, ImportContext context, ImportColumn column, ref bool valid)
    {
        if (row[column] is not { } text)
        {
            return null;
        }
        if (ImportValues.TryDate(text, out var date))
        {
            return date;
        }
        valid = false;
        context.Error(row.Line, column, TextKey("Give the date as 2024-01-31 or 31/01/2024."));
        return null;
    }
}
