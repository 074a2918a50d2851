using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Features.Reports;
using Suivi.Security;

namespace Suivi.Tests.Infrastructure;

/// <summary>
/// For the tests of what the database keeps (decisions 012, 013): every kept table equal to its records counted again —
/// everyone's rows as no one, then the rows kept under restricted files as the organisation's administrator, whom the
/// tests name on them — and the administrator restricting a file to themselves, or lifting its restriction.
/// </summary>
internal static class KeptChecks
{
    public static async Task AssertKeptAsync(SuiviApp app, TestWorld.OrganisationRecords organisation)
    {
        Assert.Empty(await app.InOrganisationAsync(organisation.Organisation.Id, db => KeptTotals.CompareAsync(db, CancellationToken.None)));
        Assert.Empty(await AsAdministratorAsync(app, organisation, (db, _) => KeptTotals.CompareAsync(db, CancellationToken.None, restrictedOnly: true)));
    }

    /// <summary>Restricts the file to the administrator, or lifts its restriction as the administrator (named on it).</summary>
    public static Task RestrictAsync(SuiviApp app, TestWorld.OrganisationRecords organisation, Guid fileId, bool restricted) =>
        AsAdministratorAsync(app, organisation, async (db, admin) =>
        {
            var file = await db.CaseFiles.Include(f => f.Access).SingleAsync(f => f.Id == fileId);
            if (restricted)
            {
                file.RestrictTo([admin]);
            }
            else
            {
                file.LiftRestriction();
            }
            return await db.SaveChangesAsync();
        });

    public static Task<Guid> AdministratorAsync(SuiviApp app, TestWorld.OrganisationRecords organisation) =>
        app.InOrganisationAsync(organisation.Organisation.Id, db => db.Users.Where(u => u.Email == organisation.AdminEmail).Select(u => u.Id).SingleAsync());

    private static async Task<T> AsAdministratorAsync<T>(SuiviApp app, TestWorld.OrganisationRecords organisation, Func<SuiviDbContext, Guid, Task<T>> work)
    {
        var admin = await AdministratorAsync(app, organisation);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>()
            .Enter(organisation.Organisation.Id, organisation.Organisation.Slug, organisation.Organisation.Name, OrganisationRole.OrganisationAdministrator, admin);
        return await work(scope.ServiceProvider.GetRequiredService<SuiviDbContext>(), admin);
    }
}
