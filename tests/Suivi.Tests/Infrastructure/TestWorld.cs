using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
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
        string StatisticianEmail)
    {
        public string Slug => Organisation.Slug;
    }

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
        db.AddRange(service, site, staff, child, mother, link, file);
        await db.SaveChangesAsync();

        return new OrganisationRecords(organisation, service, site, staff, child, mother, link, file,
            emails[OrganisationRole.OrganisationAdministrator], emails[OrganisationRole.Coordinator],
            emails[OrganisationRole.Worker], emails[OrganisationRole.Statistician]);
    }
}
