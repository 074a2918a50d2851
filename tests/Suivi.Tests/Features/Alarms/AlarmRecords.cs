using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Alarms;

/// <summary>Alarm services, subscriptions and alarms made for one test inside alpha, and what the tests read back.</summary>
internal static class AlarmRecords
{
    public static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    public static Task<Service> NewAlarmServiceAsync(this SuiviApp app) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var service = new Service("A" + Guid.NewGuid().ToString("N")[..8], "Télé-alarme " + Guid.NewGuid().ToString("N")[..6],
                ServiceKind.AlarmService);
            db.Services.Add(service);
            await db.SaveChangesAsync();
            return service;
        });

    /// <summary>A subscription from <paramref name="from"/>, ended on <paramref name="to"/> when given, with alarms on <paramref name="alarms"/>.</summary>
    public static Task<AlarmSubscription> AddSubscriptionAsync(this SuiviApp app, Guid serviceId, DateOnly from, DateOnly? to = null,
        Guid? personId = null, params DateOnly[] alarms) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var subscription = new AlarmSubscription(serviceId, personId ?? app.World.Alpha.Mother.Id,
                app.World.Alpha.Item(ListKind.AlarmDevice, "PENDANT").Id, from, Today);
            db.AlarmSubscriptions.Add(subscription);
            await db.SaveChangesAsync();
            foreach (var day in alarms)
            {
                db.Alarms.Add(new Alarm(subscription, day, new TimeOnly(3, 10), app.World.Alpha.Item(ListKind.AlarmOutcome, "FALSE-ALARM").Id,
                    null, Today));
            }
            if (to is { } last)
            {
                subscription.End(last);
            }
            await db.SaveChangesAsync();
            return subscription;
        });

    public static Task<AlarmSubscription?> FindSubscriptionAsync(this SuiviApp app, Guid id) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.AlarmSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id));

    public static Task<(int Subscriptions, int Alarms)> CountAlarmRecordsAsync(this SuiviApp app) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db => (await db.AlarmSubscriptions.CountAsync(), await db.Alarms.CountAsync()));

    public static Task<List<Alarm>> AlarmsOfAsync(this SuiviApp app, Guid subscriptionId) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Alarms.AsNoTracking().Where(a => a.SubscriptionId == subscriptionId).ToListAsync());
}
