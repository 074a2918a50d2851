using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure.Imports;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Imports;

/// <summary>
/// What the tests of the activity imports share: files written as an administrator would write them, run
/// through the import engine inside alpha as the command line runs them, and the people they name —
/// imported first, with ids unique to each test so that tests of one class never meet.
/// </summary>
public abstract class ActivityImportTests(SuiviApp app)
{
    protected SuiviApp App => app;

    protected TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    protected static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    protected static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An external id no other test uses.</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A CSV file: the header, then the rows, on lines 1, 2, 3…</summary>
    protected static string Csv(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    protected async Task<ImportOutcome> ImportAsync(ImportKind kind, string csv, bool dryRun = false)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var organisation = Alpha.Organisation;
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>()
            .Enter(organisation.Id, organisation.Slug, organisation.Name, OrganisationRole.OrganisationAdministrator);
        var engine = scope.ServiceProvider.GetRequiredService<ImportEngine>();
        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await engine.ImportAsync(kind, $"{ImportKinds.Name(kind)}.csv", file, dryRun);
    }

    /// <summary>Imports a file that must go in whole, and gives what the run found.</summary>
    protected async Task<ImportOutcome> ImportCleanAsync(ImportKind kind, string csv)
    {
        var outcome = await ImportAsync(kind, csv);
        Assert.True(outcome.Errors.Count == 0, string.Join(Environment.NewLine, outcome.Errors.Select(Describe)));
        Assert.Equal(ImportStatus.Succeeded, outcome.Status);
        return outcome;
    }

    /// <summary>A run refused: failed, nothing written, and its errors as "line column: reason" with the values filled in.</summary>
    protected static IReadOnlyList<string> Refused(ImportOutcome outcome)
    {
        Assert.Equal(ImportStatus.Failed, outcome.Status);
        Assert.Equal(0, outcome.RowsWritten);
        return [.. outcome.Errors.Select(Describe)];
    }

    protected static string Describe(ImportError error) =>
        $"{error.Line} {error.Column}: {string.Format(CultureInfo.InvariantCulture, error.Reason, [.. error.Arguments])}";

    /// <summary>New people of alpha, imported with these external ids (unique to the calling test).</summary>
    protected async Task<string[]> PeopleAsync(int count, string prefix = "person")
    {
        var ids = Enumerable.Range(0, count).Select(_ => Unique(prefix)).ToArray();
        await ImportCleanAsync(ImportKind.People,
            Csv(["external_id,first_name,last_name", .. ids.Select((id, i) => $"{id},Person{i},Imported")]));
        return ids;
    }

    protected Task<Guid> PersonIdAsync(string externalId) =>
        InAlphaAsync(db => db.Beneficiaries.Where(b => b.ExternalId == externalId).Select(b => b.Id).SingleAsync());

    protected Task<T> InAlphaAsync<T>(Func<SuiviDbContext, Task<T>> work) => app.InOrganisationAsync(Alpha.Organisation.Id, work);

    /// <summary>A service of alpha of the given kind, made for the calling test class.</summary>
    protected Task<Service> AddServiceAsync(string code, ServiceKind kind) =>
        InAlphaAsync(async db =>
        {
            var service = new Service(code, $"Service {code}", kind);
            db.Services.Add(service);
            await db.SaveChangesAsync();
            return service;
        });
}
