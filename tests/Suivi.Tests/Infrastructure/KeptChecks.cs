using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Features.Reports;
using Suivi.Security;

namespace Suivi.Tests.Infrastructure;

/// <summary>
/// Every table the database keeps (decisions 012, 013) equal to its records counted again: everyone's rows as no one,
/// then the rows kept under restricted files as the organisation's administrator, whom the tests name on them.
/// </summary>
internal static class KeptChecks
{
    public static async Task AssertKeptAsync(SuiviApp app, TestWorld.OrganisationRecords organisation)
    {
        Assert.Empty(await app.InOrganisationAsync(organisation.Organisation.Id, db => KeptTotals.CompareAsync(db, CancellationToken.None)));
        var admin = await app.InOrganisationAsync(organisation.Organisation.Id,
            db => db.Users.Where(u => u.Email == organisation.AdminEmail).Select(u => u.Id).SingleAsync());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>()
            .Enter(organisation.Organisation.Id, organisation.Organisation.Slug, organisation.Organisation.Name, OrganisationRole.OrganisationAdministrator, admin);
        Assert.Empty(await KeptTotals.CompareAsync(scope.ServiceProvider.GetRequiredService<SuiviDbContext>(), CancellationToken.None, restrictedOnly: true));
    }
}
