using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// The test world with a year of alpha's records behind every indicator (2023, and some of 2022): deliveries in two
/// regions with hours to the second and kilometres to the metre, one of them on a file restricted to alpha's
/// administrator; clients with and without long-term-care insurance; day-centre visits; stays in part of the year;
/// alarm subscriptions running on 31 December or not; alarms, contacts and appointments; staff with fractional FTE;
/// and sixty one-minute deliveries in 2022, more than a page. People are named so that a name on a page shows.
/// </summary>
public sealed class TraceableWorld : IAsyncLifetime
{
    public SuiviApp App { get; } = new();

    public Beneficiary Entitled { get; private set; } = null!;
    public Beneficiary Resident { get; private set; } = null!;
    public Beneficiary Hidden { get; private set; } = null!;
    public Beneficiary Subscriber { get; private set; } = null!;
    public ServiceDelivery HiddenDelivery { get; private set; } = null!;

    /// <summary>Names and free text that only those who may see names may read.</summary>
    public IReadOnlyList<string> Secrets =>
    [
        App.World.Alpha.Child.FirstName, App.World.Alpha.Child.LastName, App.World.Alpha.Mother.FirstName, App.World.Alpha.CaseFile.Reference,
        Entitled.LastName, Resident.LastName, Subscriber.LastName, "Paula", "Reis", "Weber", "Nightingale", ContactSubject,
    ];

    public const string ContactSubject = "Worried about her grandson";

    public const string RestrictedReference = "PSY-2023-RESTRICTED";

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        var alpha = App.World.Alpha;
        var admin = await App.InOrganisationAsync(alpha.Organisation.Id, db => db.Users.Where(u => u.Email == alpha.AdminEmail).Select(u => u.Id).SingleAsync());
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        await App.InOrganisationAsync(alpha.Organisation.Id, async db =>
        {
            Guid Item(ListKind list, string code) => alpha.Item(list, code).Id;
            Beneficiary Person(string first, string last) => new(new BeneficiaryDetails(first, last, new DateOnly(1940, 2, 3), Sex.Female, Region.Sud, "lb", null, null, null, null));
            Entitled = Person("Berthe", "Assurée");
            Resident = Person("Colette", "Résidente");
            Hidden = Person("Denise", "Confidentielle");
            Subscriber = Person("Elise", "Abonnée");
            db.Beneficiaries.AddRange(Entitled, Resident, Hidden, Subscriber);
            var south = new Site(alpha.Service.Id, "Antenne Sud", Region.Sud, null);
            var nurse = new StaffMember("Florence", "Nightingale", Profession.Nurse, 0.333333m, alpha.Service.Id);
            var educator = new StaffMember("Gustave", "Sansservice", Profession.Educator, 0.5m, null);
            db.AddRange(south, nurse, educator);
            db.CareInsurancePeriods.Add(new CareInsurancePeriod(Entitled.Id, new DateOnly(2023, 3, 1), new DateOnly(2023, 8, 31)));
            var restricted = new CaseFile(alpha.Service.Id, RestrictedReference, new DateOnly(2023, 1, 2));
            restricted.AddMember(Hidden.Id, CaseMemberRole.Child);
            restricted.RestrictTo([admin]);
            db.CaseFiles.Add(restricted);
            await db.SaveChangesAsync();

            ServiceDelivery Delivery(DateOnly on, int seconds, string type, string? category, Guid? person, Guid? site, decimal? kilometres, Guid? file = null) =>
                new(alpha.Service.Id, new DeliveryDetails(on, new TimeOnly(9, 0), TimeSpan.FromSeconds(seconds), Item(ListKind.DeliveryType, type),
                    category is null ? null : Item(ListKind.ActCategory, category), alpha.Staff.Id, [], file, person, site, kilometres, "Note"), today);
            HiddenDelivery = Delivery(new DateOnly(2023, 4, 4), 7200, "CONSULT-CHILD", "AEV", Hidden.Id, alpha.Site.Id, 4m, restricted.Id);
            db.Deliveries.AddRange(
                Delivery(new DateOnly(2023, 1, 10), 5400, "CONSULT-CHILD", "AEV", alpha.Child.Id, alpha.Site.Id, 12.5m),
                Delivery(new DateOnly(2023, 2, 11), 3607, "CONSULT-CHILD", "MENAGE", Entitled.Id, south.Id, 3.333m),
                Delivery(new DateOnly(2023, 5, 12), 7200, "CONSULT-PARENT", null, alpha.Mother.Id, null, null),
                Delivery(new DateOnly(2023, 6, 13), 2701, "CONSULT-FAMILY", "MENAGE", Resident.Id, alpha.Site.Id, 0.001m),
                Delivery(new DateOnly(2023, 7, 14), 3600, "HOME-VISIT", "GARDE", null, south.Id, 7m),
                Delivery(new DateOnly(2023, 9, 15), 1800, "CONSULT-CHILD", "AEV", Entitled.Id, alpha.Site.Id, null),
                Delivery(new DateOnly(2022, 3, 16), 3600, "CONSULT-CHILD", "AEV", alpha.Child.Id, alpha.Site.Id, 1m),
                HiddenDelivery);
            db.Deliveries.AddRange(Enumerable.Range(0, 60).Select(i => Delivery(new DateOnly(2022, 1, 1).AddDays(i * 5), 60, "CALL", null, Entitled.Id, null, null)));

            var (centre, residence) = (alpha.Activities.DayCentre.Id, alpha.Activities.Residence.Id);
            db.DayCentreVisits.AddRange(
                new DayCentreVisit(centre, Entitled.Id, new DateOnly(2023, 2, 1), today),
                new DayCentreVisit(centre, Entitled.Id, new DateOnly(2023, 3, 1), today),
                new DayCentreVisit(centre, Resident.Id, new DateOnly(2023, 3, 2), today),
                new DayCentreVisit(centre, alpha.Mother.Id, new DateOnly(2023, 10, 3), today),
                new DayCentreVisit(centre, Entitled.Id, new DateOnly(2022, 10, 3), today));
            db.HousingStays.AddRange(
                new HousingStay(residence, Resident.Id, new DateOnly(2023, 3, 1), new DateOnly(2023, 5, 10), today),
                new HousingStay(residence, Subscriber.Id, new DateOnly(2023, 11, 20), null, today),
                new HousingStay(residence, Hidden.Id, new DateOnly(2021, 6, 1), new DateOnly(2023, 1, 31), today));

            var pendant = new AlarmSubscription(alpha.Service.Id, Subscriber.Id, Item(ListKind.AlarmDevice, "PENDANT"), new DateOnly(2023, 2, 1), today);
            var bracelet = new AlarmSubscription(alpha.Service.Id, Entitled.Id, Item(ListKind.AlarmDevice, "BRACELET"), new DateOnly(2022, 5, 1), today);
            var watch = new AlarmSubscription(alpha.Service.Id, Resident.Id, Item(ListKind.AlarmDevice, "WATCH-GPS"), new DateOnly(2023, 1, 1), today);
            db.AlarmSubscriptions.AddRange(pendant, bracelet, watch);
            await db.SaveChangesAsync();
            bracelet.End(new DateOnly(2023, 12, 31));
            watch.End(new DateOnly(2023, 6, 30));
            db.Alarms.AddRange(
                new Alarm(pendant, new DateOnly(2023, 4, 1), new TimeOnly(2, 0), Item(ListKind.AlarmOutcome, "FALSE-ALARM"), "Fell in the kitchen", today),
                new Alarm(pendant, new DateOnly(2023, 8, 1), null, Item(ListKind.AlarmOutcome, "STAFF"), null, today),
                new Alarm(watch, new DateOnly(2023, 3, 3), new TimeOnly(23, 50), Item(ListKind.AlarmOutcome, "RELATIVE"), null, today));

            Contact ContactOf(DateOnly on, ContactKind kind, ContactDirection direction, Guid? person, string outcome, string? subject) =>
                new(alpha.Service.Id, new ContactDetails(kind, direction, on, new TimeOnly(10, 0), TimeSpan.FromMinutes(5), Item(ListKind.Channel, "PHONE"),
                    person, Item(ListKind.ContactOutcome, outcome), null, subject), today);
            db.Contacts.AddRange(
                ContactOf(new DateOnly(2023, 1, 5), ContactKind.HelplineCall, ContactDirection.Inbound, alpha.Mother.Id, "CURRENT-CLIENT", ContactSubject),
                ContactOf(new DateOnly(2023, 2, 5), ContactKind.ClientRelations, ContactDirection.Redirected, null, "INFORMATION", null),
                ContactOf(new DateOnly(2023, 3, 5), ContactKind.Other, ContactDirection.Outbound, Entitled.Id, "FORMER-CLIENT", null),
                ContactOf(new DateOnly(2023, 4, 5), ContactKind.HelplineCall, ContactDirection.Inbound, null, "INFORMATION", null));

            Appointment AppointmentOf(DateOnly on, Guid person, Guid? file = null) =>
                new(alpha.Service.Id, new AppointmentDetails(on, new TimeOnly(14, 0), alpha.Site.Id, Item(ListKind.DeliveryType, "CONSULT-CHILD"),
                    person, file, alpha.Staff.Id, null), on, today);
            var held = AppointmentOf(new DateOnly(2023, 5, 2), alpha.Child.Id);
            held.Hold(today);
            var cancelled = AppointmentOf(new DateOnly(2023, 6, 2), Entitled.Id);
            cancelled.Cancel(AppointmentParty.Family, "Ill");
            var restrictedHeld = AppointmentOf(new DateOnly(2023, 7, 2), Hidden.Id, restricted.Id);
            restrictedHeld.Hold(today);
            db.Appointments.AddRange(held, cancelled, restrictedHeld, AppointmentOf(new DateOnly(2023, 8, 2), alpha.Mother.Id));
            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => App.DisposeAsync();
}
