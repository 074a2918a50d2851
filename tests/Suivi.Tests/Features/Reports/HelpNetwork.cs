using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure.Imports;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// The home-care network of ../shared/reference/help-panorama-2023.md, rebuilt as records: four member
/// organisations, 7 543 clients, their long-term-care entitlements, three and a half million hours of care
/// imported through the bulk writer as an organisation brings its history,, day-centre visits, supervised-housing stays and 1 129 full-time equivalents
/// of staff. Nothing here is a figure of the report: each published number must come out of these records.
/// </summary>
public sealed class HelpNetwork : IAsyncLifetime
{
    public const string AdminEmail = "admin@dv.help.test";

    private TestDatabase? _database;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public IReadOnlyList<Organisation> Members { get; private set; } = [];
    public Organisation Dv => Members[0];

    /// <summary>Clients with an entitlement running from before 2020, then clients without, per year 2020–2023 (T1).</summary>
    private static readonly (int Year, int With, int Without)[] Clients = [(2020, 2538, 4099), (2021, 2583, 4732), (2022, 2619, 4664), (2023, 2686, 4857)];

    /// <summary>
    /// Hours per act category and year (T2), unrounded. 2020's parts are each 0.4 h below their displayed value and
    /// 2023's 0.2 h below, so the totals come out one or two below the sum of the rounded parts, as published.
    /// </summary>
    private static readonly (string Category, decimal[] Hours)[] Hours =
    [
        ("AEV", [525_673.6m, 537_536m, 557_815m, 576_175.8m]),
        ("MENAGE", [132_880.6m, 132_947m, 137_631m, 143_466.8m]),
        ("GARDE", [115_683.6m, 107_966m, 109_176m, 106_103.8m]),
        ("COURSES", [46_842.6m, 48_824m, 51_385m, 57_739.8m]),
        ("AUTONOMIE", [20_000m, 20_000m, 20_000m, 20_000m]),
        ("GARDE-NUIT", [30_000m, 30_000m, 30_000m, 30_000m]),
        ("AIDES-TECH", [8_863.6m, 4_876m, 15_199m, 28_056.8m]),
    ];

    private static readonly (int Year, int Visitors)[] DayCentreVisitors = [(2019, 340), (2020, 283), (2021, 260), (2022, 299), (2023, 314)];

    /// <summary>
    /// Full-time equivalents in millionths by profession and member (T6). Seven cells sit a few thousandths below
    /// their displayed value, so the rows, columns and grand total that were published 0,01 below the sum of their
    /// displayed parts come out exactly as published.
    /// </summary>
    private static readonly (Profession Profession, long[] Millionths)[] Fte =
    [
        (Profession.Nurse, [359_595_500, 15_427_000, 2_060_000, 0]),
        (Profession.CareAssistant, [340_720_000, 18_550_000, 1_420_000, 0]),
        (Profession.HouseholdHelper, [152_150_000, 7_670_000, 1_740_000, 500_000]),
        (Profession.FamilySocialHelper, [60_157_000, 10_096_500, 2_790_000, 1_000_000]),
        (Profession.Administrative, [47_427_000, 2_697_000, 1_009_500, 1_500_000]),
        (Profession.CareAide, [30_970_000, 0, 0, 0]),
        (Profession.Physiotherapist, [23_170_000, 0, 70_000, 0]),
        (Profession.Educator, [12_150_000, 670_000, 1_870_000, 4_000_000]),
        (Profession.OccupationalTherapist, [17_850_000, 920_000, 0, 0]),
        (Profession.Other, [9_340_000, 0, 1_500_000, 0]),
    ];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Factory = SuiviApp.FactoryFor(_database);
        var network = new Network("HELP");
        Members =
        [
            new Organisation(network.Id, "Doheem Versuergt", "dv", OrganisationKind.HomeCare),
            new Organisation(network.Id, "Syrdall Hëllef", "syr", OrganisationKind.HomeCare),
            new Organisation(network.Id, "Hëllef Iesleck Sud", "his", OrganisationKind.HomeCare),
            new Organisation(network.Id, "Uelzecht Fleeg", "uelz", OrganisationKind.HomeCare),
        ];
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
            db.Networks.Add(network);
            db.Organisations.AddRange(Members);
            await db.SaveChangesAsync();
        }
        await AddAdministratorAsync();
        for (var m = 0; m < Members.Count; m++)
        {
            await InOrganisationAsync(Members[m], db => AddStaffAsync(db, m));
        }
        await InOrganisationAsync(Dv, AddCareAsync);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public async Task<T> InOrganisationAsync<T>(Organisation organisation, Func<SuiviDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(organisation.Id, organisation.Slug, organisation.Name, null);
        return await work(scope.ServiceProvider.GetRequiredService<SuiviDbContext>());
    }

    /// <summary>The administrator of the publishing member, and statistician of the three others: sees every member's figures, no names outside DV.</summary>
    private async Task AddAdministratorAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = AdminEmail, Email = AdminEmail, DisplayName = "Admin DV", PreferredLanguage = "fr" };
        var created = await users.CreateAsync(user, TestWorld.Password);
        Assert.True(created.Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
        db.Memberships.Add(new Membership(user.Id, Dv.Id, OrganisationRole.OrganisationAdministrator));
        db.Memberships.AddRange(Members.Skip(1).Select(m => new Membership(user.Id, m.Id, OrganisationRole.Statistician)));
        await db.SaveChangesAsync();
    }

    /// <summary>Whole-FTE staff members and one with the remaining fraction, per cell of T6.</summary>
    private static async Task<int> AddStaffAsync(SuiviDbContext db, int member)
    {
        var number = 0;
        foreach (var (profession, millionths) in Fte)
        {
            var fte = (decimal)millionths[member] / StaffMember.FteScale;
            for (; fte >= 1; fte--)
            {
                db.Staff.Add(new StaffMember("Staff", $"{profession}-{++number}", profession, 1m, null));
            }
            if (fte > 0)
            {
                db.Staff.Add(new StaffMember("Staff", $"{profession}-{++number}", profession, fte, null));
            }
        }
        return await db.SaveChangesAsync();
    }

    private static async Task<int> AddCareAsync(SuiviDbContext db)
    {
        var branch = new Service("SOINS", "Soins à domicile", ServiceKind.Branch);
        var dayCentres = Enumerable.Range(1, 8).Select(i => new Service($"CJ{i}", $"Centre de jour {i}", ServiceKind.DayCentre)).ToList();
        var residences = "ABCD".Select(r => new Service($"RES-{r}", $"Résidence {r}", ServiceKind.SupervisedHousing)).ToList();
        db.Services.Add(branch);
        db.Services.AddRange(dayCentres);
        db.Services.AddRange(residences);
        var care = new ListItem(ListKind.DeliveryType, "SOINS", new Label("Soins", null, null), 1);
        var categories = new[] { "AEV", "MENAGE", "GARDE", "COURSES", "AUTONOMIE", "GARDE-GROUPE", "GARDE-NUIT", "FORMATION-AIDANT", "AIDES-TECH" }
            .Select((code, i) => new ListItem(ListKind.ActCategory, code, new Label(code, null, null), i + 1))
            .ToDictionary(c => c.Code);
        db.ListItems.Add(care);
        db.ListItems.AddRange(categories.Values);

        var entitled = Enumerable.Range(1, Clients.Max(c => c.With)).Select(i => Person("Avec", i)).ToList();
        var others = Enumerable.Range(1, Clients.Max(c => c.Without)).Select(i => Person("Sans", i)).ToList();
        db.Beneficiaries.AddRange(entitled);
        db.Beneficiaries.AddRange(others);
        // Entitled since before the first year; one client of the other group was entitled until 2019 only.
        db.CareInsurancePeriods.AddRange(entitled.Select((p, i) => new CareInsurancePeriod(p.Id, new DateOnly(2018, 1, 1).AddDays(i % 300), null)));
        db.CareInsurancePeriods.Add(new CareInsurancePeriod(others[0].Id, new DateOnly(2015, 1, 1), new DateOnly(2019, 12, 31)));
        await db.SaveChangesAsync();
        // The members of staff of T6 deliver the care: one worker-day per delivery, so nobody works over 24 hours a day.
        var workers = await db.Staff.OrderBy(s => s.Id).Take(200).ToListAsync();

        await ImportDeliveriesAsync(db, branch, care, categories, entitled, others, workers);
        AddDayCentreVisits(db, dayCentres, [.. entitled, .. others]);
        AddHousingStays(db, residences);
        return await db.SaveChangesAsync();
    }

    private static Beneficiary Person(string group, int i) => new(new BeneficiaryDetails(
        $"Client {i}", group, new DateOnly(1930, 1, 1).AddDays(i * 3), i % 2 == 0 ? Sex.Female : Sex.Male, Region.Centre, "lb", null, null, null, null));

    /// <summary>
    /// Each year: the hours of every act category in deliveries of at most 24 h spread over the entitled clients of
    /// the year, one worker-day each; then one hour of nursing without an act category for each client without benefits.
    /// </summary>
    private static async Task ImportDeliveriesAsync(SuiviDbContext db, Service branch, ListItem care, Dictionary<string, ListItem> categories,
        List<Beneficiary> entitled, List<Beneficiary> others, List<StaffMember> workers)
    {
        var run = new ImportRun(ImportKind.Deliveries, "historique.csv", dryRun: false, null, new DateTime(2024, 1, 15, 8, 0, 0, DateTimeKind.Utc));
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using (var writer = await DeliveryBulkWriters.OpenAsync(db, run.OrganisationId, run.Id, CancellationToken.None))
        {
            long line = 1;
            for (var y = 0; y < Clients.Length; y++)
            {
                var (year, withBenefits, without) = Clients[y];
                var slot = 0;
                DeliveryRow Row(int seconds, Guid? category, Guid client) => new(Guid.CreateVersion7(), branch.Id,
                    new DateOnly(year, 1, 1).AddDays(slot % 365), new TimeOnly(8, 0), seconds, care.Id, category,
                    workers[slot++ / 365].Id, null, null, client, null, null, null, null, ++line);
                foreach (var (category, hours) in Hours)
                {
                    var seconds = (long)(hours[y] * 3600);
                    for (; seconds > 0; seconds -= 86_400)
                    {
                        await writer.AddAsync(Row((int)Math.Min(seconds, 86_400), categories[category].Id, entitled[slot % withBenefits].Id), CancellationToken.None);
                    }
                }
                for (var c = 0; c < without; c++)
                {
                    await writer.AddAsync(Row(3_600, null, others[c].Id), CancellationToken.None);
                }
            }
            var result = await writer.CompleteAsync(CancellationToken.None);
            Assert.Empty(result.OverloadedWorkerDays);
        }
        await transaction.CommitAsync();
    }

    /// <summary>Each year's visitors come three times; every fifth visits a second centre too, and still counts once.</summary>
    private static void AddDayCentreVisits(SuiviDbContext db, List<Service> centres, List<Beneficiary> people)
    {
        var today = new DateOnly(2024, 1, 15);
        foreach (var (year, visitors) in DayCentreVisitors)
        {
            for (var v = 0; v < visitors; v++)
            {
                var person = people[(v * 7) + year % 5];
                var centre = centres[v % centres.Count];
                foreach (var month in new[] { 2, 6, 10 })
                {
                    db.DayCentreVisits.Add(new DayCentreVisit(centre.Id, person.Id, new DateOnly(year, month, 1 + (v % 28)), today));
                }
                if (v % 5 == 0)
                {
                    db.DayCentreVisits.Add(new DayCentreVisit(centres[(v + 1) % centres.Count].Id, person.Id, new DateOnly(year, 11, 3), today));
                }
            }
        }
    }

    /// <summary>
    /// Residents per residence and year (T4): full-year stays, plus in 2020 one 146-day stay in each of A, B and C,
    /// and in Vianden, opened on 1 June 2023, twenty residents from the opening and one from 23 September.
    /// </summary>
    private static void AddHousingStays(SuiviDbContext db, List<Service> residences)
    {
        var today = new DateOnly(2024, 1, 15);
        var number = 0;
        void Stay(Service residence, DateOnly from, DateOnly to)
        {
            var resident = Person("Résident", ++number);
            db.Beneficiaries.Add(resident);
            db.HousingStays.Add(new HousingStay(residence.Id, resident.Id, from, to, today));
        }
        int[][] fullYear = [[37, 42, 16], [36, 41, 17], [38, 41, 17], [38, 42, 17]];
        for (var y = 0; y < fullYear.Length; y++)
        {
            var year = 2020 + y;
            for (var r = 0; r < 3; r++)
            {
                for (var i = 0; i < fullYear[y][r]; i++)
                {
                    Stay(residences[r], new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
                }
                if (year == 2020)
                {
                    Stay(residences[r], new DateOnly(2020, 3, 1), new DateOnly(2020, 3, 1).AddDays(145));
                }
            }
        }
        for (var i = 0; i < 20; i++)
        {
            Stay(residences[3], new DateOnly(2023, 6, 1), new DateOnly(2023, 12, 31));
        }
        Stay(residences[3], new DateOnly(2023, 9, 23), new DateOnly(2023, 12, 31));
    }
}
