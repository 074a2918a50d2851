using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Data;

/// <summary>
/// A fictional network to explore Suivi with: five organisations of the kinds Suivi serves, their
/// services, sites, staff, a few hundred invented people and case files. Created only on an empty
/// embedded database outside production (see Program.cs); every name is invented.
/// </summary>
public sealed class DemoNetwork(IServiceProvider services, TimeProvider clock)
{
    public const string Password = "Suivi-Demo-2026";

    public static readonly IReadOnlyList<(string Email, string Description)> Accounts =
    [
        ("coordinatrice@demo.suivi.test", "coordinatrice — Arc-en-ciel (protection de l'enfance) et Mosaïque (aides et soins)"),
        ("admin@demo.suivi.test", "administrateur du réseau et de chaque organisation"),
        ("intervenant@demo.suivi.test", "intervenant — Arc-en-ciel"),
        ("statistique@demo.suivi.test", "statisticienne — Mosaïque (chiffres sans noms)"),
    ];

    private static readonly string[] FemaleNames =
        ["Ana", "Marie", "Sophie", "Léa", "Emma", "Mia", "Sara", "Inês", "Beatriz", "Chloé", "Lena", "Nora", "Amélie",
         "Zoé", "Maja", "Élodie", "Joana", "Françoise", "Anne", "Lucie", "Yasmina", "Fatou", "Hélène", "Clara"];

    private static readonly string[] MaleNames =
        ["Luca", "Noah", "Tom", "Ben", "João", "Pedro", "Lucas", "Jérôme", "Paul", "Max", "Liam", "Théo", "Rui",
         "Yves", "Mathis", "Gilles", "Jean", "René", "Tiago", "Omar", "Adrien", "Félix", "Sven", "Loïc"];

    private static readonly string[] LastNames =
        ["Gonçalves", "Müller", "Weber", "Schmit", "Ferreira", "Da Silva", "Hoffmann", "Lefèvre", "Kieffer", "Thill",
         "Reuter", "Pereira", "Rodrigues", "Lopes", "Martins", "Wagner", "Becker", "Schröder", "Klein", "Hansen",
         "Dupont", "Bernard", "Mbala", "Nguyen", "Kovačević", "Öztürk", "Zénon", "Faber", "Léonard", "Bastos",
         "Gérard", "Steffen", "Majerus", "Fernandes", "Moreira", "Łukasik", "Jacoby", "Wirtz", "Ries", "Hémon"];

    private sealed record OrganisationPlan(string Name, string Slug, OrganisationKind Kind, int People,
        (string Code, string Name, ServiceKind Kind, Region Region, string Site)[] Services);

    private static readonly OrganisationPlan[] Plans =
    [
        new("Arc-en-ciel — protection de l'enfance", "arc-en-ciel", OrganisationKind.ChildProtection, 120,
        [
            ("MED", "Service médical", ServiceKind.MedicalService, Region.Centre, "Consultation Luxembourg-Gare"),
            ("PSY", "Service psychologique", ServiceKind.PsychologicalService, Region.Centre, "Antenne Centre"),
            ("VAD", "Visites à domicile", ServiceKind.HomeVisiting, Region.Sud, "Antenne Esch"),
        ]),
        new("Mosaïque — aides et soins à domicile", "mosaique", OrganisationKind.HomeCare, 160,
        [
            ("ANT-N", "Antenne Nord", ServiceKind.Branch, Region.Nord, "Antenne Ettelbruck"),
            ("ANT-S", "Antenne Sud", ServiceKind.Branch, Region.Sud, "Antenne Dudelange"),
            ("FOY", "Foyer de jour Les Tilleuls", ServiceKind.DayCentre, Region.Est, "Foyer Grevenmacher"),
            ("TEL", "Ligne d'écoute", ServiceKind.Helpline, Region.Centre, "Centrale Bertrange"),
            ("ALARM", "Service d'alarme", ServiceKind.AlarmService, Region.Centre, "Centrale Bertrange"),
            ("LOG", "Logement encadré Les Peupliers", ServiceKind.SupervisedHousing, Region.Nord, "Résidence Diekirch"),
            ("CLUB", "Club senior Am Duerf", ServiceKind.SeniorClub, Region.Ouest, "Club Mersch"),
        ]),
        new("Bientraitance Ensemble", "bientraitance", OrganisationKind.AbusePrevention, 40,
        [
            ("DEL", "Délégués à la bientraitance", ServiceKind.Delegates, Region.Centre, "Bureau Strassen"),
            ("FORM", "Formation", ServiceKind.Training, Region.Centre, "Salle de formation Strassen"),
        ]),
        new("Aidants Relais", "aidants-relais", OrganisationKind.CaregiverSupport, 30,
        [
            ("RES", "Réseau des aidants", ServiceKind.Network, Region.Ouest, "Bureau Mersch"),
        ]),
        new("Abri Solidaire", "abri-solidaire", OrganisationKind.HomelessAid, 50,
        [
            ("NUIT", "Foyer de nuit hivernal", ServiceKind.NightShelter, Region.Centre, "Foyer Hollerich"),
            ("EPI", "Épicerie sociale", ServiceKind.SocialGrocery, Region.Sud, "Épicerie Differdange"),
        ]),
    ];

    public static async Task<bool> IsNeededAsync(SuiviDbContext db, CancellationToken cancellationToken) =>
        !await db.Networks.AnyAsync(cancellationToken);

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        var random = new Random(2026);
        var today = clock.Today();
        var network = new Network("Réseau de démonstration");
        var organisations = Plans.Select(p => new Organisation(network.Id, p.Name, p.Slug, p.Kind)).ToList();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
            db.Networks.Add(network);
            db.Organisations.AddRange(organisations);
            await db.SaveChangesAsync(cancellationToken);
        }

        var users = await CreateAccountsAsync(organisations, cancellationToken);
        for (var i = 0; i < Plans.Length; i++)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentOrganisation>()
                .Enter(organisations[i].Id, organisations[i].Slug, organisations[i].Name, null);
            var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
            Populate(db, Plans[i], users, random, today);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<Dictionary<string, UserAccount>> CreateAccountsAsync(List<Organisation> organisations,
        CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
        var bySlug = organisations.ToDictionary(o => o.Slug);
        var people = new Dictionary<string, UserAccount>();
        foreach (var (email, name, networkAdmin) in new[]
                 {
                     ("coordinatrice@demo.suivi.test", "Claire Wagner", false),
                     ("admin@demo.suivi.test", "Marc Schiltz", true),
                     ("intervenant@demo.suivi.test", "Nico Bauer", false),
                     ("statistique@demo.suivi.test", "Sonia Kremer", false),
                 })
        {
            var user = new UserAccount
            {
                UserName = email,
                Email = email,
                DisplayName = name,
                EmailConfirmed = true,
                IsNetworkAdministrator = networkAdmin,
                PreferredLanguage = "fr",
            };
            var created = await userManager.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            people[email] = user;
        }
        db.Memberships.AddRange(
            new Membership(people["coordinatrice@demo.suivi.test"].Id, bySlug["arc-en-ciel"].Id, OrganisationRole.Coordinator),
            new Membership(people["coordinatrice@demo.suivi.test"].Id, bySlug["mosaique"].Id, OrganisationRole.Coordinator),
            new Membership(people["intervenant@demo.suivi.test"].Id, bySlug["arc-en-ciel"].Id, OrganisationRole.Worker),
            new Membership(people["statistique@demo.suivi.test"].Id, bySlug["mosaique"].Id, OrganisationRole.Statistician));
        db.Memberships.AddRange(organisations.Select(o =>
            new Membership(people["admin@demo.suivi.test"].Id, o.Id, OrganisationRole.OrganisationAdministrator)));
        await db.SaveChangesAsync(cancellationToken);
        return people;
    }

    private static void Populate(SuiviDbContext db, OrganisationPlan plan, Dictionary<string, UserAccount> users,
        Random random, DateOnly today)
    {
        var services = new List<Service>();
        foreach (var (code, name, kind, region, siteName) in plan.Services)
        {
            var service = new Service(code, name, kind);
            services.Add(service);
            db.Services.Add(service);
            db.Sites.Add(new Site(service.Id, siteName, region, null));
        }

        var staff = new List<StaffMember>();
        var professions = plan.Kind switch
        {
            OrganisationKind.HomeCare => new[] { Profession.Nurse, Profession.CareAssistant, Profession.HouseholdHelper, Profession.Physiotherapist },
            OrganisationKind.ChildProtection => [Profession.Psychologist, Profession.Paediatrician, Profession.SocialWorker, Profession.Educator],
            _ => [Profession.SocialWorker, Profession.Educator, Profession.Administrative],
        };
        for (var i = 0; i < 6 + services.Count * 2; i++)
        {
            var female = random.Next(2) == 0;
            var member = new StaffMember(Pick(random, female ? FemaleNames : MaleNames), Pick(random, LastNames),
                professions[i % professions.Length], random.Next(4) switch { 0 => 0.5m, 1 => 0.75m, _ => 1m },
                services[i % services.Count].Id);
            staff.Add(member);
            db.Staff.Add(member);
        }
        foreach (var (email, _) in Accounts)
        {
            // Staff records of the demo accounts that work in this organisation, so they can be assigned to files.
            if (email is "coordinatrice@demo.suivi.test" or "intervenant@demo.suivi.test" && plan.Slug == "arc-en-ciel")
            {
                var names = users[email].DisplayName.Split(' ');
                var member = new StaffMember(names[0], names[1],
                    email.StartsWith("coord", StringComparison.Ordinal) ? Profession.Coordinator : Profession.Psychologist, 1m,
                    services[0].Id);
                member.LinkAccount(users[email].Id);
                staff.Add(member);
                db.Staff.Add(member);
            }
        }

        var people = new List<Beneficiary>();
        if (plan.Slug == "arc-en-ciel")
        {
            // The person the quick tour in README.md looks for.
            people.Add(new Beneficiary(new BeneficiaryDetails("Ana", "Gonçalves", today.AddYears(-9).AddDays(-40), Sex.Female,
                Region.Centre, "pt", null, null, "12, rue des Jardins, L-1234 Luxembourg", "Suivie avec sa mère.")));
            people.Add(new Beneficiary(new BeneficiaryDetails("Inês", "Gonçalves", today.AddYears(-36), Sex.Female,
                Region.Centre, "pt", "+352 621 000 111", "ines.goncalves@example.org", "12, rue des Jardins, L-1234 Luxembourg", null)));
            db.FamilyLinks.Add(new FamilyLink(people[1].Id, people[0].Id, FamilyRelation.ParentOf));
        }
        // In Arc-en-ciel the Gonçalves family of the quick tour stays the only one of that name.
        var lastNames = plan.Slug == "arc-en-ciel" ? LastNames.Where(n => n != "Gonçalves").ToArray() : LastNames;
        while (people.Count < plan.People)
        {
            var sex = random.Next(2) == 0 ? Sex.Female : Sex.Male;
            var age = plan.Kind switch
            {
                OrganisationKind.ChildProtection => random.Next(0, 21),
                OrganisationKind.HomeCare => random.Next(60, 98),
                _ => random.Next(18, 80),
            };
            people.Add(new Beneficiary(new BeneficiaryDetails(
                Pick(random, sex == Sex.Female ? FemaleNames : MaleNames), Pick(random, lastNames),
                today.AddYears(-age).AddDays(-random.Next(365)), sex, (Region)random.Next(5),
                Pick(random, ["lb", "fr", "de", "pt", "en"]), $"+352 691 {random.Next(100, 999)} {random.Next(100, 999)}",
                null, null, null)));
        }
        db.Beneficiaries.AddRange(people);

        // Families: some people are parents of the next one.
        for (var i = 3; i + 1 < people.Count; i += 7)
        {
            db.FamilyLinks.Add(new FamilyLink(people[i].Id, people[i + 1].Id,
                plan.Kind == OrganisationKind.HomeCare ? FamilyRelation.CaregiverOf : FamilyRelation.ParentOf));
        }

        var (lists, typologies) = ReadyMade.ReadyMade.AddTo(db);
        var closureReasons = lists.Where(l => l.List == ListKind.ClosureReason).ToArray();
        // Psychological and home-visiting files are qualified by their main motive, the delegates' by the maltreatment typology.
        var scheme = plan.Kind switch
        {
            OrganisationKind.ChildProtection => typologies.Single(t => t.Code == ReadyMade.ReadyMade.MainMotiveScheme),
            OrganisationKind.AbusePrevention => typologies.Single(t => t.Code == ReadyMade.ReadyMade.MaltreatmentScheme),
            _ => null,
        };
        var sequence = new Dictionary<string, int>();
        var files = new List<CaseFile>();
        for (var i = 0; i < people.Count; i += 1 + (i % 3 == 0 ? 1 : 0))
        {
            var service = services[i % services.Count];
            var opened = today.AddDays(-random.Next(20, 3 * 365));
            var key = $"{service.Code}-{opened.Year}";
            sequence[key] = sequence.GetValueOrDefault(key) + 1;
            var file = new CaseFile(service.Id, $"{key}-{sequence[key]:0000}", opened);
            file.AddMember(people[i].Id, plan.Kind == OrganisationKind.ChildProtection ? CaseMemberRole.Child : CaseMemberRole.Client);
            if (plan.Slug == "arc-en-ciel" && i == 0)
            {
                file.AddMember(people[1].Id, CaseMemberRole.Mother);
            }
            file.AssignWorker(staff[random.Next(staff.Count)].Id);
            QualificationChoice? Choose() => scheme is null ? null
                : new QualificationChoice(scheme, scheme.Categories[random.Next(scheme.Categories.Count)].Id, null);
            if (Choose() is { } opening)
            {
                file.QualifyAtOpening(opening, null);
            }
            if (i > 0 && random.Next(3) == 0)
            {
                file.Close(opened.AddDays(random.Next(10, Math.Max(11, today.DayNumber - opened.DayNumber))),
                    Pick(random, closureReasons).Id, Choose(), null);
            }
            if (file.Status == CaseFileStatus.Open && random.Next(4) == 0)
            {
                var colour = (TrafficLight)random.Next(3);
                file.Assess(colour, opened.AddDays(random.Next(1, 20)), null, "Équipe",
                    colour switch
                    {
                        TrafficLight.Red => "Danger immédiat signalé : mise à l'abri à organiser.",
                        TrafficLight.Orange => "Situation préoccupante, à revoir sous quinze jours.",
                        _ => "Situation stable, suivi habituel.",
                    });
            }
            db.CaseFiles.Add(file);
            files.Add(file);
        }
        AddCaseWork(db, plan, lists, people, services, files, users, random, today);
        AddActivities(db, lists, people, services, staff, files, random, today);
        if (DemoReport(plan.Kind) is { } report)
        {
            db.ReportDefinitions.Add(new ReportDefinitionVersion("panorama", 1, report, null, new DateTime(today.Year, 1, 2, 9, 0, 0, DateTimeKind.Utc)));
        }
    }

    /// <summary>The report definition an organisation of this kind starts with in the demo: one of the documented examples.</summary>
    private static string? DemoReport(OrganisationKind kind)
    {
        var name = kind switch
        {
            OrganisationKind.HomeCare => "home-care",
            OrganisationKind.ChildProtection => "child-protection",
            _ => null,
        };
        if (name is null)
        {
            return null;
        }
        using var stream = typeof(DemoNetwork).Assembly.GetManifestResourceStream($"Suivi.Data.DemoReports.{name}.yaml")
            ?? throw new InvalidOperationException($"The demo report '{name}' is not embedded.");
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>
    /// The last weeks of daily work: deliveries for every worker (so the week grid of the demo worker is not
    /// empty), appointments, helpline calls, alarms, day-centre visits, housing stays, club sessions and
    /// long-term-care insurance periods — each where the organisation has the service for it.
    /// </summary>
    private static void AddActivities(SuiviDbContext db, IReadOnlyList<ListItem> lists, List<Beneficiary> people, List<Service> services,
        List<StaffMember> staff, List<CaseFile> files, Random random, DateOnly today)
    {
        ListItem[] Of(ListKind kind) => lists.Where(l => l.List == kind).ToArray();
        ListItem Item(string code) => lists.Single(l => l.Code == code && l.List is ListKind.DeliveryType or ListKind.ActCategory
            or ListKind.ContactOutcome or ListKind.AlarmDevice or ListKind.AlarmOutcome or ListKind.GroupActivityKind or ListKind.Channel);
        Service? Kind(ServiceKind kind) => services.FirstOrDefault(s => s.Kind == kind);
        var sites = db.ChangeTracker.Entries<Site>().Select(e => e.Entity).ToList();
        Guid? SiteOf(Service service) => sites.FirstOrDefault(s => s.ServiceId == service.Id)?.Id;

        var deliveryServices = services.Where(s => s.Kind is ServiceKind.Branch or ServiceKind.MedicalService or ServiceKind.PsychologicalService
            or ServiceKind.HomeVisiting or ServiceKind.Delegates or ServiceKind.Network or ServiceKind.Outreach).ToList();
        var workers = staff.Where(w => deliveryServices.Any(s => s.Id == w.ServiceId)).ToList();
        // Three years before the last weeks, a lighter history, so that last year's report has figures to compare. It rolls
        // its own dice: the rest of the demo stays what the quick tour and the browser tests know.
        var history = new Random(2024);
        for (var day = new DateOnly(today.Year - 3, 1, 1); day < today.AddDays(-42); day = day.AddDays(1))
        {
            foreach (var worker in workers.Where(_ => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && history.Next(6) == 0))
            {
                Deliver(day, worker, history, history.Next(1, 4));
            }
        }
        for (var day = today.AddDays(-42); day < today; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }
            foreach (var worker in workers)
            {
                Deliver(day, worker, random, random.Next(0, 4));
            }
        }

        void Deliver(DateOnly day, StaffMember worker, Random dice, int count)
        {
            var service = deliveryServices.First(s => s.Id == worker.ServiceId);
            var start = new TimeOnly(8, 30);
            for (var n = count; n > 0; n--)
            {
                var homeCare = service.Kind == ServiceKind.Branch;
                var duration = TimeSpan.FromMinutes(15 * dice.Next(2, 9));
                var open = files.Where(f => f.ServiceId == service.Id && f.WasOpenOn(day)).ToList();
                var file = !homeCare && open.Count > 0 ? open[dice.Next(open.Count)] : null;
                var type = service.Kind switch
                {
                    ServiceKind.Branch => Item("CARE"),
                    ServiceKind.MedicalService => Item("CONSULT-CHILD"),
                    ServiceKind.PsychologicalService => Pick(dice, [Item("CONSULT-CHILD"), Item("CONSULT-PARENT"), Item("CONSULT-FAMILY"), Item("CALL")]),
                    ServiceKind.HomeVisiting => Pick(dice, [Item("HOME-VISIT"), Item("HOME-VISIT"), Item("COORDINATION"), Item("PAEDIATRICIAN")]),
                    _ => Pick(dice, [Item("HOME-VISIT"), Item("COORDINATION"), Item("CALL")]),
                };
                var visit = type.Code is "HOME-VISIT" or "CARE" or "PAEDIATRICIAN";
                db.Deliveries.Add(new ServiceDelivery(service.Id, new DeliveryDetails(day, start, duration, type.Id,
                    homeCare ? Pick(dice, Of(ListKind.ActCategory)).Id : null, worker.Id, [],
                    file?.Id, file is null ? Pick(dice, people.ToArray()).Id : null, SiteOf(service),
                    visit ? dice.Next(20, 400) / 10m : null, null), today));
                start = start.Add(duration).Add(TimeSpan.FromMinutes(30));
            }
        }

        if (Kind(ServiceKind.MedicalService) is { } medical)
        {
            var children = files.Where(f => f.ServiceId == medical.Id).ToList();
            for (var i = 0; i < Math.Min(30, children.Count); i++)
            {
                var file = children[i];
                var requested = today.AddDays(-random.Next(5, 60));
                var appointment = new Appointment(medical.Id, new AppointmentDetails(requested.AddDays(random.Next(3, 30)),
                    new TimeOnly(9 + random.Next(8), 0), SiteOf(medical), Item("CONSULT-CHILD").Id, null, file.Id, null, null), requested, today);
                db.Appointments.Add(appointment);
                if (appointment.OnDate <= today)
                {
                    switch (random.Next(6))
                    {
                        case 0: appointment.Cancel(random.Next(2) == 0 ? AppointmentParty.Family : AppointmentParty.Service, null); break;
                        case 1: db.Appointments.Add(appointment.Postpone(AppointmentParty.Family, "Enfant malade", today.AddDays(random.Next(1, 20)), new TimeOnly(10, 0), today)); break;
                        default: appointment.Hold(today); break;
                    }
                }
            }
        }

        if (Kind(ServiceKind.Helpline) is { } helpline)
        {
            var outcomes = Of(ListKind.ContactOutcome);
            for (var day = today.AddDays(-14); day <= today; day = day.AddDays(1))
            {
                for (var n = random.Next(8, 20); n > 0; n--)
                {
                    var anonymous = random.Next(3) == 0;
                    db.Contacts.Add(new Contact(helpline.Id, new ContactDetails(random.Next(5) == 0 ? ContactKind.ClientRelations : ContactKind.HelplineCall,
                        (ContactDirection)random.Next(3), day, new TimeOnly(6 + random.Next(16), random.Next(60)), TimeSpan.FromMinutes(random.Next(1, 25)),
                        Item("PHONE").Id, anonymous ? null : Pick(random, people.ToArray()).Id, Pick(random, outcomes).Id, null,
                        anonymous ? "Appel anonyme" : "Question sur les aides"), today));
                }
            }
        }

        if (Kind(ServiceKind.AlarmService) is { } alarms)
        {
            foreach (var person in people.Where((_, i) => i % 4 == 1))
            {
                var subscription = new AlarmSubscription(alarms.Id, person.Id, Pick(random, Of(ListKind.AlarmDevice)).Id,
                    today.AddDays(-random.Next(60, 900)), today);
                if (random.Next(6) == 0)
                {
                    subscription.End(today.AddDays(-random.Next(1, 50)));
                }
                db.AlarmSubscriptions.Add(subscription);
                for (var n = random.Next(0, 4); n > 0; n--)
                {
                    var on = today.AddDays(-random.Next(1, 50));
                    if (subscription.IsActiveOn(on))
                    {
                        db.Alarms.Add(new Alarm(subscription, on, new TimeOnly(random.Next(24), random.Next(60)),
                            Pick(random, Of(ListKind.AlarmOutcome)).Id, null, today));
                    }
                }
            }
        }

        if (Kind(ServiceKind.DayCentre) is { } dayCentre)
        {
            var regulars = people.Where((_, i) => i % 5 == 2).Take(25).ToList();
            for (var day = today.AddDays(-42); day < today; day = day.AddDays(1))
            {
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    continue;
                }
                foreach (var person in regulars.Where(_ => random.Next(3) > 0))
                {
                    db.DayCentreVisits.Add(new DayCentreVisit(dayCentre.Id, person.Id, day, today));
                }
            }
        }

        if (Kind(ServiceKind.SupervisedHousing) is { } housing)
        {
            foreach (var person in people.Where((_, i) => i % 9 == 4).Take(14))
            {
                var from = today.AddDays(-random.Next(30, 1200));
                db.HousingStays.Add(new HousingStay(housing.Id, person.Id, from,
                    random.Next(4) == 0 ? from.AddDays(random.Next(10, Math.Max(11, today.DayNumber - from.DayNumber))) : null, today));
            }
        }

        if (Kind(ServiceKind.SeniorClub) is { } club)
        {
            var members = people.Where((_, i) => i % 6 == 3).Take(30).ToArray();
            for (var week = 1; week <= 8; week++)
            {
                var session = new GroupActivity(club.Id, new GroupActivityDetails(Item("CLUB-SESSION").Id, "Après-midi jeux et café",
                    today.AddDays(-7 * week), null, SiteOf(club), random.Next(0, 4)));
                foreach (var member in members.Where(_ => random.Next(2) == 0))
                {
                    session.AddParticipant(member.Id);
                }
                db.GroupActivities.Add(session);
            }
            var excursion = new GroupActivity(club.Id, new GroupActivityDetails(Item("EXCURSION").Id, "Excursion à Vianden",
                today.AddDays(-20), null, null, 2));
            foreach (var member in members.Take(12))
            {
                excursion.AddParticipant(member.Id);
            }
            db.GroupActivities.Add(excursion);
        }

        if (services.Any(s => s.Kind == ServiceKind.Branch))
        {
            foreach (var person in people.Where((_, i) => i % 2 == 0))
            {
                var from = today.AddDays(-random.Next(100, 2000));
                db.CareInsurancePeriods.Add(new CareInsurancePeriod(person.Id, from,
                    random.Next(5) == 0 ? from.AddDays(random.Next(30, 90)) : null));
            }
        }
    }

    /// <summary>The intake and directory side of the demo: partners, waiting and decided requests, notes, referrals, a restricted file.</summary>
    private static void AddCaseWork(SuiviDbContext db, OrganisationPlan plan, IReadOnlyList<ListItem> lists, List<Beneficiary> people,
        List<Service> services, List<CaseFile> files, Dictionary<string, UserAccount> users, Random random, DateOnly today)
    {
        ListItem[] Of(ListKind kind) => lists.Where(l => l.List == kind).ToArray();
        var partners = new[]
        {
            new Partner(new PartnerDetails("Centre hospitalier du Nord (démo)", "santé", "120, avenue Salentiny, Ettelbruck", Region.Nord,
                "+352 8166 0000", "accueil@chdn.example", null, "lb,fr,de")),
            new Partner(new PartnerDetails("Office social de Differdange (démo)", "aide sociale", "Place du Marché, Differdange", Region.Sud,
                "+352 58 77 1000", "office.social@differdange.example", null, "lb,fr,pt")),
            new Partner(new PartnerDetails("Centre de santé mentale Zéphyr (démo)", "santé mentale", "3, rue de l'Hôpital, Luxembourg", Region.Centre,
                "+352 49 00 00", "contact@zephyr.example", null, "fr,de,en")),
        };
        var partnerServices = new[]
        {
            new PartnerService(partners[0].Id, "Pédopsychiatrie", "pédopsychiatrie", "Consultations pour enfants et adolescents.", null, null, "fr,de"),
            new PartnerService(partners[0].Id, "Maternité", "périnatalité", null, null, null, "lb,fr,de"),
            new PartnerService(partners[1].Id, "Aide sociale", "aide sociale", "Aides financières et accompagnement social.", null, null, "lb,fr,pt"),
            new PartnerService(partners[2].Id, "Consultation adultes", "santé mentale", null, null, null, "fr,en"),
        };
        db.Partners.AddRange(partners);
        db.PartnerServices.AddRange(partnerServices);

        var sources = Of(ListKind.RequestSource);
        var channels = Of(ListKind.Channel);
        foreach (var (summary, urgency, daysAgo) in new[]
                 {
                     ("Appel d'une mère inquiète pour sa fille de 8 ans.", Urgency.Urgent, 2),
                     ("L'école signale des absences répétées et des marques.", Urgency.Urgent, 5),
                     ("Un père demande un rendez-vous de conseil.", Urgency.Normal, 9),
                     ("Une assistante sociale demande une orientation.", Urgency.Normal, 16),
                 })
        {
            var request = new IntakeRequest(today.AddDays(-daysAgo), Pick(random, sources).Id, Pick(random, channels).Id,
                Pick(random, services.ToArray()).Id, summary, urgency, today);
            request.AddPerson(Pick(random, people.ToArray()).Id);
            db.Requests.Add(request);
        }
        var refused = new IntakeRequest(today.AddDays(-30), Pick(random, sources).Id, null, services[0].Id,
            "Demande de garde d'enfants, hors du champ du service.", Urgency.Normal, today);
        refused.AddAnonymousPerson("Une mère, anonyme");
        refused.Decide(new DecisionDetails(DecisionKind.NotTakenOn, today.AddDays(-29), Of(ListKind.RefusalReason)[0].Id, null, null, null), null, "Équipe");
        var reoriented = new IntakeRequest(today.AddDays(-40), Pick(random, sources).Id, null, services[0].Id,
            "Difficultés financières d'une famille.", Urgency.Normal, today);
        reoriented.AddPerson(people[^1].Id);
        reoriented.Decide(new DecisionDetails(DecisionKind.Reoriented, today.AddDays(-38), Of(ListKind.ReorientationReason)[0].Id,
            partnerServices[2].Id, null, null), null, "Équipe");
        db.Requests.AddRange(refused, reoriented);

        foreach (var file in files.Where(f => f.Status == CaseFileStatus.Open).Take(12))
        {
            db.CaseNotes.Add(new CaseNote(file.Id, "Premier entretien réalisé ; prochain rendez-vous fixé.", NoteVisibility.Team,
                today.AddDays(-random.Next(1, 60)).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc), null, "Équipe"));
            if (random.Next(3) == 0)
            {
                db.Referrals.Add(new Referral(file.Id, partnerServices[0].Id, null, file.OpenedOn.AddDays(random.Next(1, 10)),
                    "Bilan pédopsychiatrique demandé."));
            }
        }
        if (plan.Slug == "arc-en-ciel" && files.Count > 5)
        {
            // A file only the worker may see: the coordinator and the administrator find no trace of it.
            files[5].RestrictTo([users["intervenant@demo.suivi.test"].Id]);
        }
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}

public static class DemoStartup
{
    /// <summary>
    /// Creates the demo network on an empty database when <c>Suivi:DemoData</c> is on (the Development
    /// profile used by <c>dotnet run</c>), and prints where to go and how to sign in. Refuses to run
    /// in Production: demo accounts with a published password must never reach real data.
    /// </summary>
    public static async Task CreateDemoNetworkIfWantedAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Suivi:DemoData"))
        {
            return;
        }
        if (app.Environment.IsProduction())
        {
            throw new InvalidOperationException("Suivi:DemoData is on in a Production environment; demo accounts are never created there.");
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
            if (await DemoNetwork.IsNeededAsync(db, CancellationToken.None))
            {
                await new DemoNetwork(app.Services, app.Services.GetRequiredService<TimeProvider>()).CreateAsync(CancellationToken.None);
            }
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(see 'Now listening on' above)";
            Console.WriteLine();
            Console.WriteLine($"Suivi is running at {addresses}");
            Console.WriteLine($"Demo sign-in (password for every account: {DemoNetwork.Password}):");
            foreach (var (email, description) in DemoNetwork.Accounts)
            {
                Console.WriteLine($"  {email,-32} {description}");
            }
            Console.WriteLine();
        });
    }
}
