using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Periods of long-term-care insurance benefits, one per row: a person from one day to another (open without
/// an end). The periods of one person never overlap: one overlapping another — in the file, or already
/// recorded — is refused.
/// </summary>
public sealed class CareInsurancePeriodsImporter : EntityImporter<CareInsurancePeriodsImporter.PeriodLine, CareInsurancePeriod>
{
    public static readonly ImportColumns Layout = new();
    private static readonly ImportColumn ExternalIdColumn = Layout.Required("external_id",
        TextKey("The period's id in the previous system: importing the same file again skips the periods already imported."));
    private static readonly ImportColumn Person = Layout.Required("person", TextKey("External id of the person receiving the benefits (imported before)."));
    private static readonly ImportColumn From = Layout.Required("from", TextKey("First day of the benefits."));
    private static readonly ImportColumn To = Layout.Optional("to", TextKey("Last day of the benefits; empty while they last."));

    private static readonly CrossRowChecks.OverlapTexts Overlap = new(
        TextKey("This period overlaps the period of the same person from {0} on line {1} of the file."),
        TextKey("This period overlaps the period of the same person from {0} (external id {1}) earlier in the file."),
        TextKey("This period overlaps a period of the same person from {0} already recorded."));

    /// <summary>What a row says; the period once its person is found (reading thread).</summary>
    public sealed record PeriodLine(string ExternalId, string Person, DateOnly From, DateOnly? To)
    {
        public CareInsurancePeriod? Period { get; set; }
    }

    public override ImportKind Kind => ImportKind.CareInsurancePeriods;

    public override ImportColumns Columns => Layout;

    protected override ImportColumn ExternalId => ExternalIdColumn;

    protected override string ExternalIdOf(PeriodLine record) => record.ExternalId;

    protected override bool TryRead(ImportRow row, ImportContext context, out PeriodLine record)
    {
        record = null!;
        var valid = HasRequiredValues(row, context);
        var externalId = ActivityCells.ExternalId(row, context, ExternalIdColumn, ref valid);
        var from = ActivityCells.Date(row, context, From, ref valid);
        var to = ActivityCells.Date(row, context, To, ref valid);
        if (!valid)
        {
            return false;
        }
        record = new PeriodLine(externalId, row[Person]!, from!.Value, to);
        return true;
    }

    protected override async Task ResolveAsync(ImportBatch<PeriodLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        await ActivityCells.LoadPeopleAsync(batch, context, r => [r.Person], cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var (line, record) = (batch.Line(i), batch[i]);
            var valid = true;
            var person = ActivityCells.Person(context, line, Person, record.Person, ref valid);
            try
            {
                var period = new CareInsurancePeriod(person ?? Guid.Empty, record.From, record.To);
                period.ImportedAs(record.ExternalId, context.RunId);
                record.Period = period;
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

    protected override async Task CheckAsync(ImportBatch<PeriodLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        var written = await CrossRowChecks.WrittenIdsAsync<CareInsurancePeriod, PeriodLine>(batch, context, r => r.ExternalId, cancellationToken);
        var rows = CrossRowChecks.ToCheck(batch, written, r => r.ExternalId);
        if (rows.Count == 0)
        {
            return;
        }
        var people = rows.Select(i => batch[i].Period!.BeneficiaryId).Distinct().ToList();
        var periods = await context.Db.CareInsurancePeriods.AsNoTracking()
            .Where(p => people.Contains(p.BeneficiaryId))
            .Select(p => new CrossRowChecks.WrittenPeriod(p.BeneficiaryId, p.From, p.To, p.ExternalId, p.ImportRunId))
            .ToListAsync(cancellationToken);
        CrossRowChecks.RejectOverlaps(batch, context, rows, r => r.ExternalId,
            r => new CrossRowChecks.Period(r.Period!.BeneficiaryId, r.From, r.To), periods, From, Overlap);
    }

    protected override CareInsurancePeriod? Create(long line, PeriodLine record, ImportContext context) => record.Period;
}
