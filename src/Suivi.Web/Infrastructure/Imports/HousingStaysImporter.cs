using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Supervised-housing stays, one per row: a person in a residence from one day to another (open without an
/// end). A person lives in one residence at a time: a stay overlapping another stay of the same person — in
/// the file, or already recorded, in whichever residence — is refused.
/// </summary>
public sealed class HousingStaysImporter : EntityImporter<HousingStaysImporter.StayLine, HousingStay>
{
    public static readonly ImportColumns Layout = new();
    private static readonly ImportColumn ExternalIdColumn = Layout.Required("external_id",
        TextKey("The stay's id in the previous system: importing the same file again skips the stays already imported."));
    private static readonly ImportColumn ServiceColumn = Layout.Required("service",
        TextKey("Code of the residence: a service of the kind supervised housing (Settings)."));
    private static readonly ImportColumn Person = Layout.Required("person", TextKey("External id of the resident (imported before)."));
    private static readonly ImportColumn From = Layout.Required("from", TextKey("Day the resident moved in."));
    private static readonly ImportColumn To = Layout.Optional("to", TextKey("Last night of the stay; empty while the resident lives there."));

    private static readonly CrossRowChecks.OverlapTexts Overlap = new(
        TextKey("This stay overlaps the stay of the same person from {0} on line {1} of the file: a person lives in one residence at a time."),
        TextKey("This stay overlaps the stay of the same person from {0} (external id {1}) earlier in the file: a person lives in one residence at a time."),
        TextKey("This stay overlaps a stay of the same person from {0} already recorded: a person lives in one residence at a time."));

    /// <summary>What a row says; the stay once its person is found (reading thread).</summary>
    public sealed record StayLine(string ExternalId, Guid ServiceId, string Person, DateOnly From, DateOnly? To)
    {
        public HousingStay? Stay { get; set; }
    }

    public override ImportKind Kind => ImportKind.HousingStays;

    public override ImportColumns Columns => Layout;

    protected override ImportColumn ExternalId => ExternalIdColumn;

    protected override string ExternalIdOf(StayLine record) => record.ExternalId;

    protected override bool TryRead(ImportRow row, ImportContext context, out StayLine record)
    {
        record = null!;
        var valid = HasRequiredValues(row, context);
        var externalId = ActivityCells.ExternalId(row, context, ExternalIdColumn, ref valid);
        var service = ActivityCells.Service(row, context, ServiceColumn, ServiceKind.SupervisedHousing,
            TextKey("The service {0} is not a residence: stays are recorded at a service of the kind supervised housing."), ref valid);
        var from = ActivityCells.Date(row, context, From, ref valid);
        var to = ActivityCells.Date(row, context, To, ref valid);
        if (!valid)
        {
            return false;
        }
        record = new StayLine(externalId, service!.Id, row[Person]!, from!.Value, to);
        return true;
    }

    protected override async Task ResolveAsync(ImportBatch<StayLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        await ActivityCells.LoadPeopleAsync(batch, context, r => [r.Person], cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var (line, record) = (batch.Line(i), batch[i]);
            var valid = true;
            var person = ActivityCells.Person(context, line, Person, record.Person, ref valid);
            try
            {
                var stay = new HousingStay(record.ServiceId, person ?? Guid.Empty, record.From, record.To, context.Today);
                stay.ImportedAs(record.ExternalId, context.RunId);
                record.Stay = stay;
            }
            catch (DomainRuleException rule)
            {
                valid = false;
                context.Error(line, ColumnOf(rule, From), rule.Message);
            }
            if (!valid)
            {
                batch.Reject(i);
            }
        }
    }

    protected override async Task CheckAsync(ImportBatch<StayLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        var written = await CrossRowChecks.WrittenIdsAsync<HousingStay, StayLine>(batch, context, r => r.ExternalId, cancellationToken);
        var rows = CrossRowChecks.ToCheck(batch, written, r => r.ExternalId);
        if (rows.Count == 0)
        {
            return;
        }
        var people = rows.Select(i => batch[i].Stay!.BeneficiaryId).Distinct().ToList();
        var stays = await context.Db.HousingStays.AsNoTracking()
            .Where(s => people.Contains(s.BeneficiaryId))
            .Select(s => new CrossRowChecks.WrittenPeriod(s.BeneficiaryId, s.From, s.To, s.ExternalId, s.ImportRunId))
            .ToListAsync(cancellationToken);
        CrossRowChecks.RejectOverlaps(batch, context, rows, r => r.ExternalId, r => new CrossRowChecks.Period(r.Stay!.BeneficiaryId, r.From, r.To),
            stays, From, Overlap);
    }

    protected override HousingStay? Create(long line, StayLine record, ImportContext context) => record.Stay;
}
