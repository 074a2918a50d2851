using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Subscriptions to the alarm service, one per row: a person, the device they wear, from one day to another
/// (open without an end). Alarms are imported afterwards and name their subscription by its external id.
/// </summary>
public sealed class AlarmSubscriptionsImporter : EntityImporter<AlarmSubscriptionsImporter.SubscriptionLine, AlarmSubscription>
{
    public static readonly ImportColumns Layout = new();
    private static readonly ImportColumn ExternalIdColumn = Layout.Required("external_id",
        TextKey("The subscription's id in the previous system: alarms name their subscription by it, and importing the same file again skips the subscriptions already imported."));
    private static readonly ImportColumn ServiceColumn = Layout.Required("service", TextKey("Code of the alarm service: a service of the kind alarm service (Settings)."));
    private static readonly ImportColumn Person = Layout.Required("person", TextKey("External id of the subscriber (imported before)."));
    private static readonly ImportColumn Device = Layout.Required("device", TextKey("Code of the device worn (list of alarm devices)."));
    private static readonly ImportColumn From = Layout.Required("from", TextKey("First day of the subscription (at most a month ahead)."));
    private static readonly ImportColumn To = Layout.Optional("to", TextKey("Last day of the subscription; empty while it runs."));

    /// <summary>What a row says; the subscription once its person is found (reading thread).</summary>
    public sealed record SubscriptionLine(string ExternalId, Guid ServiceId, string Person, Guid DeviceId, DateOnly From, DateOnly? To)
    {
        public AlarmSubscription? Subscription { get; set; }
    }

    public override ImportKind Kind => ImportKind.AlarmSubscriptions;

    public override ImportColumns Columns => Layout;

    protected override ImportColumn ExternalId => ExternalIdColumn;

    protected override string ExternalIdOf(SubscriptionLine record) => record.ExternalId;

    /// <summary>Subscriptions and alarms belong to a service of the kind alarm service.</summary>
    internal static OrganisationCodes.ServiceCode? AlarmService(ImportRow row, ImportContext context, ImportColumn column, ref bool valid) =>
        ActivityCells.Service(row, context, column, ServiceKind.AlarmService,
            TextKey("The service {0} is not an alarm service: subscriptions and alarms are recorded at a service of the kind alarm service."), ref valid);

    protected override bool TryRead(ImportRow row, ImportContext context, out SubscriptionLine record)
    {
        record = null!;
        var valid = HasRequiredValues(row, context);
        var externalId = ActivityCells.ExternalId(row, context, ExternalIdColumn, ref valid);
        var service = AlarmService(row, context, ServiceColumn, ref valid);
        var from = ActivityCells.Date(row, context, From, ref valid);
        var to = ActivityCells.Date(row, context, To, ref valid);
        var device = ActivityCells.ListEntry(row, context, Device, ListKind.AlarmDevice, service, from, ref valid);
        if (!valid)
        {
            return false;
        }
        record = new SubscriptionLine(externalId, service!.Id, row[Person]!, device!.Value, from!.Value, to);
        return true;
    }

    protected override async Task ResolveAsync(ImportBatch<SubscriptionLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        await ActivityCells.LoadPeopleAsync(batch, context, r => [r.Person], cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var (line, record) = (batch.Line(i), batch[i]);
            var valid = true;
            var person = ActivityCells.Person(context, line, Person, record.Person, ref valid);
            try
            {
                var subscription = new AlarmSubscription(record.ServiceId, person ?? Guid.Empty, record.DeviceId, record.From, context.Today);
                if (record.To is { } to)
                {
                    subscription.End(to);
                }
                subscription.ImportedAs(record.ExternalId, context.RunId);
                record.Subscription = subscription;
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

    protected override AlarmSubscription? Create(long line, SubscriptionLine record, ImportContext context) => record.Subscription;
}
