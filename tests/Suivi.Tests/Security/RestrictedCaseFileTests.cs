using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.Reports;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Security;

/// <summary>
/// A file restricted to alpha's worker: everybody else in alpha — the coordinator and the administrator
/// included — finds no trace of it in lists, searches, counts, the API, the audit log or by its address.
/// </summary>
public sealed class RestrictedCaseFileTests(RestrictedCaseFileTests.World world) : IClassFixture<RestrictedCaseFileTests.World>
{
    private const string Reference = "PSY-2024-HUSH";

    /// <summary>The test world plus one file of alpha restricted to alpha's worker, made once for the class.</summary>
    public sealed class World : IAsyncLifetime
    {
        public SuiviApp App { get; } = new();
        public Guid FileId { get; private set; }
        public Guid PersonId { get; private set; }

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            var alpha = App.World.Alpha;
            await using var scope = App.Factory.Services.CreateAsyncScope();
            var workerId = (await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(alpha.WorkerEmail))!.Id;
            (FileId, PersonId) = await App.InOrganisationAsync(alpha.Organisation.Id, async db =>
            {
                var person = new Beneficiary(new BeneficiaryDetails("Zélie", "Restreinte", new DateOnly(2012, 5, 1), Sex.Female,
                    Region.Nord, "fr", null, null, null, "Known only to the worker"));
                var file = new CaseFile(alpha.Service.Id, Reference, new DateOnly(2024, 3, 1));
                file.AddMember(person.Id, CaseMemberRole.Child);
                file.Assess(TrafficLight.Red, new DateOnly(2024, 3, 2), workerId, "Worker", "Disclosed abuse");
                file.RestrictTo([workerId]);
                var visit = new ServiceDelivery(alpha.Service.Id, new DeliveryDetails(new DateOnly(2024, 3, 5), null, TimeSpan.FromHours(2),
                    alpha.Item(ListKind.DeliveryType, "HOME-VISIT").Id, null, alpha.Staff.Id, [], file.Id, person.Id, null, null, null),
                    new DateOnly(2024, 3, 5));
                db.AddRange(person, file, visit,
                    new CaseNote(file.Id, "Secret note", NoteVisibility.Team, new DateTime(2024, 3, 2, 8, 0, 0, DateTimeKind.Utc), workerId, "Worker"));
                await db.SaveChangesAsync();
                return (file.Id, person.Id);
            });
        }

        public Task DisposeAsync() => App.DisposeAsync();
    }

    private SuiviApp App => world.App;
    private Guid FileId => world.FileId;
    private Guid PersonId => world.PersonId;

    private TestWorld.OrganisationRecords Alpha => App.World.Alpha;

    public static TheoryData<string> Outsiders => new() { "coordinator@alpha.test", "organisationadministrator@alpha.test" };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Reports_DoNotCountItsDeliveries_ForThoseNotNamedOnIt(string outsider)
    {
        using var client = await App.SignedInAsync(outsider);
        using var named = await App.SignedInAsync(Alpha.WorkerEmail);

        var (outsiderCount, outsiderHours) = await DeliveriesIn2024Async(client);
        var (namedCount, namedHours) = await DeliveriesIn2024Async(named);

        Assert.Equal((namedCount - 1, namedHours - 2), (outsiderCount, outsiderHours));
    }

    private async Task<(decimal Count, decimal Hours)> DeliveriesIn2024Async(TestClient client)
    {
        var report = await client.Http.GetFromJsonAsync<ReportDocument>($"/api/o/alpha/reports/{Alpha.Report.Key}/2024");
        var rows = report!.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == "activity").Rows!;
        return (rows[0].Values[^1].Value!.Value, rows[1].Values[^1].Value!.Value);
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task DirectAccess_AnswersNotFound(string outsider)
    {
        using var client = await App.SignedInAsync(outsider);

        var page = await client.GetAsync($"/o/alpha/case-files/{FileId}");
        var api = await client.GetAsync($"/api/o/alpha/case-files/{FileId}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain(Reference, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task ListsAndSearches_ShowNoTrace(string outsider)
    {
        using var client = await App.SignedInAsync(outsider);

        foreach (var url in new[]
                 {
                     "/o/alpha/case-files?status=", "/o/alpha/case-files?status=&q=hush", "/o/alpha/case-files?status=&q=restreinte",
                     $"/o/alpha/people/{PersonId}", "/api/o/alpha/case-files", "/api/o/alpha/case-files?status=Open",
                 })
        {
            var body = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.False(body.Contains(Reference, StringComparison.Ordinal) || body.Contains(FileId.ToString(), StringComparison.OrdinalIgnoreCase),
                $"{url} shows the restricted file");
        }
    }

    [Fact]
    public async Task Counts_LeaveTheFileOut_ForThoseNotNamed()
    {
        using var worker = await App.SignedInAsync(Alpha.WorkerEmail);
        using var coordinator = await App.SignedInAsync(Alpha.CoordinatorEmail);

        var workerCount = await OpenFilesShownAsync(worker);
        var coordinatorCount = await OpenFilesShownAsync(coordinator);

        Assert.Equal(workerCount - 1, coordinatorCount);
        var (_, person) = await coordinator.GetPageAsync("/o/alpha/people?q=restreinte");
        var row = person.QuerySelector("tbody tr")!;
        Assert.Equal("0", row.QuerySelector("td.num")!.TextContent.Trim());
    }

    [Fact]
    public async Task NamedWorker_SeesTheFileEverywhere()
    {
        using var worker = await App.SignedInAsync(Alpha.WorkerEmail);

        var page = await worker.GetAsync($"/o/alpha/case-files/{FileId}");
        var (_, list) = await worker.GetPageAsync("/o/alpha/case-files?status=&q=hush");
        var (_, person) = await worker.GetPageAsync($"/o/alpha/people/{PersonId}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(Reference, list.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Reference, person.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditEntries_AboutTheFile_AreHiddenFromTheAdministrator()
    {
        using var worker = await App.SignedInAsync(Alpha.WorkerEmail);
        await worker.GetAsync($"/o/alpha/case-files/{FileId}");
        using var admin = await App.SignedInAsync(Alpha.AdminEmail);

        var (_, aboutFile) = await admin.GetPageAsync($"/o/alpha/audit?record={FileId}");
        var (_, views) = await admin.GetPageAsync("/o/alpha/audit?action=View&user=worker");

        Assert.Empty(aboutFile.QuerySelectorAll("table.audit tbody tr"));
        Assert.DoesNotContain(FileId.ToString()[^8..], views.Body!.InnerHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DataLayer_HidesTheFileAndEverythingOfIt_FromThoseNotNamed()
    {
        var coordinatorId = await UserIdAsync(Alpha.CoordinatorEmail);
        var workerId = await UserIdAsync(Alpha.WorkerEmail);

        var forCoordinator = await CountsAsync(coordinatorId);
        var forWorker = await CountsAsync(workerId);

        Assert.Equal(new RecordCounts(0, 0, 0, 0, 0, 0), forCoordinator);
        Assert.Equal(new RecordCounts(1, 1, 1, 1, 1, 1), forWorker);
    }

    // The names on a restricted file (CaseFileAccess) are read only through the file itself, once it is visible.
    private sealed record RecordCounts(int Files, int Members, int Episodes, int Assessments, int Notes, int AuditEntries);

    private async Task<RecordCounts> CountsAsync(Guid userId)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentOrganisation>()
            .Enter(Alpha.Organisation.Id, Alpha.Slug, Alpha.Organisation.Name, OrganisationRole.Coordinator, userId);
        var db = scope.ServiceProvider.GetRequiredService<SuiviDbContext>();
        return new RecordCounts(
            await db.CaseFiles.CountAsync(c => c.Id == FileId),
            await db.CaseFileMembers.CountAsync(m => m.CaseFileId == FileId),
            await db.Episodes.CountAsync(e => e.CaseFileId == FileId),
            await db.Assessments.CountAsync(a => a.CaseFileId == FileId),
            await db.CaseNotes.CountAsync(n => n.CaseFileId == FileId),
            Math.Min(1, await db.AuditEntries.CountAsync(a => a.CaseFileId == FileId)));
    }

    private static async Task<int> OpenFilesShownAsync(TestClient client)
    {
        var (_, home) = await client.GetPageAsync("/o/alpha");
        var figure = home.QuerySelectorAll("dl.figures div")
            .Single(d => d.QuerySelector("dt")!.TextContent.Contains("ouverts", StringComparison.OrdinalIgnoreCase));
        return int.Parse(new string(figure.QuerySelector("dd")!.TextContent.Where(char.IsDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(email))!.Id;
    }
}
