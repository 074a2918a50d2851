using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Domain;
using Suivi.Infrastructure.Imports;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Imports;

/// <summary>
/// docs/formats/imports.md and imports-activities.md tell administrators what to write: their column tables are the
/// importers' columns, its examples are the example files, and the example files import without an error
/// into an organisation that has the services, people and case file they name.
/// </summary>
public sealed partial class ActivityImportExamplesTests(SuiviApp app) : ActivityImportTests(app), IClassFixture<SuiviApp>
{
    /// <summary>The kinds the page documents, in the order they are imported (subscriptions before alarms).</summary>
    private static readonly ImportKind[] Documented =
    [
        ImportKind.Appointments, ImportKind.Contacts, ImportKind.AlarmSubscriptions, ImportKind.Alarms,
        ImportKind.DayCentreVisits, ImportKind.HousingStays, ImportKind.GroupActivities, ImportKind.CareInsurancePeriods,
    ];

    [Fact]
    public async Task ExampleFiles_ImportWithoutError_InTheDocumentedOrder()
    {
        await InAlphaAsync(async db =>
        {
            var club = new Service("CLUB", "Club senior", ServiceKind.SeniorClub);
            db.AddRange(club, new Site(club.Id, "Club Mersch", Region.Ouest, null),
                new Service("TEL", "Ligne d'écoute", ServiceKind.Helpline), new Service("ALARM", "Service d'alarme", ServiceKind.AlarmService),
                new Service("FOY", "Foyer de jour", ServiceKind.DayCentre), new CaseFile(Alpha.Service.Id, "PSY-2024-0012", new DateOnly(2024, 1, 10)));
            return await db.SaveChangesAsync();
        });
        await ImportCleanAsync(ImportKind.People,
            Csv(["external_id,first_name,last_name", .. Enumerable.Range(1001, 5).Select(n => $"P-{n},Example{n},Person")]));

        foreach (var kind in Documented)
        {
            var file = await File.ReadAllTextAsync(ExampleFile(kind));

            var outcome = await ImportCleanAsync(kind, file);

            Assert.Equal(file.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1, outcome.RowsWritten);
        }
    }

    [Fact]
    public async Task Documentation_ListsEachImportersColumns_AndShowsItsExampleFile()
    {
        var page = await File.ReadAllTextAsync(Path.Combine(TestRepository.Root, "docs", "formats", "imports.md"))
            + await File.ReadAllTextAsync(Path.Combine(TestRepository.Root, "docs", "formats", "imports-activities.md"));
        var sections = Section().Matches(page).ToDictionary(m => m.Groups["kind"].Value, m => m.Groups["body"].Value);
        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>()
            .Enter(Alpha.Organisation.Id, Alpha.Slug, Alpha.Organisation.Name, OrganisationRole.OrganisationAdministrator);
        var importers = scope.ServiceProvider.GetRequiredService<ImportEngine>().Kinds;

        foreach (var kind in Enum.GetValues<ImportKind>())
        {
            var body = Assert.Contains(ImportKinds.Name(kind), sections);
            var columns = importers.Single(i => i.Kind == kind).Columns;
            Assert.Equal(columns.Select(c => (c.Name, c.Required, c.Description)),
                ColumnRow().Matches(body).Select(m => (m.Groups["name"].Value, m.Groups["required"].Value == "yes", m.Groups["description"].Value)));
            Assert.Equal((await File.ReadAllTextAsync(ExampleFile(kind))).Trim(), CsvBlock().Match(body).Groups["csv"].Value.Trim());
        }
    }

    private static string ExampleFile(ImportKind kind) =>
        Path.Combine(TestRepository.Root, "docs", "formats", "examples", $"{ImportKinds.Name(kind)}.csv");

    [GeneratedRegex(@"^## .+ — `(?<kind>[a-z-]+)`\n(?<body>(?:(?!^## ).*\n?)*)", RegexOptions.Multiline)]
    private static partial Regex Section();

    [GeneratedRegex(@"^\| `(?<name>[a-z_]+)` \| (?<required>yes)? *\| (?<description>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex ColumnRow();

    [GeneratedRegex(@"```csv\n(?<csv>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsvBlock();
}
