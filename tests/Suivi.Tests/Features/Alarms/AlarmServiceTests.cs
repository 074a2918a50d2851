using System.Net;
using AngleSharp.Html.Dom;
using Suivi.Domain;
using Suivi.Tests.Features.CaseFiles;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Alarms;

public sealed class AlarmServiceTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string NewSubscription = "/o/alpha/alarm-subscriptions/new";

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task Subscribe_RecordsTheSubscription_AndThePersonCountsAmongTodaysSubscribers()
    {
        var service = await app.NewAlarmServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = await client.FormAsync($"{NewSubscription}?service={service.Id}&person={Alpha.Mother.Id}");
        form["Input.DeviceId"] = Alpha.Item(ListKind.AlarmDevice, "BRACELET").Id.ToString();

        var response = await client.PostFormAsync(NewSubscription, NewSubscription, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var subscription = (await app.FindSubscriptionAsync(Guid.Parse(response.Headers.Location!.OriginalString[^36..])))!;
        Assert.Equal((Alpha.Mother.Id, Alpha.Item(ListKind.AlarmDevice, "BRACELET").Id, AlarmRecords.Today, (DateOnly?)null),
            (subscription.BeneficiaryId, subscription.DeviceId, subscription.From, subscription.To));
        var (_, list) = await client.GetPageAsync($"/o/alpha/alarm-subscriptions?service={service.Id}");
        Assert.Equal("1", Subscribers(list));
        Assert.Contains("Inês Gonçalves", list.QuerySelector("table.alarm-subscriptions")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribersAtYearEnd_CountsEachPersonActiveOn31December_Once()
    {
        var service = await app.NewAlarmServiceAsync();
        var third = await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var person = new Beneficiary(new BeneficiaryDetails("Marcel", "Weber", new DateOnly(1936, 5, 4), Sex.Male, Region.Sud, "lb",
                null, null, null, null));
            db.Beneficiaries.Add(person);
            await db.SaveChangesAsync();
            return person;
        });
        await app.AddSubscriptionAsync(service.Id, new DateOnly(2024, 3, 1), personId: Alpha.Mother.Id);
        await app.AddSubscriptionAsync(service.Id, new DateOnly(2024, 10, 1), personId: Alpha.Mother.Id);
        await app.AddSubscriptionAsync(service.Id, new DateOnly(2024, 6, 1), new DateOnly(2024, 12, 31), Alpha.Child.Id);
        await app.AddSubscriptionAsync(service.Id, new DateOnly(2024, 2, 1), new DateOnly(2024, 11, 30), third.Id);
        await app.AddSubscriptionAsync(service.Id, new DateOnly(2025, 1, 1), personId: third.Id);
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var (_, later) = await client.GetPageAsync($"/o/alpha/alarm-subscriptions?service={service.Id}&on=2025-03-01");
        var yearEndLink = later.QuerySelector("main a[href*='on=2024-12-31']")!.GetAttribute("href")!;
        var (_, yearEnd) = await client.GetPageAsync(yearEndLink);
        var (_, newYear) = await client.GetPageAsync($"/o/alpha/alarm-subscriptions?service={service.Id}&on=2025-01-01");

        Assert.Equal("2", Subscribers(yearEnd));
        Assert.Equal(3, yearEnd.QuerySelectorAll("table.alarm-subscriptions tbody tr").Length);
        Assert.DoesNotContain("Weber", yearEnd.QuerySelector("table.alarm-subscriptions")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", Subscribers(newYear));
        Assert.Equal("2", Subscribers(later));
    }

    public static TheoryData<string, string, string> BadSubscriptions => new()
    {
        { "Input.DeviceId", "", "Choose the device." },
        { "Input.DeviceId", "beta's device", "Choose the device." },
        { "Input.DeviceId", "an alarm outcome", "Choose the device." },
        { "Input.BeneficiaryId", "", "Choose the subscriber." },
        { "Input.BeneficiaryId", "beta's person", "This person was not found." },
        { "Input.From", "", "This field is required." },
        { "Input.From", "in forty days", "A subscription starts at most a month ahead." },
        { "Input.ServiceId", "beta's service", "Choose the service." },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task Subscribe_WithABadField_ShowsTheMessageNextToIt_AndSavesNothing(string field, string value, string message)
    {
        var service = await app.NewAlarmServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = await client.FormAsync($"{NewSubscription}?service={service.Id}&person={Alpha.Mother.Id}");
        form["Input.DeviceId"] = Alpha.Item(ListKind.AlarmDevice, "BRACELET").Id.ToString();
        form[field] = Value(value);
        var before = await app.CountAlarmRecordsAsync();

        var response = await client.PostFormAsync(NewSubscription, NewSubscription, form);

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal((field, app.Shown(message)), CaseFileRecords.FieldMessage(page));
        Assert.Equal(before, await app.CountAlarmRecordsAsync());
    }

    [Fact]
    public async Task RecordAnAlarm_WithinTheSubscription_ListsItOnTheSubscription()
    {
        var service = await app.NewAlarmServiceAsync();
        var subscription = await app.AddSubscriptionAsync(service.Id, AlarmRecords.Today.AddDays(-30));
        var url = $"/o/alpha/alarm-subscriptions/{subscription.Id}";
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var response = await client.PostFormAsync($"{url}?handler=Alarm", url, new()
        {
            ["Alarm.OnDate"] = AlarmRecords.Today.AddDays(-2).ToString("yyyy-MM-dd"),
            ["Alarm.AtTime"] = "02:40",
            ["Alarm.OutcomeId"] = Alpha.Item(ListKind.AlarmOutcome, "RELATIVE").Id.ToString(),
            ["Alarm.Note"] = "Fell in the bathroom; her son came.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var alarm = Assert.Single(await app.AlarmsOfAsync(subscription.Id));
        Assert.Equal((AlarmRecords.Today.AddDays(-2), new TimeOnly(2, 40), service.Id), (alarm.OnDate, alarm.AtTime, alarm.ServiceId));
        var (_, page) = await client.GetPageAsync(url);
        Assert.Contains("Fell in the bathroom; her son came.", page.QuerySelector("table.alarms")!.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadAlarms => new()
    {
        { "Alarm.OnDate", "before the subscription", "The subscription was not active on this date." },
        { "Alarm.OnDate", "after its end", "The subscription was not active on this date." },
        { "Alarm.OnDate", "in three days", "An alarm is recorded once raised: the date lies in the future." },
        { "Alarm.OnDate", "", "This field is required." },
        { "Alarm.OutcomeId", "", "Choose the outcome of the alarm." },
        { "Alarm.OutcomeId", "beta's outcome", "Choose the outcome of the alarm." },
        { "Alarm.OutcomeId", "a device", "Choose the outcome of the alarm." },
    };

    [Theory]
    [MemberData(nameof(BadAlarms))]
    public async Task RecordAnAlarm_WithABadField_IsRefusedNextToIt_AndSavesNothing(string field, string value, string message)
    {
        var service = await app.NewAlarmServiceAsync();
        var subscription = await app.AddSubscriptionAsync(service.Id, AlarmRecords.Today.AddDays(-30), AlarmRecords.Today.AddDays(-10));
        var url = $"/o/alpha/alarm-subscriptions/{subscription.Id}";
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var fields = new Dictionary<string, string>
        {
            ["Alarm.OnDate"] = AlarmRecords.Today.AddDays(-20).ToString("yyyy-MM-dd"),
            ["Alarm.OutcomeId"] = Alpha.Item(ListKind.AlarmOutcome, "FALSE-ALARM").Id.ToString(),
        };
        fields[field] = Value(value);
        if (value == "after its end")
        {
            fields[field] = AlarmRecords.Today.AddDays(-9).ToString("yyyy-MM-dd");
        }

        var response = await client.PostFormAsync($"{url}?handler=Alarm", url, fields);

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal((field, app.Shown(message)), CaseFileRecords.FieldMessage(page));
        Assert.Empty(await app.AlarmsOfAsync(subscription.Id));
    }

    [Fact]
    public async Task End_BeforeTheStartOrBeforeAnAlarm_IsRefused_AndOtherwiseEndsTheSubscription()
    {
        var service = await app.NewAlarmServiceAsync();
        var subscription = await app.AddSubscriptionAsync(service.Id, AlarmRecords.Today.AddDays(-30), alarms: AlarmRecords.Today.AddDays(-5));
        var url = $"/o/alpha/alarm-subscriptions/{subscription.Id}";
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var beforeStart = await client.PostFormAsync($"{url}?handler=End", url, new() { ["Ending.To"] = AlarmRecords.Today.AddDays(-31).ToString("yyyy-MM-dd") });
        var beforeAlarm = await client.PostFormAsync($"{url}?handler=End", url, new() { ["Ending.To"] = AlarmRecords.Today.AddDays(-6).ToString("yyyy-MM-dd") });
        Assert.Null((await app.FindSubscriptionAsync(subscription.Id))!.To);
        var ended = await client.PostFormAsync($"{url}?handler=End", url, new() { ["Ending.To"] = AlarmRecords.Today.AddDays(-5).ToString("yyyy-MM-dd") });

        Assert.Equal(("Ending.To", app.Shown("A subscription ends on or after the day it started.")),
            CaseFileRecords.FieldMessage(await CaseFileRecords.PageOfAsync(beforeStart)));
        Assert.Equal(("Ending.To", app.Shown("Alarms were recorded after this date: the subscription ends on the day of the last one or later.")),
            CaseFileRecords.FieldMessage(await CaseFileRecords.PageOfAsync(beforeAlarm)));
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(AlarmRecords.Today.AddDays(-5), (await app.FindSubscriptionAsync(subscription.Id))!.To);
        var (_, page) = await client.GetPageAsync(url);
        Assert.Null(page.QuerySelector("main form[action*='handler=End']"));
    }

    [Fact]
    public async Task ChangeTheDevice_ToOneOfTheList_IsRecorded_AndToAnotherOrganisationsIsRefused()
    {
        var service = await app.NewAlarmServiceAsync();
        var subscription = await app.AddSubscriptionAsync(service.Id, AlarmRecords.Today.AddDays(-3));
        var url = $"/o/alpha/alarm-subscriptions/{subscription.Id}";
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var refused = await client.PostFormAsync($"{url}?handler=Device", url,
            new() { ["Device.DeviceId"] = app.World.Beta.Item(ListKind.AlarmDevice, "WATCH-GPS").Id.ToString() });
        var changed = await client.PostFormAsync($"{url}?handler=Device", url,
            new() { ["Device.DeviceId"] = Alpha.Item(ListKind.AlarmDevice, "WATCH-GPS").Id.ToString() });

        Assert.Equal(("Device.DeviceId", app.Shown("Choose the device.")), CaseFileRecords.FieldMessage(await CaseFileRecords.PageOfAsync(refused)));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(Alpha.Item(ListKind.AlarmDevice, "WATCH-GPS").Id, (await app.FindSubscriptionAsync(subscription.Id))!.DeviceId);
    }

    [Fact]
    public async Task TheAlarmsOfAPeriod_AreCountedByOutcome()
    {
        var service = await app.NewAlarmServiceAsync();
        var first = await app.AddSubscriptionAsync(service.Id, new DateOnly(2025, 1, 1), alarms: [new DateOnly(2025, 2, 3), new DateOnly(2025, 2, 20)]);
        await app.AddSubscriptionAsync(service.Id, new DateOnly(2025, 1, 15), personId: Alpha.Child.Id,
            alarms: [new DateOnly(2025, 2, 10), new DateOnly(2025, 3, 1)]);
        await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var subscription = await db.AlarmSubscriptions.FindAsync(first.Id);
            db.Alarms.Add(new Alarm(subscription!, new DateOnly(2025, 2, 14), null, Alpha.Item(ListKind.AlarmOutcome, "EMERGENCY").Id, null,
                AlarmRecords.Today));
            return await db.SaveChangesAsync();
        });
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var (_, february) = await client.GetPageAsync($"/o/alpha/alarms?service={service.Id}&from=2025-02-01&to=2025-02-28");

        var counts = february.QuerySelectorAll("table.alarm-outcomes tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(new Dictionary<string, string>
        {
            [app.Shown("Total")] = "4",
            ["Fausse alerte"] = "3",
            ["Services d'urgence"] = "1",
        }, counts);
        Assert.Equal(4, february.QuerySelectorAll("table.alarms tbody tr").Length);
    }

    [Fact]
    public async Task ASubscriptionOfAnotherOrganisation_AnswersNotFound_AndGetsNoAlarm()
    {
        var beta = await app.InOrganisationAsync(app.World.Beta.Organisation.Id, async db =>
        {
            var subscription = new AlarmSubscription(app.World.Beta.Service.Id, app.World.Beta.Mother.Id,
                app.World.Beta.Item(ListKind.AlarmDevice, "PENDANT").Id, AlarmRecords.Today.AddDays(-10), AlarmRecords.Today);
            db.AlarmSubscriptions.Add(subscription);
            await db.SaveChangesAsync();
            return subscription;
        });
        var url = $"/o/alpha/alarm-subscriptions/{beta.Id}";
        using var client = await app.SignedInAsync(Alpha.AdminEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        foreach (var handler in new[] { "Alarm", "End", "Device" })
        {
            var response = await client.PostFormAsync($"{url}?handler={handler}", "/o/alpha/alarm-subscriptions", new()
            {
                ["Alarm.OnDate"] = AlarmRecords.Today.ToString("yyyy-MM-dd"),
                ["Alarm.OutcomeId"] = app.World.Beta.Item(ListKind.AlarmOutcome, "FALSE-ALARM").Id.ToString(),
                ["Ending.To"] = AlarmRecords.Today.ToString("yyyy-MM-dd"),
                ["Device.DeviceId"] = app.World.Beta.Item(ListKind.AlarmDevice, "BRACELET").Id.ToString(),
            });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var (alarms, to) = await app.InOrganisationAsync(app.World.Beta.Organisation.Id, db =>
            Task.FromResult((db.Alarms.Count(a => a.SubscriptionId == beta.Id), db.AlarmSubscriptions.Single(s => s.Id == beta.Id).To)));
        Assert.Equal((0, (DateOnly?)null), (alarms, to));
    }

    private string Value(string value) => value switch
    {
        "beta's device" => app.World.Beta.Item(ListKind.AlarmDevice, "BRACELET").Id.ToString(),
        "an alarm outcome" => Alpha.Item(ListKind.AlarmOutcome, "FALSE-ALARM").Id.ToString(),
        "a device" => Alpha.Item(ListKind.AlarmDevice, "BRACELET").Id.ToString(),
        "beta's person" => app.World.Beta.Mother.Id.ToString(),
        "beta's outcome" => app.World.Beta.Item(ListKind.AlarmOutcome, "FALSE-ALARM").Id.ToString(),
        "beta's service" => app.World.Beta.Service.Id.ToString(),
        "in forty days" => AlarmRecords.Today.AddDays(40).ToString("yyyy-MM-dd"),
        "in three days" => AlarmRecords.Today.AddDays(3).ToString("yyyy-MM-dd"),
        "before the subscription" => AlarmRecords.Today.AddDays(-31).ToString("yyyy-MM-dd"),
        _ => value,
    };

    private static string Subscribers(IHtmlDocument page) => page.QuerySelector("main dl.alarm-subscribers dd")!.TextContent.Trim();
}
