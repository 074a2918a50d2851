using System.Net;
using AngleSharp.Html.Dom;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Requests;

public sealed class RequestQueueTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public async Task Queue_PutsUrgentRequestsFirstThenTheOldest_WithTheirWaitingTime()
    {
        var service = await app.AddServiceAsync("VAD", "Visites à domicile");
        await app.AddRequestAsync(service.Id, RequestRecords.Today.AddDays(-10), summary: "Ten days ago");
        await app.AddRequestAsync(service.Id, RequestRecords.Today.AddDays(-2), Urgency.Urgent, "Two days ago, urgent");
        await app.AddRequestAsync(service.Id, RequestRecords.Today.AddDays(-30), summary: "Thirty days ago", persons: [app.World.Alpha.Mother.Id],
            unnamed: ["a neighbour who did not give her name"]);
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (response, page) = await client.GetPageAsync($"/o/alpha/requests?service={service.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = Rows(page);
        Assert.Equal(new[] { "Two days ago, urgent", "Thirty days ago", "Ten days ago" }, rows.Select(r => r[Column(page, "Summary")]));
        Assert.Equal(new[] { "2", "30", "10" }, rows.Select(r => r[Column(page, "Waiting (days)")]));
        Assert.Equal(app.Shown("Urgent"), rows[0][Column(page, "Urgency")]);
        Assert.Equal(app.World.Alpha.Item(ListKind.RequestSource, "FAMILY").Label.Fr, rows[0][Column(page, "Source")]);
        var persons = rows[1][Column(page, "Persons concerned")];
        Assert.Contains("Inês Gonçalves", persons, StringComparison.Ordinal);
        Assert.Contains("a neighbour who did not give her name", persons, StringComparison.Ordinal);
        Assert.Equal(new[] { "Visites à domicile", "3", "1", "30", "0" }, ServiceCounts(page, "Visites à domicile"));
    }

    [Fact]
    public async Task DecidedRequests_LeaveTheQueue_AndShowWithTheirDecisionAndReason()
    {
        var service = await app.AddServiceAsync("MED", "Service médical");
        var waiting = await app.AddRequestAsync(service.Id, summary: "Still waiting");
        var decided = await app.AddRequestAsync(service.Id, summary: "Decided already");
        var reason = app.World.Alpha.Item(ListKind.RefusalReason, "CAPACITY");
        await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var request = await db.Requests.FindAsync(decided.Id);
            request!.Decide(new DecisionDetails(DecisionKind.NotTakenOn, RequestRecords.Today, reason.Id, null, null, null), null, "Paula Reis");
            return await db.SaveChangesAsync();
        });
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (_, queue) = await client.GetPageAsync($"/o/alpha/requests?service={service.Id}");
        var (_, history) = await client.GetPageAsync($"/o/alpha/requests?service={service.Id}&status=decided");

        Assert.Equal(new[] { "Still waiting" }, Rows(queue).Select(r => r[Column(queue, "Summary")]));
        var row = Assert.Single(Rows(history));
        Assert.Equal("Decided already", row[Column(history, "Summary")]);
        Assert.Equal(app.Shown("NotTakenOn"), row[Column(history, "Decision")]);
        Assert.Equal(reason.Label.Fr, row[Column(history, "Reason")]);
        Assert.Equal(new[] { "Service médical", "1", "0", "3", "1" }, ServiceCounts(queue, "Service médical"));
        Assert.Equal($"/o/alpha/requests/{waiting.Id}", queue.QuerySelector("table.requests tbody th a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Queue_OfAllServices_ShowsEveryWaitingRequestOfTheOrganisationOnly()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.CoordinatorEmail);

        var (_, page) = await client.GetPageAsync("/o/alpha/requests");

        var summaries = Rows(page).Select(r => r[Column(page, "Summary")]).ToList();
        Assert.Contains(app.World.Alpha.WaitingRequest.Summary, summaries);
        Assert.DoesNotContain(app.World.Alpha.AcceptedRequest.Summary, summaries);
        Assert.DoesNotContain("Müller", page.DocumentElement.TextContent, StringComparison.Ordinal);
    }

    private static List<string[]> Rows(IHtmlDocument page) =>
        page.QuerySelectorAll("table.requests tbody tr")
            .Select(tr => tr.Children.Select(cell => string.Join(" ", cell.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToArray())
            .ToList();

    private int Column(IHtmlDocument page, string heading) =>
        page.QuerySelectorAll("table.requests thead th").Select(th => th.TextContent.Trim()).ToList().IndexOf(app.Shown(heading)) is var index and >= 0
            ? index
            : throw new InvalidOperationException($"No column {heading}");

    private static string[] ServiceCounts(IHtmlDocument page, string service) =>
        page.QuerySelectorAll("table.queues tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray())
            .Single(cells => cells[0] == service);
}
