using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Domain;
using Suivi.Security;
using Suivi.Tests.Features.CaseFiles;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Notifications;

/// <summary>
/// A red assessment tells the coordinators of the file's service, in the app. Alpha gets a second coordinator here:
/// the world's coordinator works in the psychological service, the second one in another service.
/// </summary>
public sealed class RedAssessmentNotificationTests(SuiviApp app) : IClassFixture<SuiviApp>, IAsyncLifetime
{
    private const string SecondCoordinator = "second-coordinator@alpha.test";

    /// <summary>xUnit makes one instance of the class per test: the second coordinator and the services are made once per database.</summary>
    public async Task InitializeAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        if (await users.FindByEmailAsync(SecondCoordinator) is not null)
        {
            return;
        }
        var user = new UserAccount { UserName = SecondCoordinator, Email = SecondCoordinator, DisplayName = "Second coordinator", PreferredLanguage = "fr" };
        Assert.True((await users.CreateAsync(user, TestWorld.Password)).Succeeded);
        var otherService = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            db.Memberships.Add(new Membership(user.Id, app.World.Alpha.Organisation.Id, OrganisationRole.Coordinator));
            var service = new Service("MED", "Service médical", ServiceKind.MedicalService);
            db.Services.Add(service);
            await db.SaveChangesAsync();
            return service;
        });
        await app.StaffOfAsync(app.World.Alpha.CoordinatorEmail, app.World.Alpha.Service.Id);
        await app.StaffOfAsync(SecondCoordinator, otherService.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ARedAssessment_NotifiesTheCoordinatorOfTheService_InTheApp()
    {
        var file = await app.NewFileAsync(new DateOnly(2025, 1, 10));

        await AssessAsync(file, "Red");

        using var coordinator = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);
        var (_, page) = await coordinator.GetPageAsync("/o/alpha/notifications");
        var row = Assert.Single(page.QuerySelectorAll("main table tbody tr"), tr => tr.TextContent.Contains(file.Reference, StringComparison.Ordinal));
        Assert.Contains(app.Shown("Case file {0} was assessed red.").Replace("{0}", file.Reference, StringComparison.Ordinal), row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/o/alpha/case-files/{file.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        using var other = await app.SignedInAsync(SecondCoordinator);
        var (_, hers) = await other.GetPageAsync("/o/alpha/notifications");
        Assert.DoesNotContain(file.Reference, hers.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOrangeAssessment_NotifiesNobody()
    {
        var file = await app.NewFileAsync(new DateOnly(2025, 1, 10));

        await AssessAsync(file, "Orange");

        Assert.Equal(0, (await app.StateAsync(file.Id)).Notifications);
    }

    [Fact]
    public async Task ARedAssessmentInAServiceWithoutItsOwnCoordinator_NotifiesEveryCoordinator()
    {
        var service = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var s = new Service("HELP", "Ligne d'écoute", ServiceKind.Helpline);
            db.Services.Add(s);
            await db.SaveChangesAsync();
            return s;
        });
        var file = await app.NewFileAsync(new DateOnly(2025, 1, 10), serviceId: service.Id);

        await AssessAsync(file, "Red");

        var recipients = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db =>
            db.Notifications.Where(n => n.CaseFileId == file.Id).Join(db.Users, n => n.UserId, u => u.Id, (n, u) => u.Email!).ToListAsync());
        Assert.Equal([app.World.Alpha.CoordinatorEmail, SecondCoordinator], recipients.Order());
    }

    [Fact]
    public async Task ANotification_IsMarkedAsRead_OnlyByItsOwner()
    {
        var file = await app.NewFileAsync(new DateOnly(2025, 1, 10));
        await AssessAsync(file, "Red");
        var notification = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db =>
            db.Notifications.SingleAsync(n => n.CaseFileId == file.Id));
        using var other = await app.SignedInAsync(SecondCoordinator);
        using var owner = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var byOther = await other.PostFormAsync("/o/alpha/notifications?handler=Read", "/o/alpha/notifications",
            new() { ["notificationId"] = notification.Id.ToString() });
        var byOwner = await owner.PostFormAsync("/o/alpha/notifications?handler=Read", "/o/alpha/notifications",
            new() { ["notificationId"] = notification.Id.ToString() });

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, byOwner.StatusCode);
        var read = await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db =>
            db.Notifications.Where(n => n.Id == notification.Id).Select(n => n.ReadAt).SingleAsync());
        Assert.NotNull(read);
    }

    private async Task AssessAsync(CaseFile file, string colour)
    {
        var url = $"/o/alpha/case-files/{file.Id}/assess";
        using var worker = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var form = await worker.FormAsync(url);
        form["Input.Colour"] = colour;
        form["Input.Rationale"] = "Signs of violence seen at school.";
        var response = await worker.PostFormAsync(url, url, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
