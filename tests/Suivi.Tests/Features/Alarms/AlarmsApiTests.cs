using System.Net;
using System.Net.Http.Json;
using Suivi.Domain;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Features.Contacts;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Alarms;

public sealed class AlarmsApiTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Subscriptions = "/api/o/alpha/alarm-subscriptions";

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task Subscribe_RecordAlarms_AndEnd_ThroughTheApi()
    {
        var service = await app.NewAlarmServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var from = AlarmRecords.Today.AddDays(-20);

        var created = await client.Http.PostAsJsonAsync(Subscriptions, new
        {
            serviceId = service.Id,
            beneficiaryId = Alpha.Mother.Id,
            deviceId = Alpha.Item(ListKind.AlarmDevice, "WATCH-GPS").Id,
            from = from.ToString("yyyy-MM-dd"),
        });
        var subscription = await ContactRecords.JsonAsync(created);
        var id = subscription.GetProperty("id").GetGuid();
        var alarm = await client.Http.PostAsJsonAsync($"{Subscriptions}/{id}/alarms", new
        {
            onDate = AlarmRecords.Today.AddDays(-3).ToString("yyyy-MM-dd"),
            atTime = "23:55:00",
            outcomeId = Alpha.Item(ListKind.AlarmOutcome, "STAFF").Id,
        });
        var tooEarly = await client.Http.PostAsJsonAsync($"{Subscriptions}/{id}/alarms", new
        {
            onDate = from.AddDays(-1).ToString("yyyy-MM-dd"),
            outcomeId = Alpha.Item(ListKind.AlarmOutcome, "STAFF").Id,
        });
        var endBeforeStart = await client.Http.PostAsJsonAsync($"{Subscriptions}/{id}/end", new { on = from.AddDays(-1).ToString("yyyy-MM-dd") });
        var ended = await client.Http.PostAsJsonAsync($"{Subscriptions}/{id}/end", new { on = AlarmRecords.Today.ToString("yyyy-MM-dd") });
        var endedAgain = await client.Http.PostAsJsonAsync($"{Subscriptions}/{id}/end", new { on = AlarmRecords.Today.ToString("yyyy-MM-dd") });
        var afterEnd = await client.Http.PostAsJsonAsync($"{Subscriptions}/{id}/alarms", new
        {
            onDate = AlarmRecords.Today.AddDays(1).ToString("yyyy-MM-dd"),
            outcomeId = Alpha.Item(ListKind.AlarmOutcome, "STAFF").Id,
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"{Subscriptions}/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("WATCH-GPS", subscription.GetProperty("deviceCode").GetString());
        Assert.Equal(HttpStatusCode.Created, alarm.StatusCode);
        Assert.Equal("STAFF", (await ContactRecords.JsonAsync(alarm)).GetProperty("outcomeCode").GetString());
        Assert.True((await Problems.ReadAsync(tooEarly, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("onDate", out _));
        Assert.True((await Problems.ReadAsync(endBeforeStart, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("on", out _));
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var document = await ContactRecords.JsonAsync(ended);
        Assert.Equal(AlarmRecords.Today.ToString("yyyy-MM-dd"), document.GetProperty("to").GetString());
        Assert.Equal(1, document.GetProperty("alarms").GetArrayLength());
        Assert.True((await Problems.ReadAsync(endedAgain, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("on", out _));
        Assert.True((await Problems.ReadAsync(afterEnd, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("onDate", out _));
        Assert.Single(await app.AlarmsOfAsync(id));
    }

    public static TheoryData<string, object?, string> BadSubscriptions => new()
    {
        { "deviceId", "beta's device", "deviceId" },
        { "deviceId", null, "deviceId" },
        { "beneficiaryId", "beta's person", "beneficiaryId" },
        { "from", null, "from" },
        { "serviceId", null, "serviceId" },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task Subscribe_WithABadField_AnswersAProblemNamingIt_AndSavesNothing(string field, object? value, string problemField)
    {
        var service = await app.NewAlarmServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var body = new Dictionary<string, object?>
        {
            ["serviceId"] = service.Id,
            ["beneficiaryId"] = Alpha.Mother.Id,
            ["deviceId"] = Alpha.Item(ListKind.AlarmDevice, "PENDANT").Id,
            ["from"] = AlarmRecords.Today.ToString("yyyy-MM-dd"),
        };
        body[field] = value switch
        {
            "beta's device" => app.World.Beta.Item(ListKind.AlarmDevice, "PENDANT").Id,
            "beta's person" => app.World.Beta.Mother.Id,
            _ => value,
        };
        var before = await app.CountAlarmRecordsAsync();

        var problem = await Problems.ReadAsync(await client.Http.PostAsJsonAsync(Subscriptions, body), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(problemField, out _), problem.ToString());
        Assert.Equal(before, await app.CountAlarmRecordsAsync());
    }

    [Fact]
    public async Task List_GivesTheSubscribersOnADay_AndAlarmsByOutcome()
    {
        var service = await app.NewAlarmServiceAsync();
        await app.AddSubscriptionAsync(service.Id, new DateOnly(2024, 1, 1), personId: Alpha.Mother.Id, alarms: [new DateOnly(2024, 5, 5)]);
        await app.AddSubscriptionAsync(service.Id, new DateOnly(2024, 11, 1), personId: Alpha.Mother.Id);
        await app.AddSubscriptionAsync(service.Id, new DateOnly(2024, 2, 1), new DateOnly(2024, 6, 30), Alpha.Child.Id,
            new DateOnly(2024, 5, 6), new DateOnly(2024, 6, 30));
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var yearEnd = await ContactRecords.JsonAsync(await client.GetAsync($"{Subscriptions}?serviceId={service.Id}&on=2024-12-31"));
        var june = await ContactRecords.JsonAsync(await client.GetAsync($"{Subscriptions}?serviceId={service.Id}&on=2024-06-30"));
        var alarms = await ContactRecords.JsonAsync(await client.GetAsync($"/api/o/alpha/alarms?serviceId={service.Id}&from=2024-05-01&to=2024-05-31"));

        Assert.Equal((1, 2), (yearEnd.GetProperty("subscribers").GetInt32(), yearEnd.GetProperty("total").GetInt32()));
        Assert.Equal((2, 2), (june.GetProperty("subscribers").GetInt32(), june.GetProperty("total").GetInt32()));
        Assert.Equal(2, alarms.GetProperty("total").GetInt32());
        var outcome = Assert.Single(alarms.GetProperty("byOutcome").EnumerateArray());
        Assert.Equal(("FALSE-ALARM", 2), (outcome.GetProperty("code").GetString(), outcome.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task ASubscriptionOfAnotherOrganisation_AnswersNotFound()
    {
        var beta = await app.InOrganisationAsync(app.World.Beta.Organisation.Id, async db =>
        {
            var subscription = new AlarmSubscription(app.World.Beta.Service.Id, app.World.Beta.Mother.Id,
                app.World.Beta.Item(ListKind.AlarmDevice, "PENDANT").Id, AlarmRecords.Today.AddDays(-10), AlarmRecords.Today);
            db.AlarmSubscriptions.Add(subscription);
            await db.SaveChangesAsync();
            return subscription;
        });
        using var client = await app.SignedInAsync(Alpha.AdminEmail);

        await Problems.ReadAsync(await client.GetAsync($"{Subscriptions}/{beta.Id}"), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await client.Http.PostAsJsonAsync($"{Subscriptions}/{beta.Id}/end", new { on = AlarmRecords.Today }),
            HttpStatusCode.NotFound);
        await Problems.ReadAsync(await client.Http.PostAsJsonAsync($"{Subscriptions}/{beta.Id}/alarms",
            new { onDate = AlarmRecords.Today, outcomeId = app.World.Beta.Item(ListKind.AlarmOutcome, "STAFF").Id }), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await client.Http.PostAsJsonAsync($"{Subscriptions}/{beta.Id}/device",
            new { deviceId = app.World.Beta.Item(ListKind.AlarmDevice, "BRACELET").Id }), HttpStatusCode.NotFound);
    }
}
