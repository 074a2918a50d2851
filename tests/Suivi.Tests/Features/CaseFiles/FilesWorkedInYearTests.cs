using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.CaseFiles;

/// <summary>
/// "Files worked in a year" = opened in it + carried over from earlier years, counted from the episodes. In a service
/// of its own, 2023 sees: B opened and closed, D reopened (an opening), A and F carried over (F closed on 1 January);
/// C closed before 2023 and E opened after it are not worked in 2023.
/// </summary>
public sealed class FilesWorkedInYearTests(SuiviApp app) : IClassFixture<SuiviApp>, IAsyncLifetime
{
    private Service _service = null!;
    private readonly Dictionary<string, CaseFile> _files = [];

    public async Task InitializeAsync()
    {
        _service = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            // Each test gets its own service (xUnit makes one instance of the class per test).
            var service = new Service("V" + Guid.NewGuid().ToString("N")[..8], "Visites " + Guid.NewGuid().ToString("N")[..8], ServiceKind.HomeVisiting);
            db.Services.Add(service);
            await db.SaveChangesAsync();
            return service;
        });
        var reason = app.World.Alpha.Item(ListKind.ClosureReason, "GOOD-EVOLUTION").Id;
        void Close(CaseFile file, DateOnly on) => file.Close(on, reason, null, null);
        _files["A"] = await app.NewFileAsync(new DateOnly(2022, 5, 1), null, _service.Id);
        _files["B"] = await app.NewFileAsync(new DateOnly(2023, 3, 1), null, _service.Id, f => Close(f, new DateOnly(2023, 6, 1)));
        _files["C"] = await app.NewFileAsync(new DateOnly(2021, 1, 1), null, _service.Id, f => Close(f, new DateOnly(2022, 12, 31)));
        _files["D"] = await app.NewFileAsync(new DateOnly(2020, 1, 1), null, _service.Id, f =>
        {
            Close(f, new DateOnly(2021, 1, 1));
            f.Reopen(new DateOnly(2023, 2, 1));
        });
        _files["E"] = await app.NewFileAsync(new DateOnly(2024, 1, 1), null, _service.Id);
        _files["F"] = await app.NewFileAsync(new DateOnly(2022, 10, 1), null, _service.Id, f => Close(f, new DateOnly(2023, 1, 1)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheCaseFileList_ShowsTheFilesWorkedInTheYear_WithOpenedAndCarriedOverCounts()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var (response, page) = await client.GetPageAsync($"/o/alpha/case-files?service={_service.Id}&year=2023");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["2", "2", "4"], page.QuerySelectorAll("dl.worked dd").Select(dd => dd.TextContent.Trim()));
        var references = page.QuerySelectorAll("main table tbody tr th a").Select(a => a.TextContent.Trim()).Order();
        Assert.Equal(new[] { "A", "B", "D", "F" }.Select(k => _files[k].Reference).Order(), references);
    }

    [Fact]
    public async Task TheOrganisationHome_ShowsOpenedCarriedOverWorkedAndClosedPerService_AlsoToTheStatistician()
    {
        foreach (var email in new[] { app.World.Alpha.CoordinatorEmail, app.World.Alpha.StatisticianEmail })
        {
            using var client = await app.SignedInAsync(email);

            var (response, page) = await client.GetPageAsync("/o/alpha?year=2023");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var row = page.QuerySelectorAll("main table tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent.Contains(_service.Name, StringComparison.Ordinal));
            // Open now (A, E, D), then opened, carried over, worked and closed in 2023.
            Assert.Equal(["3", "2", "2", "4", "2"], Cells(row));
        }
    }

    [Fact]
    public async Task TheApi_ListsTheFilesWorkedInTheYear()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var list = await client.Http.GetFromJsonAsync<JsonElement>("/api/o/alpha/case-files?year=2023");

        var references = list.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("reference").GetString()).ToList();
        Assert.All(new[] { "A", "B", "D", "F" }, k => Assert.Contains(_files[k].Reference, references));
        Assert.DoesNotContain(_files["C"].Reference, references);
        Assert.DoesNotContain(_files["E"].Reference, references);
    }

    private static IEnumerable<string> Cells(IElement row) => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim());
}
