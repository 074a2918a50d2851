using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Alarms, one per row, each naming its subscription by the subscription's external id (imported before):
/// the subscription must be of the row's alarm service and running on the alarm's day.
/// </summary>
public sealed class AlarmsImporter : EntityImporter<AlarmsImporter.AlarmLine, Alarm>
{
    public static readonly ImportColumns Layout = new();
    private static readonly ImportColumn ExternalIdColumn = Layout.Required("external_id",
        TextKey("The alarm's id in the previous system: importing the same file again skips the alarms already imported."));
    private static readonly ImportColumn ServiceColumn = Layout.Required("service", TextKey("Code of the alarm service: a service of the kind alarm service (Settings)."));
    private static readonly ImportColumn SubscriptionColumn = Layout.Required("subscription",
        TextKey("External id of the subscription that raised the alarm (imported before); the alarm falls within it."));
    private static readonly ImportColumn DateColumn = Layout.Required("date", TextKey("Day of the alarm: 2024-01-31 or 31/01/2024 (or an Excel date)."));
    private static readonly ImportColumn TimeColumn = Layout.Optional("time", TextKey("Time of the alarm: 03:12."));
    private static readonly ImportColumn Outcome = Layout.Required("outcome", TextKey("Code of how it was handled (list of alarm outcomes)."));
    private static readonly ImportColumn Note = Layout.Optional("note", TextKey("A note (at most 2000 characters)."));

    /// <summary>What a row says; the alarm once its subscription is found (writing thread).</summary>
    public sealed record AlarmLine(string ExternalId, Guid ServiceId, string ServiceCode, string Subscription, DateOnly OnDate, TimeOnly? AtTime,
        Guid OutcomeId, string? Note)
    {
        public Alarm? Alarm { get; set; }
    }

    public override ImportKind Kind => ImportKind.Alarms;

    public override ImportColumns Columns => Layout;

    protected override ImportColumn ExternalId => ExternalIdColumn;

    protected override string ExternalIdOf(AlarmLine record) => record.ExternalId;

    protected override bool TryRead(ImportRow row, ImportContext context, out AlarmLine record)
    {
        record = null!;
        var valid = HasRequiredValues(row, context);
        var externalId = ActivityCells.ExternalId(row, context, ExternalIdColumn, ref valid);
        var service = AlarmSubscriptionsImporter.AlarmService(row, context, ServiceColumn, ref valid);
        var day = ActivityCells.Date(row, context, DateColumn, ref valid);
        var time = ActivityCells.Time(row, context, TimeColumn, ref valid);
        var outcome = ActivityCells.ListEntry(row, context, Outcome, ListKind.AlarmOutcome, service, day, ref valid);
        if (!valid)
        {
            return false;
        }
        record = new AlarmLine(externalId, service!.Id, service.Code, row[SubscriptionColumn]!, day!.Value, time, outcome!.Value, row[Note]);
        return true;
    }

    /// <summary>Finds each alarm's subscription among those written and creates the alarm within it.</summary>
    protected override async Task CheckAsync(ImportBatch<AlarmLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        var written = await CrossRowChecks.WrittenIdsAsync<Alarm, AlarmLine>(batch, context, r => r.ExternalId, cancellationToken);
        var rows = CrossRowChecks.ToCheck(batch, written, r => r.ExternalId);
        if (rows.Count == 0)
        {
            return;
        }
        var named = rows.Select(i => batch[i].Subscription).Distinct().ToList();
        var subscriptions = (await context.Db.AlarmSubscriptions.AsNoTracking()
                .Where(s => s.ExternalId != null && named.Contains(s.ExternalId))
                .ToListAsync(cancellationToken))
            .ToDictionary(s => s.ExternalId!, StringComparer.Ordinal);
        foreach (var i in rows)
        {
            var (line, record) = (batch.Line(i), batch[i]);
            if (!subscriptions.TryGetValue(record.Subscription, out var subscription))
            {
                context.Error(line, SubscriptionColumn, TextKey("No subscription has the external id {0}: import the subscriptions first."), record.Subscription);
                batch.Reject(i);
                continue;
            }
            if (subscription.ServiceId != record.ServiceId)
            {
                context.Error(line, SubscriptionColumn, TextKey("The subscription {0} is not one of the service {1}."), record.Subscription, record.ServiceCode);
                batch.Reject(i);
                continue;
            }
            if (record.OnDate < subscription.From)
            {
                context.Error(line, DateColumn, TextKey("The subscription {0} starts on {1}: the alarm falls before it."), record.Subscription, subscription.From);
                batch.Reject(i);
                continue;
            }
            if (subscription.To is { } last && record.OnDate > last)
            {
                context.Error(line, DateColumn, TextKey("The subscription {0} ended on {1}: the alarm falls after it."), record.Subscription, last);
                batch.Reject(i);
                continue;
            }
            try
            {
                var alarm = new Alarm(subscription, record.OnDate, record.AtTime, record.OutcomeId, record.Note, context.Today);
                alarm.ImportedAs(record.ExternalId, context.RunId);
                record.Alarm = alarm;
            }
            catch (DomainRuleException rule)
            {
                context.Error(line, rule.Field == nameof(Alarm.OnDate) ? DateColumn : ColumnOf(rule, ExternalIdColumn), rule.Message);
                batch.Reject(i);
            }
        }
    }

    protected override Alarm? Create(long line, AlarmLine record, ImportContext context) => record.Alarm;
}
