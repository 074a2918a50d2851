using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Features.Reports;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// How many times a report reads the records: once per source of records for all the years it shows, whatever the
/// number of years and of indicators counted from the same records; the code lists once per organisation. A report
/// that reads the deliveries once per indicator and year takes minutes at national scale (docs/performance.md).
/// </summary>
public sealed class ReportQueriesTests(TraceableWorld world) : IClassFixture<TraceableWorld>
{
    private const string Definition = """
        suivi-report: 1
        title: Lectures
        sections:
          - title: Tout
            blocks:
              - type: key-figures
                id: key
                title: Chiffres clés
                figures:
                  - { label: Clients, indicator: beneficiaries.served, previous-year: true }
              - type: table
                id: deliveries
                title: Prestations sur dix ans
                years: 10
                decimals: 2
                rows:
                  - { label: Heures AEV, indicator: deliveries.hours, filter: { act-category: AEV } }
                  - { label: Heures ménage, indicator: deliveries.hours, filter: { act-category: MENAGE } }
                  - { label: Heures, sum: above, total: true }
                  - { label: Prestations, indicator: deliveries.count }
                  - { label: Kilomètres, indicator: deliveries.kilometres }
              - type: table
                id: people
                title: Personnes
                years: 4
                rows:
                  - { label: Clients assurés, indicator: beneficiaries.served, filter: { care-insurance: with } }
                  - { label: Clients non assurés, indicator: beneficiaries.served, filter: { care-insurance: without } }
                  - { label: Visiteurs, indicator: day-centres.visitors }
                  - { label: Visites, indicator: day-centres.visits }
                  - { label: Résidents, indicator: housing.average-residents }
                  - { label: Personnel, indicator: staff.count }
              - type: crosstab
                id: hours
                title: Heures par région
                indicator: deliveries.hours
                decimals: 2
                rows: { by: act-category, values: [{ label: AEV, codes: [AEV] }, { label: Autres, codes: [MENAGE, GARDE] }] }
                columns: { by: region, values: [{ label: Centre, codes: [centre] }, { label: Sud, codes: [sud] }] }
        """;

    [Fact]
    public async Task ATenYearTable_OfHoursCountAndKilometres_ReadsTheKeptTotalsOnce_WithThoseOfTheRestrictedFilesTheViewerMaySee()
    {
        var (report, commands) = await ReportAsync(2023);

        Assert.Single(commands, c => Names(c, "DeliveryTotals"));
        Assert.Contains("\"IsRestricted\"", Assert.Single(commands, c => Names(c, "CaseFiles")), StringComparison.Ordinal);
        Assert.DoesNotContain(commands, c => Names(c, "Deliveries"));
        var hours = report.Sections.SelectMany(s => s.Blocks).OfType<YearTableResult>().Single(t => t.Id == "deliveries").Rows[0].Values;
        // 2022: one hour of AEV; 2023: 1.5 h + 0.5 h, the restricted file's two hours left out for a viewer it does not name.
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 1m, 2m], hours);
    }

    [Fact]
    public async Task AReport_ReadsEachSourceOfRecordsOnceForAllItsYears_AndEachCodeListOnce()
    {
        var (_, commands) = await ReportAsync(2023);

        // Services with list items, sites, and the restricted files the viewer may see; the delivery totals the database
        // keeps, everyone's and those kept under those files (decisions 012, 013); the clients it keeps counted (those
        // kept under restricted files are read only for a viewer named on some); the day-centre visits and visitors it
        // keeps counted; the stays, the staff: each once, for the ten years of the first table and the four of the second
        // alike, in nine commands. No delivery or day-centre visit is read: the counts are kept.
        var read = new[]
        {
            "Services", "ListItems", "Sites", "CaseFiles", "DeliveryTotals", "PeopleTotals", "DayCentreVisitTotals", "PeopleTotals", "HousingStays", "Staff",
        };
        Assert.Equal(9, commands.Count);
        Assert.DoesNotContain(commands, c => Names(c, "Deliveries") || Names(c, "DayCentreVisits"));
        Assert.All(read.Distinct(), table => Assert.Equal((table, read.Count(t => t == table)), (table, commands.Count(c => Names(c, table)))));
    }

    [Fact]
    public async Task ClientsCountedWithoutCareInsurance_AreReadInOneQuery_AndEqualThoseWithAndWithoutAddedUp()
    {
        const string clientsOnly = """
            suivi-report: 1
            title: Clients
            sections:
              - title: Tout
                blocks:
                  - type: key-figures
                    id: key
                    title: Chiffres clés
                    figures:
                      - { label: Clients, indicator: beneficiaries.served }
            """;
        var (full, _) = await ReportAsync(2023);
        var (report, commands) = await ReportAsync(2023, clientsOnly);

        // Grouped by the dimensions the figures use (none here): the clients the database keeps counted (and none kept
        // under restricted files, the viewer being named on none); no delivery, no entitlement period read.
        Assert.Single(commands, c => Names(c, "PeopleTotals"));
        Assert.DoesNotContain(commands, c => Names(c, "CountedPeople"));
        Assert.DoesNotContain(commands, c => Names(c, "Deliveries") || c.Contains("CareInsurancePeriods", StringComparison.Ordinal));
        var people = full.Sections.SelectMany(s => s.Blocks).OfType<YearTableResult>().Single(t => t.Id == "people").Rows;
        var clients = report.Sections.SelectMany(s => s.Blocks).OfType<KeyFiguresResult>().Single().Figures[0].Value;
        // Each person is entitled in a year or not: the two rows partition the clients.
        Assert.Equal(people[0].Values[^1] + people[1].Values[^1], clients);
        Assert.True(clients > 0);
    }

    [Fact]
    public async Task OnPostgreSql_TheApplicationsConnections_CompileNoQueryJustInTime()
    {
        if (!TestDatabase.IsPostgres)
        {
            return;
        }

        var jit = await world.App.InOrganisationAsync(world.App.World.Alpha.Organisation.Id,
            db => db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());

        // Decision 011: compiling took 0.6–1.8 s of each report query at national scale.
        Assert.Equal("off", jit);
    }

    private async Task<(ReportResult Report, IReadOnlyList<string> Commands)> ReportAsync(int year, string text = Definition)
    {
        await using var scope = world.App.Factory.Services.CreateAsyncScope();
        var alpha = world.App.World.Alpha.Organisation;
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(alpha.Id, alpha.Slug, alpha.Name, null);
        var runner = scope.ServiceProvider.GetRequiredService<ReportRunner>();
        var definition = DefinitionReader.Read(text).Definition!;
        ReportResult? report = null;
        var commands = await SqlCommandLog.RecordAsync(async () => report = await runner.RunAsync(definition, year, CancellationToken.None));
        return (report!, commands);
    }

    private static bool Names(string command, string table) => command.Contains($"FROM \"{table}\" AS", StringComparison.Ordinal);
}
