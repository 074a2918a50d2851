using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Deliveries;

/// <summary>
/// The deliveries of a file restricted to alpha's worker: the coordinator, who is not named on it, finds no trace of
/// them — not in the list, not in its totals, not in the API, not in the week grid, not by their address.
/// </summary>
public sealed class RestrictedDeliveriesTests(RestrictedDeliveriesTests.World world) : IClassFixture<RestrictedDeliveriesTests.World>
{
    /// <summary>The test world, a worker of alpha with 3 hours on an ordinary file and 2 hours on a file restricted to alpha's worker.</summary>
    public sealed class World : IAsyncLifetime
    {
        public SuiviApp App { get; } = new();
        public StaffMember Worker { get; private set; } = null!;
        public ServiceDelivery Hidden { get; private set; } = null!;
        public DateOnly Day { get; } = DeliveryRecords.LastWeek(DayOfWeek.Tuesday);

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            var alpha = App.World.Alpha;
            var namedUser = await App.InOrganisationAsync(alpha.Organisation.Id,
                db => db.Users.Where(u => u.Email == alpha.WorkerEmail).Select(u => u.Id).SingleAsync());
            Worker = await App.AddStaffAsync("Rosa", "Discrète");
            var file = await App.InOrganisationAsync(alpha.Organisation.Id, async db =>
            {
                var restricted = new CaseFile(alpha.Service.Id, "PSY-2024-SECRET", new DateOnly(2024, 1, 5));
                restricted.AddMember(alpha.Mother.Id, CaseMemberRole.Mother);
                restricted.RestrictTo([namedUser]);
                db.CaseFiles.Add(restricted);
                await db.SaveChangesAsync();
                return restricted;
            });
            await App.AddDeliveryAsync(Worker.Id, Day, 3, caseFileId: alpha.CaseFile.Id);
            Hidden = await App.AddDeliveryAsync(Worker.Id, Day, 2, caseFileId: file.Id);
        }

        public Task DisposeAsync() => App.DisposeAsync();
    }

    private SuiviApp App => world.App;

    [Fact]
    public async Task Coordinator_NotNamedOnTheFile_SeesNeitherItsDeliveriesNorTheirHours_InTheList()
    {
        using var client = await App.SignedInAsync(App.World.Alpha.CoordinatorEmail);

        var (_, page) = await client.GetPageAsync($"/o/alpha/deliveries?worker={world.Worker.Id}");

        Assert.Equal(["1", "3,00"], page.QuerySelectorAll("main dl.figures dd").Select(d => d.TextContent.Trim()));
        Assert.DoesNotContain("PSY-2024-SECRET", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/alpha/deliveries/{world.Hidden.Id}")).StatusCode);
    }

    [Fact]
    public async Task Coordinator_NotNamedOnTheFile_DoesNotGetThemFromTheApi()
    {
        using var client = await App.SignedInAsync(App.World.Alpha.CoordinatorEmail);

        var list = JsonDocument.Parse(await client.Http.GetStringAsync($"/api/o/alpha/deliveries?workerId={world.Worker.Id}")).RootElement;

        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(10800, list.GetProperty("totalSeconds").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/o/alpha/deliveries/{world.Hidden.Id}")).StatusCode);
    }

    [Fact]
    public async Task Coordinator_NotNamedOnTheFile_DoesNotSeeThemInTheWeekGrid_NorFindTheFile()
    {
        using var client = await App.SignedInAsync(App.World.Alpha.CoordinatorEmail);

        var week = await client.Http.GetStringAsync($"/o/alpha/deliveries/week?worker={world.Worker.Id}&week={DeliveryRecords.IsoWeek(world.Day)}");
        var found = await client.Http.GetStringAsync($"/o/alpha/deliveries/week?worker={world.Worker.Id}&handler=Find&q=SECRET");

        Assert.DoesNotContain(world.Hidden.Id.ToString(), week, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", week, StringComparison.Ordinal);
        Assert.Equal("[]", found);
    }

    [Fact]
    public async Task Worker_NamedOnTheFile_SeesThemAll()
    {
        using var client = await App.SignedInAsync(App.World.Alpha.WorkerEmail);

        var (_, page) = await client.GetPageAsync($"/o/alpha/deliveries?worker={world.Worker.Id}");

        Assert.Equal(["2", "5,00"], page.QuerySelectorAll("main dl.figures dd").Select(d => d.TextContent.Trim()));
        Assert.Contains("PSY-2024-SECRET", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }
}
