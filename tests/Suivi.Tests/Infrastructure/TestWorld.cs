using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Tests.Infrastructure;

/// <summary>
/// Two organisations with the same shape. Alpha's records are the ones other members must never reach;
/// beta's coordinator is the outsider of the security suites.
/// </summary>
public sealed class TestWorld
{
    public const string Password = "Test-Password-2026";

    public required IReadOnlyList<Organisation> Organisations { get; init; }
    public required OrganisationRecords Alpha { get; init; }
    public required OrganisationRecords Beta { get; init; }

    public sealed record OrganisationRecords(
        Organisation Organisation,
        Service Service,
        Site Site,
        StaffMember Staff,
        Beneficiary Child,
        Beneficiary Mother,
        FamilyLink Link,
        CaseFile CaseFile,
        string AdminEmail,
        string CoordinatorEmail,
        string WorkerEmail,
        string StatisticianEmail,
        IReadOnlyList<ListItem> Lists,
        IReadOnlyList<TypologyScheme> Typologies,
        Partner Partner,
        PartnerService PartnerService,
        IntakeRequest WaitingRequest,
        IntakeRequest AcceptedRequest,
        Referral Referral,
        CaseNote Note,
        Notification Notification,
        ActivityRecords Activities,
        ReportDefinitionVersion Report)
    {
        public string Slug => Organisation.Slug;

        public ListItem Item(ListKind list, string code) => Lists.Single(l => l.List == list && l.Code == code);

        public TypologyScheme Scheme(string code) => Typologies.Single(t => t.Code == code);

        public TypologyCategory Category(string scheme, string code) => Scheme(scheme).Categories.Single(c => c.Code == code);
    }

    /// <summary>One record of every activity kind, so security walks and isolation tests reach them all.</summary>
    public sealed record ActivityRecords(
        Service DayCentre,
        Service Residence,
        ServiceDelivery Delivery,
        Appointment Appointment,
        Contact Contact,
        AlarmSubscription Subscription,
        Alarm Alarm,
        DayCentreVisit Visit,
        HousingStay Stay,
        GroupActivity GroupActivity,
        CareInsurancePeriod CarePeriod,
        ImportRun ImportRun);

    /// <summary>Each organisation's annual report: its deliveries and hours over two years, its staff by profession.</summary>
    public const string AnnualReport = """
        suivi-report: 1
        title: { fr: Rapport annuel, de: Jahresbericht, en: Annual report }
        sections:
          - title: Activité
            blocks:
              - type: table
                id: activity
                title: Prestations
                years: 2
                rows:
                  - { label: Prestations, indicator: deliveries.count }
                  - { label: Heures, indicator: deliveries.hours }
              - type: crosstab
                id: staff
                title: Personnel
                indicator: staff.fte
                decimals: 2
                rows: { by: profession, values: [{ label: Psychologues, codes: [psychologist] }] }
                columns: { by: service, values: [{ label: PSY, codes: [PSY] }] }
        """;

    public static async Task<TestWorld> CreateAsync(IServiceProvider services)
    {
        var network = new Network("Test network");
        var alpha = new Organisation(network.Id, "Alpha Kannerschutz", "alpha", OrganisationKind.ChildProtection);
        var beta = new Organisation(network.Id, "Beta Soins", "beta", OrganisationKind.HomeCare);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
            db.Networks.Add(network);
            db.Organisations.AddRange(alpha, beta);
            await db.SaveChangesAsync();
        }
        return new TestWorld
        {
            Organisations = [alpha, beta],
            Alpha = await PopulateAsync(services, alpha, "Ana", "Gonçalves", "Inês"),
            Beta = await PopulateAsync(services, beta, "Jean", "Müller", "Anne"),
        };
    }

    private static async Task<OrganisationRecords> PopulateAsync(IServiceProvider services, Organisation organisation,
        string childFirstName, string familyName, string motherFirstName)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(organisation.Id, organisation.Slug, organisation.Name, null);
        var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();

        var emails = new Dictionary<OrganisationRole, string>();
        foreach (var role in Enum.GetValues<OrganisationRole>())
        {
            var email = $"{role.ToString().ToLowerInvariant()}@{organisation.Slug}.test";
            var user = new UserAccount { UserName = email, Email = email, DisplayName = $"{role} {organisation.Slug}", PreferredLanguage = "fr" };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            db.Memberships.Add(new Membership(user.Id, organisation.Id, role));
            emails[role] = email;
        }

        var service = new Service("PSY", "Service psychologique", ServiceKind.PsychologicalService);
        var site = new Site(service.Id, "Antenne Centre", Region.Centre, null);
        var staff = new StaffMember("Paula", "Reis", Profession.Psychologist, 0.8m, service.Id);
        var child = new Beneficiary(new BeneficiaryDetails(childFirstName, familyName, new DateOnly(2015, 3, 14), Sex.Female,
            Region.Centre, "pt", null, null, "1, rue Secrète", "Confidential note of " + organisation.Slug));
        var mother = new Beneficiary(new BeneficiaryDetails(motherFirstName, familyName, new DateOnly(1988, 7, 2), Sex.Female,
            Region.Centre, "pt", "+352 621 123 456", null, null, null));
        var link = new FamilyLink(mother.Id, child.Id, FamilyRelation.ParentOf);
        var file = new CaseFile(service.Id, $"PSY-2024-{organisation.Slug.ToUpperInvariant()}", new DateOnly(2024, 2, 1));
        file.AddMember(child.Id, CaseMemberRole.Child);
        file.AddMember(mother.Id, CaseMemberRole.Mother);
        file.AssignWorker(staff.Id);
        var (lists, typologies) = ReadyMade.AddTo(db);
        var partner = new Partner(new PartnerDetails($"Partenaire {organisation.Slug}", "santé mentale", "2, rue du Parc, Luxembourg",
            Region.Centre, "+352 40 00 00", $"contact@partner-{organisation.Slug}.example", null, "fr,de"));
        var partnerService = new PartnerService(partner.Id, "Consultation pédopsychiatrique", "pédopsychiatrie", null, null, null, "fr");
        db.AddRange(service, site, staff, child, mother, link, file, partner, partnerService);
        await db.SaveChangesAsync();

        // Case work on the file, so every kind of record exists in both organisations.
        var motive = typologies.Single(t => t.Code == ReadyMade.MainMotiveScheme);
        file.QualifyAtOpening(new QualificationChoice(motive, motive.Categories.Single(c => c.Code == "PHYS").Id,
            [motive.Categories.Single(c => c.Code == "PSY").Id]), null);
        file.SetFlag(lists.Single(l => l.List == ListKind.Flag && l.Code == "UNDER-3"), null, null);
        file.Assess(TrafficLight.Orange, new DateOnly(2024, 2, 5), null, "Paula Reis", "Situation to watch closely.");
        var today = new DateOnly(2024, 3, 1);
        var accepted = new IntakeRequest(new DateOnly(2024, 1, 25), lists.Single(l => l.Code == "SCHOOL").Id,
            lists.Single(l => l.Code == "PHONE").Id, service.Id, $"Call from the school about {childFirstName}", Urgency.Normal, today);
        accepted.AddPerson(child.Id);
        accepted.Decide(new DecisionDetails(DecisionKind.Accepted, new DateOnly(2024, 2, 1), null, null, file.Id, null), null, "system");
        file.OpenedFrom(accepted.Id);
        var waiting = new IntakeRequest(new DateOnly(2024, 2, 20), lists.Single(l => l.Code == "FAMILY").Id, null, service.Id,
            "A father asks for an appointment", Urgency.Urgent, today);
        waiting.AddAnonymousPerson("Father, did not give his name");
        var note = new CaseNote(file.Id, $"First interview with {motherFirstName} {familyName}.", NoteVisibility.Team,
            new DateTime(2024, 2, 2, 9, 0, 0, DateTimeKind.Utc), null, "Paula Reis");
        var referral = new Referral(file.Id, partnerService.Id, null, new DateOnly(2024, 2, 10), "Assessment by a child psychiatrist");
        var notification = new Notification(users.Users.Single(u => u.Email == emails[OrganisationRole.Coordinator]).Id,
            NotificationKind.RedAssessment, file.Id, file.Reference, new DateTime(2024, 2, 5, 10, 0, 0, DateTimeKind.Utc));
        db.AddRange(accepted, waiting, note, referral, notification);
        await db.SaveChangesAsync();
        var activities = await AddActivitiesAsync(db, lists, service, site, staff, child, mother, file, today);

        var report = new ReportDefinitionVersion($"annual-{organisation.Slug}", 1, AnnualReport, null, new DateTime(2024, 1, 10, 9, 0, 0, DateTimeKind.Utc));
        db.ReportDefinitions.Add(report);
        // A publication of a year no test reads, so that every kind of record exists in both organisations.
        var administrator = users.Users.Single(u => u.Email == emails[OrganisationRole.OrganisationAdministrator]).Id;
        db.PublishedReports.Add(new PublishedReport(report.Key, 2019, 1, "[]", administrator, OrganisationRole.OrganisationAdministrator,
            new DateTime(2020, 2, 1, 9, 0, 0, DateTimeKind.Utc)));
        await db.SaveChangesAsync();
        return new OrganisationRecords(organisation, service, site, staff, child, mother, link, file,
            emails[OrganisationRole.OrganisationAdministrator], emails[OrganisationRole.Coordinator],
            emails[OrganisationRole.Worker], emails[OrganisationRole.Statistician], lists, typologies, partner, partnerService,
            waiting, accepted, referral, note, notification, activities, report);
    }

    private static async Task<ActivityRecords> AddActivitiesAsync(SuiviDbContext db, IReadOnlyList<ListItem> lists, Service service,
        Site site, StaffMember staff, Beneficiary child, Beneficiary mother, CaseFile file, DateOnly today)
    {
        ListItem Item(ListKind list, string code) => lists.Single(l => l.List == list && l.Code == code);
        var dayCentre = new Service("FOYER", "Foyer de jour", ServiceKind.DayCentre);
        var residence = new Service("LOG", "Logement encadré", ServiceKind.SupervisedHousing);
        var colleague = new StaffMember("Marc", "Weber", Profession.SocialWorker, 1m, service.Id);
        db.AddRange(dayCentre, residence, colleague);
        await db.SaveChangesAsync();

        var delivery = new ServiceDelivery(service.Id, new DeliveryDetails(new DateOnly(2024, 2, 12), new TimeOnly(9, 30), TimeSpan.FromHours(1.5),
            Item(ListKind.DeliveryType, "CONSULT-CHILD").Id, null, staff.Id, [colleague.Id], file.Id, child.Id, site.Id, 12.5m,
            "Consultation with the child"), today);
        var appointment = new Appointment(service.Id, new AppointmentDetails(new DateOnly(2024, 2, 20), new TimeOnly(14, 0), site.Id,
            Item(ListKind.DeliveryType, "CONSULT-PARENT").Id, mother.Id, file.Id, staff.Id, null), new DateOnly(2024, 2, 13), today);
        var contact = new Contact(service.Id, new ContactDetails(ContactKind.HelplineCall, ContactDirection.Inbound, new DateOnly(2024, 2, 14),
            new TimeOnly(18, 5), TimeSpan.FromMinutes(7), Item(ListKind.Channel, "PHONE").Id, mother.Id,
            Item(ListKind.ContactOutcome, "CURRENT-CLIENT").Id, staff.Id, "Asks about the next appointment"), today);
        var subscription = new AlarmSubscription(service.Id, mother.Id, Item(ListKind.AlarmDevice, "PENDANT").Id, new DateOnly(2024, 1, 1), today);
        db.AddRange(delivery, appointment, contact, subscription);
        await db.SaveChangesAsync();

        var alarm = new Alarm(subscription, new DateOnly(2024, 2, 3), new TimeOnly(3, 12), Item(ListKind.AlarmOutcome, "RELATIVE").Id, null, today);
        var visit = new DayCentreVisit(dayCentre.Id, mother.Id, new DateOnly(2024, 2, 6), today);
        var stay = new HousingStay(residence.Id, mother.Id, new DateOnly(2024, 1, 15), null, today);
        var outing = new GroupActivity(dayCentre.Id, new GroupActivityDetails(Item(ListKind.GroupActivityKind, "EXCURSION").Id,
            "Excursion to the Moselle", new DateOnly(2024, 2, 8), null, null, 3));
        outing.AddParticipant(mother.Id);
        var period = new CareInsurancePeriod(mother.Id, new DateOnly(2023, 6, 1), null);
        var run = new ImportRun(ImportKind.People, "people.csv", dryRun: true, null, new DateTime(2024, 2, 1, 8, 0, 0, DateTimeKind.Utc));
        run.Finish(new string('0', 64), 10, 0, 0, 0, null, new DateTime(2024, 2, 1, 8, 0, 1, DateTimeKind.Utc));
        db.AddRange(alarm, visit, stay, outing, period, run);
        await db.SaveChangesAsync();
        return new ActivityRecords(dayCentre, residence, delivery, appointment, contact, subscription, alarm, visit, stay, outing, period, run);
    }
}
