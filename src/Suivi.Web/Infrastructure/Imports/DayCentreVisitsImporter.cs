using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Day-centre visits, one per row: a person at a day centre on a day. A person comes to a centre once a day,
/// so the same centre, person and day twice — in the file, or already recorded — is refused.
/// </summary>
public sealed class DayCentreVisitsImporter : EntityImporter<DayCentreVisitsImporter.VisitLine, DayCentreVisit>
{
    public static readonly ImportColumns Layout = new();
    private static readonly ImportColumn ExternalIdColumn = Layout.Required("external_id",
        TextKey("The visit's id in the previous system: importing the same file again skips the visits already imported."));
    private static readonly ImportColumn ServiceColumn = Layout.Required("service", TextKey("Code of the day centre: a service of the kind day centre (Settings)."));
    private static readonly ImportColumn Person = Layout.Required("person", TextKey("External id of the visitor (imported before)."));
    private static readonly ImportColumn DateColumn = Layout.Required("date", TextKey("Day of the visit: 2024-01-31 or 31/01/2024 (or an Excel date)."));

    /// <summary>What a row says; the visit once its person is found (reading thread).</summary>
    public sealed record VisitLine(string ExternalId, Guid ServiceId, string Person, DateOnly OnDate)
    {
        public DayCentreVisit? Visit { get; set; }
    }

    public override ImportKind Kind => ImportKind.DayCentreVisits;

    public override ImportColumns Columns => Layout;

    protected override ImportColumn ExternalId => ExternalIdColumn;

    protected override string ExternalIdOf(VisitLine record) => record.ExternalId;

    protected override bool TryRead(ImportRow row, ImportContext context, out VisitLine record)
    {
        record = null!;
        var valid = HasRequiredValues(row, context);
        var externalId = ActivityCells.ExternalId(row, context, ExternalIdColumn, ref valid);
        var service = ActivityCells.Service(row, context, ServiceColumn, ServiceKind.DayCentre,
            TextKey("The service {0} is not a day centre: visits are recorded at a service of the kind day centre."), ref valid);
        var day = ActivityCells.Date(row, context, DateColumn, ref valid);
        if (!valid)
        {
            return false;
        }
        record = new VisitLine(externalId, service!.Id, row[Person]!, day!.Value);
        return true;
    }

    protected override async Task ResolveAsync(ImportBatch<VisitLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        await ActivityCells.LoadPeopleAsync(batch, context, r => [r.Person], cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var (line, record) = (batch.Line(i), batch[i]);
            var valid = true;
            var person = ActivityCells.Person(context, line, Person, record.Person, ref valid);
            try
            {
                var visit = new DayCentreVisit(record.ServiceId, person ?? Guid.Empty, record.OnDate, context.Today);
                visit.ImportedAs(record.ExternalId, context.RunId);
                record.Visit = visit;
            }
            catch (DomainRuleException rule)
            {
                valid = false;
                context.Error(line, rule.Field == nameof(DayCentreVisit.OnDate) ? DateColumn : ColumnOf(rule, ExternalIdColumn), rule.Message);
            }
            if (!valid)
            {
                batch.Reject(i);
            }
        }
    }

    /// <summary>One visit a day per person and centre: against the visits written, then within the batch.</summary>
    protected override async Task CheckAsync(ImportBatch<VisitLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        var written = await CrossRowChecks.WrittenIdsAsync<DayCentreVisit, VisitLine>(batch, context, r => r.ExternalId, cancellationToken);
        var rows = CrossRowChecks.ToCheck(batch, written, r => r.ExternalId);
        if (rows.Count == 0)
        {
            return;
        }
        var visits = rows.Select(i => batch[i].Visit!).ToList();
        var people = visits.Select(v => v.BeneficiaryId).Distinct().ToList();
        var days = visits.Select(v => v.OnDate).Distinct().ToList();
        var recorded = (await context.Db.DayCentreVisits.AsNoTracking()
                .Where(v => people.Contains(v.BeneficiaryId) && days.Contains(v.OnDate))
                .Select(v => new { v.ServiceId, v.BeneficiaryId, v.OnDate, v.ImportRunId })
                .ToListAsync(cancellationToken))
            .ToDictionary(v => (v.ServiceId, v.BeneficiaryId, v.OnDate), v => v.ImportRunId == context.RunId);
        var inBatch = new Dictionary<(Guid, Guid, DateOnly), (long Line, string ExternalId)>();
        foreach (var i in rows)
        {
            var (line, record) = (batch.Line(i), batch[i]);
            var key = (record.ServiceId, record.Visit!.BeneficiaryId, record.OnDate);
            if (recorded.TryGetValue(key, out var earlierInFile))
            {
                context.Error(line, DateColumn, earlierInFile
                    ? TextKey("The person {0} already has a visit to this day centre on {1}, on an earlier line of the file: one visit a day.")
                    : TextKey("The person {0} already has a visit to this day centre on {1} recorded in Suivi: one visit a day."),
                    record.Person, record.OnDate);
                batch.Reject(i);
            }
            // The same external id twice is left to the entity importer, which reports it as such.
            else if (!inBatch.TryAdd(key, (line, record.ExternalId)) && inBatch[key].ExternalId != record.ExternalId)
            {
                context.Error(line, DateColumn, TextKey("The person {0} already has a visit to this day centre on {1}, on line {2} of the file: one visit a day."),
                    record.Person, record.OnDate, inBatch[key].Line);
                batch.Reject(i);
            }
        }
    }

    protected override DayCentreVisit? Create(long line, VisitLine record, ImportContext context) => record.Visit;
}
