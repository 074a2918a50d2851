using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Deliveries;

/// <summary>The week grid's page and the two calls its script makes: check the rows as they are typed, save the week.</summary>
public sealed class WeekGridTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    private static DateOnly Monday => DeliveryRecords.LastWeek(DayOfWeek.Monday);

    private static string WeekOf(Guid worker) => $"/o/alpha/deliveries/week?worker={worker}&week={DeliveryRecords.IsoWeek(Monday)}";

    [Fact]
    public async Task Week_StartsWithTheSignedInWorker_AndThisWeek()
    {
        var me = await app.AddStaffAsync("Nico", "Semainier", Alpha.CoordinatorEmail);
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var data = await GridDataAsync(client, "/o/alpha/deliveries/week");

        Assert.Equal("worker", data.GetProperty("mode").GetString());
        Assert.Equal(me.Id, data.GetProperty("workerId").GetGuid());
        Assert.Equal(Alpha.Service.Id, data.GetProperty("serviceId").GetGuid());
        Assert.Equal(DeliveryRecords.IsoWeek(DeliveryRecords.Today), data.GetProperty("week").GetString());
        Assert.Equal(7, data.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task Week_ShowsTheWorkersDeliveriesOfThatWeekOnly_AsTheyAreTypedBack()
    {
        var worker = await app.AddStaffAsync("Ines", "Affichée");
        await app.AddDeliveryAsync(worker.Id, Monday, 1.5, caseFileId: Alpha.CaseFile.Id, beneficiaryId: Alpha.Child.Id);
        await app.AddDeliveryAsync(worker.Id, Monday.AddDays(6), 0.25);
        await app.AddDeliveryAsync(worker.Id, Monday.AddDays(-1), 2);
        // A visit in pairs led by someone else: not a row of this grid, but hours of this worker's Wednesday.
        await app.AddDeliveryAsync(Alpha.Staff.Id, Monday.AddDays(2), 3, otherWorkers: [worker.Id]);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var data = await GridDataAsync(client, WeekOf(worker.Id));

        var rows = data.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["1,5", "0,25"], rows.Select(r => r.GetProperty("duration").GetString()));
        Assert.Equal($"{Alpha.CaseFile.Reference} · Ana Gonçalves", rows[0].GetProperty("subject").GetString());
        var elsewhere = Assert.Single(data.GetProperty("elsewhere").EnumerateArray().ToList());
        Assert.Equal((worker.Id, DeliveryRecords.Iso(Monday.AddDays(2)), 10800),
            (elsewhere.GetProperty("workerId").GetGuid(), elsewhere.GetProperty("date").GetString(), elsewhere.GetProperty("seconds").GetInt32()));
    }

    [Fact]
    public async Task Save_RecordsNewRows_CorrectsAndRemoves_AllAtOnce()
    {
        var worker = await app.AddStaffAsync("Lia", "Enregistre");
        var corrected = await app.AddDeliveryAsync(worker.Id, Monday, 1);
        var removed = await app.AddDeliveryAsync(worker.Id, Monday.AddDays(1), 2);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var url = WeekOf(worker.Id);

        var response = await PostAsync(client, url, "Save", new
        {
            rows = new object[]
            {
                Row(Monday, "2,5", id: corrected.Id, version: corrected.Version),
                Row(Monday.AddDays(2), "1:30", caseFileId: Alpha.CaseFile.Id),
                Row(Monday.AddDays(2), ""),
            },
            removed = new[] { new { id = removed.Id, version = removed.Version } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, result.GetProperty("saved").GetInt32());
        Assert.Equal(2, result.GetProperty("data").GetProperty("rows").GetArrayLength());
        var stored = (await app.DeliveriesAsync()).Where(d => d.WorkerId == worker.Id).OrderBy(d => d.OnDate).ToList();
        Assert.Equal([(Monday, 9000), (Monday.AddDays(2), 5400)], stored.Select(d => (d.OnDate, d.DurationSeconds)));
        Assert.Equal(Alpha.CaseFile.Id, stored[1].CaseFileId);
    }

    [Fact]
    public async Task Save_KeepsTheExactSecondsOfARowLeftAsShown()
    {
        var worker = await app.AddStaffAsync("Imi", "Importée");
        // An imported 1:00:07, which neither decimal hours nor hours and minutes can write exactly.
        var imported = await app.AddDeliveryAsync(worker.Id, Monday, 3607 / 3600.0);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var shown = (await GridDataAsync(client, WeekOf(worker.Id))).GetProperty("rows")[0];

        var response = await PostAsync(client, WeekOf(worker.Id), "Save", new
        {
            rows = new object[] { Row(Monday, shown.GetProperty("duration").GetString()!, id: imported.Id, version: imported.Version), Row(Monday, "1") },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3607, (await app.FindDeliveryAsync(imported.Id))!.DurationSeconds);
    }

    [Fact]
    public async Task Save_WithOneBadRowInTheMiddle_WritesNothing_AndMarksThatRowsCell()
    {
        var worker = await app.AddStaffAsync("Bea", "Bloquée");
        var existing = await app.AddDeliveryAsync(worker.Id, Monday, 1);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountDeliveriesAsync();

        var response = await PostAsync(client, WeekOf(worker.Id), "Save", new
        {
            rows = new object[]
            {
                Row(Monday, "3", id: existing.Id, version: existing.Version), Row(Monday.AddDays(1), "1"), Row(Monday.AddDays(1), "0"),
                Row(Monday.AddDays(2), "2"), Row(Monday.AddDays(3), ""),
            },
            removed = Array.Empty<object>(),
        });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject().ToList());
        Assert.Equal("rows[2].duration", error.Name);
        Assert.Equal(app.Shown("A duration is more than zero hours."), error.Value[0].GetString());
        Assert.Equal(before, await app.CountDeliveriesAsync());
        Assert.Equal(3600, (await app.FindDeliveryAsync(existing.Id))!.DurationSeconds);
    }

    [Fact]
    public async Task Save_MoreThanTwentyFourHoursOnADay_IsRefused_AndTheMessageNamesTheWorkerAndDay()
    {
        var worker = await app.AddStaffAsync("Ugo", "Débordé");
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountDeliveriesAsync();

        var response = await PostAsync(client, WeekOf(worker.Id), "Save", new
        {
            rows = new object[] { Row(Monday.AddDays(3), "12"), Row(Monday.AddDays(3), "10"), Row(Monday.AddDays(3), "8") },
        });

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["rows[0].duration", "rows[1].duration", "rows[2].duration"], errors.EnumerateObject().Select(e => e.Name).Order());
        var message = errors.GetProperty("rows[0].duration")[0].GetString()!;
        Assert.Contains("Ugo Débordé", message, StringComparison.Ordinal);
        Assert.Contains(Monday.AddDays(3).ToString("d", new System.Globalization.CultureInfo("fr-FR")), message, StringComparison.Ordinal);
        Assert.Equal(before, await app.CountDeliveriesAsync());
    }

    [Fact]
    public async Task Save_RowsOutsideTheWeekShown_AreRefused()
    {
        var worker = await app.AddStaffAsync("Ari", "Ailleurs");
        var someoneElses = await app.AddDeliveryAsync(Alpha.Staff.Id, Monday, 1);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountDeliveriesAsync();

        var response = await PostAsync(client, WeekOf(worker.Id), "Save", new
        {
            rows = new object[] { Row(Monday, "2", id: someoneElses.Id, version: someoneElses.Version), Row(Monday.AddDays(9), "1") },
            removed = new[] { new { id = someoneElses.Id, version = someoneElses.Version } },
        });

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["removed[0]", "rows[0].id", "rows[1].onDate"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await app.CountDeliveriesAsync());
        Assert.Equal(3600, (await app.FindDeliveryAsync(someoneElses.Id))!.DurationSeconds);
    }

    [Fact]
    public async Task Validate_GivesTheProblemsByRowAndField_AndTheDayTotals_WithoutSaving()
    {
        var worker = await app.AddStaffAsync("Val", "Idée");
        await app.AddDeliveryAsync(worker.Id, Monday, 2);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountDeliveriesAsync();

        var wrong = await PostAsync(client, WeekOf(worker.Id), "Validate", new
        {
            rows = new object[] { Row(Monday, "1,5"), Row(Monday, "1h3"), Row(Monday, "1", typeId: Guid.Empty) },
        });
        var problem = await ProblemAsync(wrong, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(app.Shown("Give hours as 1.5, 1,5 or 1:30."), errors.GetProperty("rows[1].duration")[0].GetString());
        Assert.Equal(app.Shown("Choose a type of delivery of the list."), errors.GetProperty("rows[2].typeId")[0].GetString());
        // Hours count as soon as they can be read, whatever else a row still lacks.
        var total = Assert.Single(problem.GetProperty("totals").EnumerateArray().ToList());
        Assert.Equal(4.5m, total.GetProperty("hours").GetDecimal());

        var right = await PostAsync(client, WeekOf(worker.Id), "Validate", new { rows = new object[] { Row(Monday, "1,5") } });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(before, await app.CountDeliveriesAsync());
    }

    [Fact]
    public async Task TeamWeek_ShowsTheServicesDeliveriesOfEveryWorker()
    {
        var first = await app.AddStaffAsync("Tim", "Équipe");
        var second = await app.AddStaffAsync("Tom", "Équipe");
        var one = await app.AddDeliveryAsync(first.Id, Monday.AddDays(4), 1);
        var other = await app.AddDeliveryAsync(second.Id, Monday.AddDays(4), 2);
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var data = await GridDataAsync(client, $"/o/alpha/deliveries/week?service={Alpha.Service.Id}&week={DeliveryRecords.IsoWeek(Monday)}");

        Assert.Equal("team", data.GetProperty("mode").GetString());
        var ids = data.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(one.Id, ids);
        Assert.Contains(other.Id, ids);
        var workers = data.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(first.Id, workers);
        Assert.Contains(second.Id, workers);
    }

    [Fact]
    public async Task Find_OffersTheCaseFilesOfAPerson_AndThePersonAlone()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var found = JsonDocument.Parse(await client.Http.GetStringAsync($"/o/alpha/deliveries/week?worker={Alpha.Staff.Id}&handler=Find&q=goncalves ana"))
            .RootElement.EnumerateArray().ToList();

        Assert.Contains(found, f => f.GetProperty("caseFileId").GetString() == Alpha.CaseFile.Id.ToString()
            && f.GetProperty("beneficiaryId").GetString() == Alpha.Child.Id.ToString());
        Assert.Contains(found, f => f.GetProperty("caseFileId").ValueKind == JsonValueKind.Null
            && f.GetProperty("beneficiaryId").GetString() == Alpha.Child.Id.ToString());
    }

    private object Row(DateOnly day, string duration, Guid? id = null, long? version = null, Guid? caseFileId = null, Guid? typeId = null) => new
    {
        id,
        version,
        onDate = DeliveryRecords.Iso(day),
        // The grid's last row is empty: no time, no hours.
        startTime = duration.Length == 0 ? "" : "9:00",
        duration,
        typeId = typeId ?? app.Type(),
        actCategoryId = (Guid?)null,
        caseFileId,
        beneficiaryId = (Guid?)null,
        siteId = Alpha.Site.Id,
        kilometres = "",
        note = "",
    };

    private static async Task<JsonElement> GridDataAsync(TestClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = page.QuerySelector("script#delivery-grid-data")!.TextContent;
        return JsonDocument.Parse(json).RootElement.GetProperty("data").Clone();
    }

    /// <summary>Posts to a handler of the week page as its script does: JSON, with the page's antiforgery token in a header.</summary>
    private static async Task<HttpResponseMessage> PostAsync(TestClient client, string weekUrl, string handler, object body)
    {
        var token = await client.AntiforgeryTokenAsync(weekUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{weekUrl}&handler={handler}") { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.Http.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("correlationId").GetString()));
        return problem.RootElement.Clone();
    }
}
