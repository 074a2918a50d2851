using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Imports;

/// <summary>
/// Imports of the alarm service: subscriptions, then the alarms that name them by external id — each alarm
/// within its subscription's period and of the same alarm service.
/// </summary>
public sealed class ActivityImportAlarmTests(SuiviApp app) : ActivityImportTests(app), IClassFixture<SuiviApp>
{
    private const string Subscriptions = "external_id,service,person,device,from,to";
    private const string Alarms = "external_id,service,subscription,date,time,outcome,note";

    /// <summary>An alarm service of its own for the calling test.</summary>
    private Task<Service> AlarmServiceAsync() => AddServiceAsync($"AL-{Guid.NewGuid():N}"[..12], ServiceKind.AlarmService);

    /// <summary>Two subscriptions: one of 2022, ended; one from 2023 on, running.</summary>
    private async Task<(Service Service, string Ended, string Running)> SubscribedAsync()
    {
        var service = await AlarmServiceAsync();
        var people = await PeopleAsync(2, "subscriber");
        var (ended, running) = (Unique("sub"), Unique("sub"));
        await ImportCleanAsync(ImportKind.AlarmSubscriptions, Csv(Subscriptions,
            $"{ended},{service.Code},{people[0]},PENDANT,2022-01-01,2022-12-31",
            $"{running},{service.Code},{people[1]},BRACELET,2023-01-01,"));
        return (service, ended, running);
    }

    [Fact]
    public async Task AlarmSubscriptions_FromAGoodFile_AreRecorded_AndImportingItAgainChangesNothing()
    {
        var service = await AlarmServiceAsync();
        var people = await PeopleAsync(2, "subscriber");
        string[] ids = [Unique("sub"), Unique("sub")];
        var file = Csv(Subscriptions,
            $"{ids[0]},{service.Code},{people[0]},pendant,2022-01-01,2022-12-31",
            $"{ids[1]},{service.Code},{people[1]},WATCH-GPS,01/01/2023,");

        var first = await ImportCleanAsync(ImportKind.AlarmSubscriptions, file);
        var again = await ImportCleanAsync(ImportKind.AlarmSubscriptions, file);

        Assert.Equal((2L, 0L), (first.RowsWritten, first.RowsSkipped));
        Assert.Equal((0L, 2L), (again.RowsWritten, again.RowsSkipped));
        var subscriptions = await InAlphaAsync(db => db.AlarmSubscriptions.Where(s => ids.Contains(s.ExternalId!)).ToListAsync());
        Assert.Equal(
            [
                (ids[0], await PersonIdAsync(people[0]), Alpha.Item(ListKind.AlarmDevice, "PENDANT").Id, new DateOnly(2022, 1, 1), (DateOnly?)new DateOnly(2022, 12, 31)),
                (ids[1], await PersonIdAsync(people[1]), Alpha.Item(ListKind.AlarmDevice, "WATCH-GPS").Id, new DateOnly(2023, 1, 1), null),
            ],
            subscriptions.OrderBy(s => Array.IndexOf(ids, s.ExternalId)).Select(s => (s.ExternalId, s.BeneficiaryId, s.DeviceId, s.From, s.To)));
        Assert.All(subscriptions, s => Assert.Equal(service.Id, s.ServiceId));
    }

    [Fact]
    public async Task AlarmSubscription_WithAnUnknownDeviceInTheMiddle_WritesNothing_AndNamesTheLine()
    {
        var service = await AlarmServiceAsync();
        var people = await PeopleAsync(3, "subscriber");
        string[] ids = [Unique("sub"), Unique("sub"), Unique("sub")];

        var outcome = await ImportAsync(ImportKind.AlarmSubscriptions, Csv(Subscriptions,
            $"{ids[0]},{service.Code},{people[0]},PENDANT,2022-01-01,",
            $"{ids[1]},{service.Code},{people[1]},COLLAR,2022-01-01,",
            $"{ids[2]},{service.Code},{people[2]},BRACELET,2022-01-01,"));

        Assert.Equal([$"3 device: Unknown code COLLAR for the service {service.Code}."], Refused(outcome));
        Assert.Equal(0, await InAlphaAsync(db => db.AlarmSubscriptions.CountAsync(s => ids.Contains(s.ExternalId!))));
    }

    [Fact]
    public async Task AlarmSubscription_BreakingItsRules_IsRefusedOnEachColumn()
    {
        var service = await AlarmServiceAsync();
        var people = await PeopleAsync(1, "subscriber");

        var outcome = await ImportAsync(ImportKind.AlarmSubscriptions, Csv(Subscriptions,
            $"{Unique("sub")},PSY,{people[0]},PENDANT,2022-01-01,",
            $"{Unique("sub")},{service.Code},{people[0]},PENDANT,2022-01-01,2021-12-31",
            $"{Unique("sub")},{service.Code},{people[0]},PENDANT,{Iso(Today.AddDays(60))},"));

        Assert.Equal(
            [
                "2 service: The service PSY is not an alarm service: subscriptions and alarms are recorded at a service of the kind alarm service.",
                "3 to: A subscription ends on or after the day it started.",
                "4 from: A subscription starts at most a month ahead.",
            ],
            Refused(outcome));
    }

    [Fact]
    public async Task Alarms_FromAGoodFile_AreRecordedInTheirSubscription_AndImportingItAgainChangesNothing()
    {
        var (service, ended, running) = await SubscribedAsync();
        string[] ids = [Unique("alarm"), Unique("alarm")];
        var file = Csv(Alarms,
            $"{ids[0]},{service.Code},{ended},2022-03-04,03:12,RELATIVE,",
            $"{ids[1]},{service.Code},{running},2023-02-01,,false-alarm,Pressed by mistake");

        var first = await ImportCleanAsync(ImportKind.Alarms, file);
        var again = await ImportCleanAsync(ImportKind.Alarms, file);

        Assert.Equal((2L, 0L), (first.RowsWritten, first.RowsSkipped));
        Assert.Equal((0L, 2L), (again.RowsWritten, again.RowsSkipped));
        var subscriptionOf = await InAlphaAsync(db => db.AlarmSubscriptions.Where(s => s.ExternalId == ended || s.ExternalId == running)
            .ToDictionaryAsync(s => s.ExternalId!, s => s.Id));
        var alarms = await InAlphaAsync(db => db.Alarms.Where(a => ids.Contains(a.ExternalId!)).ToListAsync());
        Assert.Equal(
            [
                (ids[0], subscriptionOf[ended], new DateOnly(2022, 3, 4), (TimeOnly?)new TimeOnly(3, 12), Alpha.Item(ListKind.AlarmOutcome, "RELATIVE").Id, (string?)null),
                (ids[1], subscriptionOf[running], new DateOnly(2023, 2, 1), null, Alpha.Item(ListKind.AlarmOutcome, "FALSE-ALARM").Id, "Pressed by mistake"),
            ],
            alarms.OrderBy(a => Array.IndexOf(ids, a.ExternalId)).Select(a => (a.ExternalId, a.SubscriptionId, a.OnDate, a.AtTime, a.OutcomeId, a.Note)));
        Assert.All(alarms, a => Assert.Equal(service.Id, a.ServiceId));
    }

    [Fact]
    public async Task Alarm_AfterItsSubscriptionEnded_InTheMiddle_WritesNothing_AndNamesTheLine()
    {
        var (service, ended, running) = await SubscribedAsync();
        string[] ids = [Unique("alarm"), Unique("alarm"), Unique("alarm")];

        var outcome = await ImportAsync(ImportKind.Alarms, Csv(Alarms,
            $"{ids[0]},{service.Code},{ended},2022-03-04,03:12,RELATIVE,",
            $"{ids[1]},{service.Code},{ended},2023-01-15,22:40,STAFF,",
            $"{ids[2]},{service.Code},{running},2023-02-01,,REASSURED,"));

        Assert.Equal([$"3 date: The subscription {ended} ended on 2022-12-31: the alarm falls after it."], Refused(outcome));
        Assert.Equal(0, await InAlphaAsync(db => db.Alarms.CountAsync(a => ids.Contains(a.ExternalId!))));
    }

    [Fact]
    public async Task Alarm_BeforeItsSubscription_OfAnUnknownOne_OrOfAnotherService_IsRefused()
    {
        var (service, _, running) = await SubscribedAsync();
        var other = await AlarmServiceAsync();

        var outcome = await ImportAsync(ImportKind.Alarms, Csv(Alarms,
            $"{Unique("alarm")},{service.Code},{running},2022-12-31,,RELATIVE,",
            $"{Unique("alarm")},{service.Code},no-such-subscription,2023-02-01,,RELATIVE,",
            $"{Unique("alarm")},{other.Code},{running},2023-02-01,,RELATIVE,",
            $"{Unique("alarm")},{service.Code},{running},2023-02-01,,SCREAMED,"));

        Assert.Equal(
            [
                $"2 date: The subscription {running} starts on 2023-01-01: the alarm falls before it.",
                "3 subscription: No subscription has the external id no-such-subscription: import the subscriptions first.",
                $"4 subscription: The subscription {running} is not one of the service {other.Code}.",
                $"5 outcome: Unknown code SCREAMED for the service {service.Code}.",
            ],
            Refused(outcome));
    }
}
