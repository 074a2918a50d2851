using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// Group activities — club sessions, excursions, stays, parties, cinema — one per row, with the people who
/// took part named in one cell by their external ids, and a count of participants not recorded by name.
/// </summary>
public sealed class GroupActivitiesImporter : EntityImporter<GroupActivitiesImporter.ActivityLine, GroupActivity>
{
    public static readonly ImportColumns Layout = new();
    private static readonly ImportColumn ExternalIdColumn = Layout.Required("external_id",
        TextKey("The activity's id in the previous system: importing the same file again skips the activities already imported."));
    private static readonly ImportColumn ServiceColumn = Layout.Required("service", TextKey("Code of the service that held it (Settings)."));
    private static readonly ImportColumn KindColumn = Layout.Required("kind", TextKey("Code of the kind of activity (list of kinds of group activity): CLUB-SESSION, EXCURSION…"));
    private static readonly ImportColumn Title = Layout.Required("title", TextKey("Title of the activity (at most 200 characters)."));
    private static readonly ImportColumn DateColumn = Layout.Required("date", TextKey("Day of the activity, or its first day: 2024-01-31 or 31/01/2024 (or an Excel date)."));
    private static readonly ImportColumn EndDate = Layout.Optional("end_date", TextKey("Last day of an activity over several days (a stay)."));
    private static readonly ImportColumn SiteColumn = Layout.Optional("site", TextKey("Name of the site of the service where it took place."));
    private static readonly ImportColumn Participants = Layout.Optional("participants",
        TextKey("The people who took part, by their external id (imported before), separated by ';': P1;P2;P3."));
    private static readonly ImportColumn Unnamed = Layout.Optional("unnamed", TextKey("How many more took part without being recorded by name: 12; 0 when empty."));

    /// <summary>What a row says; the activity once its participants are found (reading thread).</summary>
    public sealed record ActivityLine(string ExternalId, Guid ServiceId, GroupActivityDetails Details, IReadOnlyList<string> Participants)
    {
        public GroupActivity? Activity { get; set; }
    }

    public override ImportKind Kind => ImportKind.GroupActivities;

    public override ImportColumns Columns => Layout;

    protected override ImportColumn ExternalId => ExternalIdColumn;

    protected override string ExternalIdOf(ActivityLine record) => record.ExternalId;

    protected override bool TryRead(ImportRow row, ImportContext context, out ActivityLine record)
    {
        record = null!;
        var valid = HasRequiredValues(row, context);
        var externalId = ActivityCells.ExternalId(row, context, ExternalIdColumn, ref valid);
        var service = ActivityCells.Service(row, context, ServiceColumn, ref valid);
        var day = ActivityCells.Date(row, context, DateColumn, ref valid);
        if (day > context.Today.AddDays(DeliveryRules.FutureToleranceDays))
        {
            valid = false;
            context.Error(row.Line, DateColumn, TextKey("An activity is recorded once it has taken place: the date lies in the future."));
        }
        var end = ActivityCells.Date(row, context, EndDate, ref valid);
        var kind = ActivityCells.ListEntry(row, context, KindColumn, ListKind.GroupActivityKind, service, day, ref valid);
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
        var unnamed = ActivityCells.Count(row, context, Unnamed, ref valid) ?? 0;
        if (!valid)
        {
            return false;
        }
        var details = new GroupActivityDetails(kind!.Value, row[Title]!, day!.Value, end, siteId, unnamed);
        record = new ActivityLine(externalId, service!.Id, details, ImportValues.List(row[Participants]));
        return true;
    }

    protected override async Task ResolveAsync(ImportBatch<ActivityLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        await ActivityCells.LoadPeopleAsync(batch, context, r => r.Participants, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var (line, record) = (batch.Line(i), batch[i]);
            var valid = true;
            var people = new List<Guid>(record.Participants.Count);
            foreach (var participant in record.Participants)
            {
                if (ActivityCells.Person(context, line, Participants, participant, ref valid) is { } person)
                {
                    people.Add(person);
                }
            }
            try
            {
                var activity = new GroupActivity(record.ServiceId, record.Details);
                foreach (var person in people)
                {
                    activity.AddParticipant(person);
                }
                activity.ImportedAs(record.ExternalId, context.RunId);
                record.Activity = activity;
            }
            catch (DomainRuleException rule)
            {
                valid = false;
                context.Error(line, rule.Field == nameof(GroupActivity.UnnamedParticipants) ? Unnamed : ColumnOf(rule, DateColumn), rule.Message);
            }
            if (!valid)
            {
                batch.Reject(i);
            }
        }
    }

    protected override GroupActivity? Create(long line, ActivityLine record, ImportContext context) => record.Activity;
}
