using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Reports;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// Publishing a year's report freezes its figures: later corrections never silently change a published number, they show
/// beside it as restatements — computed with what the publisher could see, so they reveal nothing to a reader who sees less.
/// </summary>
public sealed class ReportPublicationTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Definition = """
        suivi-report: 1
        title: Activité
        sections:
          - title: Chiffres
            blocks:
              - type: key-figures
                id: key
                title: En bref
                figures:
                  - { label: Prestations, indicator: deliveries.count, previous-year: true }
              - type: table
                id: activity
                title: Prestations
                years: 2
                rows:
                  - { label: Prestations, indicator: deliveries.count }
                  - { label: Heures, indicator: deliveries.hours, total: true }
              - type: chart
                id: chart
                title: Prestations
                of: activity
                rows: [1]
        """;

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task APublishedYear_KeepsItsFigures_AndALaterDelivery_ShowsAsARestatementWithTheDifference()
    {
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        await CreateAsync(admin, "frozen");
        var before = await ReportAsync(admin, "frozen", 2024);
        var count = Figure(before, "activity", 0, 1).Value!.Value;
        var hours = Figure(before, "activity", 1, 1).Value!.Value;

        var published = await admin.Http.PostAsync("/api/o/alpha/reports/frozen/2024/publication", null);
        await AddDeliveryAsync(new DateOnly(2024, 6, 3), hours: 2.25);
        var after = await ReportAsync(admin, "frozen", 2024);
        var next = await ReportAsync(admin, "frozen", 2025);

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal((2024, "OrganisationAdministrator alpha", 1), (after.Publication!.Year, after.Publication.By, after.Publication.DefinitionVersion));
        var frozenCount = Figure(after, "activity", 0, 1);
        Assert.Equal(count, frozenCount.Value);
        Assert.Equal(new RestatementDocument(count + 1, Number(count + 1), 1, "+1"), frozenCount.Restatement);
        Assert.Equal(hours + 2.25m, Figure(after, "activity", 1, 1).Restatement!.Current);
        Assert.Equal("+2,25", Figure(after, "activity", 1, 1).Restatement!.DifferenceText);
        Assert.Equal(count, Figure(after, "key", 0, 0).Value);
        Assert.Contains($"Rectifié : Prestations, 2024 : publié {Number(count)}, d'après les données d'aujourd'hui {Number(count + 1)} (+1).",
            Block(after, "activity").Restatements!);
        // The chart draws the table as published.
        Assert.Equal(count, Block(after, "chart").Rows![0].Values[1].Value);
        // The next year's report shows 2024 as published, and so does its previous-year key figure.
        Assert.Equal([2024], next.FrozenYears);
        Assert.Null(next.Publication);
        Assert.Equal(count, Figure(next, "activity", 0, 0).Value);
        Assert.Equal(count + 1, Figure(next, "activity", 0, 0).Restatement!.Current);
        Assert.Equal(count, Figure(next, "key", 0, 1).Value);
    }

    [Fact]
    public async Task AYear_IsPublishedOnce_OnceOver_ByAnAdministrator_OfItsOwnOrganisation()
    {
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        using var worker = await app.SignedInAsync(Alpha.WorkerEmail);
        using var outsider = await app.SignedInAsync(app.World.Beta.AdminEmail);
        await CreateAsync(admin, "once");

        var first = await admin.Http.PostAsync("/api/o/alpha/reports/once/2023/publication", null);
        var again = await admin.Http.PostAsync("/api/o/alpha/reports/once/2023/publication", null);
        var thisYear = await admin.Http.PostAsync($"/api/o/alpha/reports/once/{TimeProvider.System.GetUtcNow().Year}/publication", null);
        var byWorker = await worker.Http.PostAsync("/api/o/alpha/reports/once/2022/publication", null);
        var byOutsider = await outsider.Http.PostAsync("/api/o/alpha/reports/once/2022/publication", null);
        var unknown = await admin.Http.PostAsync("/api/o/alpha/reports/nothing/2022/publication", null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "application/problem+json"), (again.StatusCode, again.Content.Headers.ContentType!.MediaType));
        Assert.Equal(HttpStatusCode.Conflict, thisYear.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOutsider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var count = await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.PublishedReports.CountAsync(p => p.Key == "once"));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task APublishedYear_IsComputedFromTheVersionItWasPublishedFrom()
    {
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        await CreateAsync(admin, "versioned");
        await admin.Http.PostAsync("/api/o/alpha/reports/versioned/2024/publication", null);

        var renamed = await admin.Http.PutAsJsonAsync("/api/o/alpha/reports/versioned/definition",
            new { text = Definition.Replace("title: Activité", "title: Activité renommée", StringComparison.Ordinal) });
        var published = await ReportAsync(admin, "versioned", 2024);
        var later = await ReportAsync(admin, "versioned", 2025);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(("Activité", 1), (published.Title, published.DefinitionVersion));
        Assert.Equal(("Activité renommée", 2), (later.Title, later.DefinitionVersion));
    }

    [Fact]
    public async Task ARestatement_IsComputedWithWhatThePublisherSaw_SoAReaderWhoSeesFewerFiles_LearnsNothingFromIt()
    {
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        using var worker = await app.SignedInAsync(Alpha.WorkerEmail);
        await CreateAsync(admin, "restricted");
        var adminId = await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.Users.Where(u => u.Email == Alpha.AdminEmail).Select(u => u.Id).SingleAsync());
        await OnTheFileAsync(file => file.RestrictTo([adminId]));
        try
        {
            var seenByAdmin = Figure(await ReportAsync(admin, "restricted", 2024), "activity", 0, 1).Value;
            var seenByWorker = Figure(await ReportAsync(worker, "restricted", 2024), "activity", 0, 1).Value;

            await admin.Http.PostAsync("/api/o/alpha/reports/restricted/2024/publication", null);
            var published = await ReportAsync(worker, "restricted", 2024);
            var next = await ReportAsync(worker, "restricted", 2025);

            // The file's delivery counts for its administrator and not for the worker, who is not named on it…
            Assert.Equal(seenByAdmin - 1, seenByWorker);
            // …yet the published figure is what was published, and nothing is "restated" for the worker.
            Assert.Equal(seenByAdmin, Figure(published, "activity", 0, 1).Value);
            Assert.All(published.Sections.SelectMany(s => s.Blocks), b => Assert.Null(b.Restatements));
            Assert.All(next.Sections.SelectMany(s => s.Blocks), b => Assert.Null(b.Restatements));
        }
        finally
        {
            await OnTheFileAsync(file => file.LiftRestriction());
        }
    }

    [Fact]
    public async Task AnAdministrator_PublishesFromTheReportPage_AfterConfirmingTheFiguresAreFinal()
    {
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        await CreateAsync(admin, "page");
        const string url = "/o/alpha/reports/page?year=2022";

        var (_, before) = await admin.GetPageAsync(url);
        var unconfirmed = await admin.PostFormAsync("/o/alpha/reports/page?handler=Publish&year=2022", url, []);
        var confirmed = await admin.PostFormAsync("/o/alpha/reports/page?handler=Publish&year=2022", url, new() { ["final"] = "true" });
        var (_, after) = await admin.GetPageAsync(url);

        Assert.NotNull(before.QuerySelector("form.report-publish"));
        Assert.Contains("Cochez la case", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Null(after.QuerySelector("form.report-publish"));
        Assert.Contains("Publié le", after.QuerySelector(".report-publication")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task CreateAsync(TestClient admin, string key)
    {
        var created = await admin.Http.PostAsJsonAsync("/api/o/alpha/reports", new { key, text = Definition });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private static async Task<ReportDocument> ReportAsync(TestClient client, string key, int year) =>
        (await client.Http.GetFromJsonAsync<ReportDocument>($"/api/o/alpha/reports/{key}/{year}?lang=fr"))!;

    private static BlockDocument Block(ReportDocument report, string id) => report.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == id);

    private static FigureDocument Figure(ReportDocument report, string block, int row, int column) => Block(report, block).Rows![row].Values[column];

    private static string Number(decimal value) => FigureFormat.Number(value, 0, "fr");

    private Task<int> AddDeliveryAsync(DateOnly on, double hours) => app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
    {
        var type = await db.ListItems.SingleAsync(i => i.List == ListKind.DeliveryType && i.Code == "CONSULT-CHILD");
        db.Deliveries.Add(new ServiceDelivery(Alpha.Service.Id, new DeliveryDetails(on, new TimeOnly(10, 0), TimeSpan.FromHours(hours), type.Id, null,
            Alpha.Staff.Id, [], null, Alpha.Mother.Id, Alpha.Site.Id, null, null), new DateOnly(2024, 12, 31)));
        return await db.SaveChangesAsync();
    });

    private Task<int> OnTheFileAsync(Action<CaseFile> change) => app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
    {
        var file = await db.CaseFiles.IgnoreQueryFilters([SuiviDbContext.RestrictionFilter]).Include(f => f.Access).SingleAsync(f => f.Id == Alpha.CaseFile.Id);
        change(file);
        return await db.SaveChangesAsync();
    });
}
