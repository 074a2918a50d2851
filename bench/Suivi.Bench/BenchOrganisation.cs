using System.Globalization;
using Suivi.Data;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Bench;

/// <summary>
/// A home-care organisation as the import bench needs it, created through the application's own entities
/// (and ready-made lists) in a freshly migrated database: one service, its sites, 300 staff, 5 000 clients
/// each with an open case file. Names and codes are the same in every database; ids are read back.
/// </summary>
internal sealed class BenchOrganisation
{
    public sealed record Shape(int Staff, int Clients, int Sites, int ActCategories);

    public static readonly Shape Default = new(Staff: 300, Clients: 5_000, Sites: 4, ActCategories: 5);

    private static readonly string[] FirstNames = ["Ana", "Marie", "Luca", "João", "Inês", "Paul", "Léa", "Tom", "Sara", "René", "Nadia", "Claude", "Jeff", "Mireille", "Pit", "Sandra", "Yves", "Carla", "Tiago", "Nora"];
    private static readonly string[] LastNames = ["Gonçalves", "Müller", "Weber", "Schmit", "Ferreira", "Da Silva", "Hoffmann", "Lefèvre", "Kieffer", "Thill", "Wagner", "Reuter", "Schroeder", "Pereira", "Hansen", "Klein", "Meyer", "Becker", "Lopes", "Majerus", "Kremer", "Faber", "Welter", "Martins", "Thein", "Kayser", "Rodrigues", "Bernard", "Simon", "Ries"];

    public required Guid OrganisationId { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required Guid AdministratorId { get; init; }
    public required Guid ServiceId { get; init; }
    public required string ServiceCode { get; init; }
    public required string[] TypeCodes { get; init; }
    public required Guid[] TypeIds { get; init; }
    public required string[] ActCategoryCodes { get; init; }
    public required Guid[] ActCategoryIds { get; init; }
    public required string[] StaffNames { get; init; }
    public required Guid[] StaffIds { get; init; }
    public required string[] SiteNames { get; init; }
    public required Guid[] SiteIds { get; init; }
    public required string[] CaseFileReferences { get; init; }
    public required Guid[] CaseFileIds { get; init; }
    public required string[] PersonExternalIds { get; init; }
    public required Guid[] PersonIds { get; init; }

    public static async Task<BenchOrganisation> CreateAsync(Func<CurrentOrganisation, SuiviDbContext> open, Shape shape)
    {
        var network = new Network("Bench");
        var organisation = new Organisation(network.Id, "Bench Soins à domicile", "bench", OrganisationKind.HomeCare);
        var administrator = new UserAccount { Id = Guid.CreateVersion7(), UserName = "admin@bench.test", Email = "admin@bench.test", DisplayName = "Bench administrator", PreferredLanguage = "fr" };
        await using (var db = open(new CurrentOrganisation()))
        {
            db.Add(network);
            db.Add(organisation);
            db.Users.Add(administrator);
            db.Memberships.Add(new Membership(administrator.Id, organisation.Id, OrganisationRole.OrganisationAdministrator));
            await db.SaveChangesAsync();
        }
        var current = new CurrentOrganisation();
        current.Enter(organisation.Id, organisation.Slug, organisation.Name, OrganisationRole.OrganisationAdministrator, administrator.Id);

        var service = new Service("SAD", "Aides et soins à domicile", ServiceKind.Branch);
        string[] typeCodes = ["HOME-VISIT", "CARE", "PAIR-VISIT", "COORDINATION", "CALL"];
        string[] actCodes = ["AEV", "MENAGE", "GARDE", "COURSES", "AUTRES"];
        var sites = Enumerable.Range(0, shape.Sites).Select(i => new Site(service.Id, $"Antenne {(Region)(i % 5)} {i + 1}", (Region)(i % 5), null)).ToList();
        var staff = Enumerable.Range(0, shape.Staff)
            .Select(i => new StaffMember(FirstNames[i % FirstNames.Length], LastNames[i / FirstNames.Length % LastNames.Length] + (i >= FirstNames.Length * LastNames.Length ? $" {i}" : ""),
                (Profession)(i % 4), 1m, service.Id))
            .ToList();
        IReadOnlyList<ListItem> lists;
        await using (var db = open(current))
        {
            lists = ReadyMade.AddTo(db).Lists;
            db.AddRange(service);
            db.AddRange(sites);
            db.AddRange(staff);
            await db.SaveChangesAsync();
        }

        var people = new List<Beneficiary>();
        var files = new List<CaseFile>();
        var run = new ImportRun(ImportKind.People, "people.csv", dryRun: false, null, new DateTime(2015, 1, 1, 8, 0, 0, DateTimeKind.Utc));
        await using (var db = open(current))
        {
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync();
        }
        for (var start = 0; start < shape.Clients; start += 1_000)
        {
            await using var db = open(current);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(shape.Clients, start + 1_000); i++)
            {
                var person = new Beneficiary(new BeneficiaryDetails(FirstNames[i % FirstNames.Length], LastNames[i % LastNames.Length],
                    new DateOnly(1930, 1, 1).AddDays(i * 7 % 15_000), (Sex)(i % 2), (Region)(i % 5), "lb", null, null, null, null));
                person.ImportedAs(Number("P", i), run.Id);
                var file = new CaseFile(service.Id, Number("SAD-", i), new DateOnly(2000, 1, 1));
                file.AddMember(person.Id, CaseMemberRole.Client);
                people.Add(person);
                files.Add(file);
                db.AddRange(person, file);
            }
            await db.SaveChangesAsync();
        }

        Guid Item(ListKind kind, string code) => lists.Single(l => l.List == kind && l.Code == code && l.ServiceId is null).Id;
        return new BenchOrganisation
        {
            OrganisationId = organisation.Id,
            Slug = organisation.Slug,
            Name = organisation.Name,
            AdministratorId = administrator.Id,
            ServiceId = service.Id,
            ServiceCode = service.Code,
            TypeCodes = typeCodes,
            TypeIds = [.. typeCodes.Select(c => Item(ListKind.DeliveryType, c))],
            ActCategoryCodes = actCodes,
            ActCategoryIds = [.. actCodes.Select(c => Item(ListKind.ActCategory, c))],
            StaffNames = [.. staff.Select(s => s.FullName)],
            StaffIds = [.. staff.Select(s => s.Id)],
            SiteNames = [.. sites.Select(s => s.Name)],
            SiteIds = [.. sites.Select(s => s.Id)],
            CaseFileReferences = [.. files.Select(f => f.Reference)],
            CaseFileIds = [.. files.Select(f => f.Id)],
            PersonExternalIds = [.. people.Select(p => p.ExternalId!)],
            PersonIds = [.. people.Select(p => p.Id)],
        };
    }

    private static string Number(string prefix, int i) => prefix + (i + 1).ToString("00000", CultureInfo.InvariantCulture);
}
