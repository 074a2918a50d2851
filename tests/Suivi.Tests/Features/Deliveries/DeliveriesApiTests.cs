using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Deliveries;

public sealed class DeliveriesApiTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Deliveries = "/api/o/alpha/deliveries";

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    private object Body(DateOnly? onDate = null, object? duration = null, Guid? workerId = null, Guid? typeId = null, Guid? actCategoryId = null,
        Guid? caseFileId = null, Guid[]? otherWorkerIds = null, long? version = null, Guid? id = null) => new
        {
            id,
            serviceId = Alpha.Service.Id,
            onDate = DeliveryRecords.Iso(onDate ?? DeliveryRecords.Today.AddDays(-1)),
            startTime = "09:30",
            duration = duration ?? "1.5",
            typeId = typeId ?? app.Type(),
            actCategoryId = actCategoryId ?? app.Category(),
            workerId = workerId ?? Alpha.Staff.Id,
            otherWorkerIds = otherWorkerIds ?? [],
            caseFileId = caseFileId ?? Alpha.CaseFile.Id,
            beneficiaryId = Alpha.Child.Id,
            siteId = Alpha.Site.Id,
            kilometres = 12.5m,
            note = "Home visit",
            version,
        };

    [Fact]
    public async Task Post_RecordsTheDeliveryExactly_AndAnswers201()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var colleague = await app.AddStaffAsync("Rita", "Binôme");

        var response = await client.Http.PostAsJsonAsync(Deliveries, Body(duration: "1:20", otherWorkerIds: [colleague.Id]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var document = await JsonAsync(response);
        var id = document.GetProperty("id").GetGuid();
        Assert.Equal($"{Deliveries}/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(4800, document.GetProperty("durationSeconds").GetInt32());
        Assert.Equal("HOME-VISIT", document.GetProperty("typeCode").GetString());
        Assert.Equal("Paula Reis", document.GetProperty("worker").GetString());
        Assert.Equal(Alpha.CaseFile.Reference, document.GetProperty("caseFileReference").GetString());
        var stored = await app.FindDeliveryAsync(id);
        Assert.NotNull(stored);
        Assert.Equal(4800, stored.DurationSeconds);
        Assert.Equal(12_500, stored.DistanceMetres);
        Assert.Equal(new TimeOnly(9, 30), stored.StartTime);
        Assert.Equal(colleague.Id, Assert.Single(stored.OtherWorkers).StaffMemberId);
    }

    [Fact]
    public async Task Post_TakesHoursAsANumberToo()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var response = await client.Http.PostAsJsonAsync(Deliveries, Body(duration: 0.75m));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2700, (await JsonAsync(response)).GetProperty("durationSeconds").GetInt32());
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "negative", "duration", "A duration is more than zero hours." },
        { "zero", "duration", "A duration is more than zero hours." },
        { "25 hours", "duration", "A duration is at most 24 hours." },
        { "unreadable hours", "duration", "Give hours as 1.5, 1,5 or 1:30." },
        { "future date", "onDate", "A delivery is recorded once done: the date lies in the future." },
        { "unknown category", "actCategoryId", "Choose an act category of the list." },
        { "type as category", "actCategoryId", "Choose an act category of the list." },
        { "retired type", "typeId", "This type of delivery is retired: choose another one." },
        { "closed case file", "caseFileId", "The case file was not open on this date." },
        { "other organisation's case file", "caseFileId", "This case file was not found." },
        { "other organisation's worker", "workerId", "Choose a worker of the organisation." },
        { "other organisation's other worker", "otherWorkerIds", "Choose workers of the organisation." },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Post_WithABadInput_Answers400ForThatField_AndSavesNothing(string bad, string field, string message)
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var closed = await app.AddClosedFileAsync(new DateOnly(2024, 1, 10), new DateOnly(2024, 6, 30));
        var retired = await app.AddRetiredTypeAsync();
        var before = await app.CountDeliveriesAsync();

        var response = await client.Http.PostAsJsonAsync(Deliveries, bad switch
        {
            "negative" => Body(duration: "-1.5"),
            "zero" => Body(duration: "0"),
            "25 hours" => Body(duration: "25"),
            "unreadable hours" => Body(duration: "1h30x"),
            "future date" => Body(onDate: DeliveryRecords.Today.AddDays(2)),
            "unknown category" => Body(actCategoryId: Guid.NewGuid()),
            "type as category" => Body(actCategoryId: app.Type()),
            "retired type" => Body(typeId: retired.Id),
            "closed case file" => Body(caseFileId: closed.Id, onDate: new DateOnly(2024, 9, 2)),
            "other organisation's case file" => Body(caseFileId: app.World.Beta.CaseFile.Id),
            "other organisation's worker" => Body(workerId: app.World.Beta.Staff.Id),
            "other organisation's other worker" => Body(otherWorkerIds: [app.World.Beta.Staff.Id]),
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(before, await app.CountDeliveriesAsync());
    }

    [Fact]
    public async Task Post_ForAClosedCaseFile_WhileItWasOpen_IsRecorded()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var closed = await app.AddClosedFileAsync(new DateOnly(2024, 1, 10), new DateOnly(2024, 6, 30));

        var response = await client.Http.PostAsJsonAsync(Deliveries, Body(caseFileId: closed.Id, onDate: new DateOnly(2024, 6, 30)));

        // The child is a member of the closed file too, so the person may stay on the delivery.
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_ThirtyHoursInADayForOneWorker_CountingADeliveryAsOtherWorker_IsRefusedNamingTheWorkerAndDay()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var worker = await app.AddStaffAsync("Jo", "Longues-Journées");
        var colleague = await app.AddStaffAsync("Max", "Collègue");
        var day = DeliveryRecords.LastWeek(DayOfWeek.Wednesday);
        // Jo took part in a 20-hour delivery as the second worker of a colleague.
        await app.AddDeliveryAsync(colleague.Id, day, 20, otherWorkers: [worker.Id]);
        var before = await app.CountDeliveriesAsync();

        var response = await client.Http.PostAsJsonAsync(Deliveries, Body(onDate: day, duration: "10", workerId: worker.Id));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal($"Jo Longues-Journées would have 30 hours of deliveries on {DeliveryRecords.Iso(day)}: one worker has no more than 24 hours in a day.",
            problem.GetProperty("errors").GetProperty("duration")[0].GetString());
        Assert.Equal(before, await app.CountDeliveriesAsync());

        var other = await client.Http.PostAsJsonAsync(Deliveries, Body(onDate: day.AddDays(1), duration: "10", workerId: worker.Id));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task Put_CorrectsAgainstTheVersionRead_AndAStaleVersionAnswers409()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var delivery = await app.AddDeliveryAsync(Alpha.Staff.Id, DeliveryRecords.LastWeek(DayOfWeek.Monday), 2);

        var corrected = await client.Http.PutAsJsonAsync($"{Deliveries}/{delivery.Id}", Body(duration: "2.25", version: delivery.Version));
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var document = await JsonAsync(corrected);
        Assert.Equal(8100, document.GetProperty("durationSeconds").GetInt32());
        Assert.Equal(delivery.Version + 1, document.GetProperty("version").GetInt64());

        var stale = await client.Http.PutAsJsonAsync($"{Deliveries}/{delivery.Id}", Body(duration: "3", version: delivery.Version));
        await Problems.ReadAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal(8100, (await app.FindDeliveryAsync(delivery.Id))!.DurationSeconds);

        var missingVersion = await client.Http.PutAsJsonAsync($"{Deliveries}/{delivery.Id}", Body(duration: "3"));
        var problem = await Problems.ReadAsync(missingVersion, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("version", out _));
    }

    [Fact]
    public async Task Put_WithARetiredTypeTheDeliveryAlreadyHad_KeepsIt()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var retired = await app.AddRetiredTypeAsync();
        var delivery = await app.AddDeliveryAsync(Alpha.Staff.Id, DeliveryRecords.LastWeek(DayOfWeek.Tuesday), 1, typeId: retired.Id);

        var response = await client.Http.PutAsJsonAsync($"{Deliveries}/{delivery.Id}",
            Body(typeId: retired.Id, duration: "1.5", version: delivery.Version));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(retired.Id, (await app.FindDeliveryAsync(delivery.Id))!.TypeId);
    }

    [Fact]
    public async Task Delete_RemovesTheDelivery_AgainstTheVersionRead()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var colleague = await app.AddStaffAsync("Ana", "Paire");
        var delivery = await app.AddDeliveryAsync(Alpha.Staff.Id, DeliveryRecords.LastWeek(DayOfWeek.Thursday), 1, otherWorkers: [colleague.Id]);

        var stale = await client.Http.DeleteAsync($"{Deliveries}/{delivery.Id}?version={delivery.Version + 5}");
        await Problems.ReadAsync(stale, HttpStatusCode.Conflict);
        Assert.NotNull(await app.FindDeliveryAsync(delivery.Id));

        var deleted = await client.Http.DeleteAsync($"{Deliveries}/{delivery.Id}?version={delivery.Version}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await app.FindDeliveryAsync(delivery.Id));
    }

    [Fact]
    public async Task AnotherOrganisationsDelivery_AnswersNotFound_ToReadCorrectAndDelete()
    {
        var betaDelivery = await app.InOrganisationAsync(app.World.Beta.Organisation.Id, async db =>
        {
            var beta = app.World.Beta;
            var delivery = new Suivi.Domain.ServiceDelivery(beta.Service.Id, new Suivi.Domain.DeliveryDetails(DeliveryRecords.Today.AddDays(-2), null,
                TimeSpan.FromHours(1), beta.Item(Suivi.Domain.ListKind.DeliveryType, "CARE").Id, null, beta.Staff.Id, [], null, null, null, null, null),
                DeliveryRecords.Today);
            db.Deliveries.Add(delivery);
            await db.SaveChangesAsync();
            return delivery;
        });
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        await Problems.ReadAsync(await client.Http.GetAsync($"{Deliveries}/{betaDelivery.Id}"), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await client.Http.PutAsJsonAsync($"{Deliveries}/{betaDelivery.Id}", Body(version: 0)), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await client.Http.DeleteAsync($"{Deliveries}/{betaDelivery.Id}?version=0"), HttpStatusCode.NotFound);
        var list = await JsonAsync(await client.Http.GetAsync(Deliveries));
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == betaDelivery.Id);
    }

    [Fact]
    public async Task Batch_WithOneBadRowInTheMiddle_WritesNothing_AndNamesThatRow()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await app.CountDeliveriesAsync();
        var day = DeliveryRecords.LastWeek(DayOfWeek.Friday);

        var response = await client.Http.PostAsJsonAsync($"{Deliveries}/batch", new
        {
            rows = new[]
            {
                Body(onDate: day, duration: "1"), Body(onDate: day, duration: "2"), Body(onDate: day, duration: "0"),
                Body(onDate: day, duration: "1,5"), Body(onDate: day, duration: "0:45"),
            },
        });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        var error = Assert.Single(errors);
        Assert.Equal("rows[2].duration", error.Name);
        Assert.Equal("A duration is more than zero hours.", error.Value[0].GetString());
        Assert.Equal(before, await app.CountDeliveriesAsync());
    }

    [Fact]
    public async Task Batch_RecordsEveryRow_AndCorrectsTheOnesWithAnId()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var worker = await app.AddStaffAsync("Lou", "Semaine");
        var day = DeliveryRecords.LastWeek(DayOfWeek.Tuesday);
        var existing = await app.AddDeliveryAsync(worker.Id, day, 1);

        var response = await client.Http.PostAsJsonAsync($"{Deliveries}/batch", new
        {
            rows = new[]
            {
                Body(onDate: day, duration: "8", workerId: worker.Id),
                Body(onDate: day, duration: "3", workerId: worker.Id, id: existing.Id, version: existing.Version),
                Body(onDate: day.AddDays(1), duration: "7,5", workerId: worker.Id),
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await JsonAsync(response)).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([28800, 10800, 27000], rows.Select(r => r.GetProperty("durationSeconds").GetInt32()));
        Assert.Equal(existing.Id, rows[1].GetProperty("id").GetGuid());
        var list = await JsonAsync(await client.Http.GetAsync($"{Deliveries}?workerId={worker.Id}"));
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        Assert.Equal(66600, list.GetProperty("totalSeconds").GetInt64());
        Assert.Equal(18.5m, list.GetProperty("totalHours").GetDecimal());
    }

    [Fact]
    public async Task Batch_RowsTogetherAboveTwentyFourHours_AreEachNamed()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var worker = await app.AddStaffAsync("Eva", "Trop");
        var day = DeliveryRecords.LastWeek(DayOfWeek.Saturday);
        var before = await app.CountDeliveriesAsync();

        var response = await client.Http.PostAsJsonAsync($"{Deliveries}/batch", new
        {
            rows = new[] { Body(onDate: day, duration: "1", workerId: worker.Id), Body(onDate: day, duration: "15", workerId: worker.Id),
                Body(onDate: day, duration: "15", workerId: worker.Id) },
        });

        var errors = (await Problems.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["rows[0].duration", "rows[1].duration", "rows[2].duration"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("Eva Trop would have 31 hours", errors.GetProperty("rows[1].duration")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.CountDeliveriesAsync());
    }

    [Fact]
    public async Task Validate_GivesTheProblemsAndEachWorkersHoursPerDay_WithoutSaving()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var worker = await app.AddStaffAsync("Noa", "Vérifiée");
        var day = DeliveryRecords.LastWeek(DayOfWeek.Monday);
        await app.AddDeliveryAsync(worker.Id, day, 4);
        var before = await app.CountDeliveriesAsync();

        var right = await client.Http.PostAsJsonAsync($"{Deliveries}/validate",
            new { rows = new[] { Body(onDate: day, duration: "2.5", workerId: worker.Id) } });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var total = Assert.Single((await JsonAsync(right)).GetProperty("totals").EnumerateArray().ToList());
        Assert.Equal(6.5m, total.GetProperty("hours").GetDecimal());
        Assert.False(total.GetProperty("isOverLimit").GetBoolean());

        var wrong = await client.Http.PostAsJsonAsync($"{Deliveries}/validate",
            new { rows = new[] { Body(onDate: day, duration: "2.5", workerId: worker.Id), Body(onDate: day, duration: "x", workerId: worker.Id) } });
        var problem = await Problems.ReadAsync(wrong, HttpStatusCode.BadRequest);
        Assert.Equal("Give hours as 1.5, 1,5 or 1:30.", problem.GetProperty("errors").GetProperty("rows[1].duration")[0].GetString());
        Assert.Equal(before, await app.CountDeliveriesAsync());
    }

    [Fact]
    public async Task List_FiltersByWorkerDatesAndType_NewestFirst()
    {
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);
        var worker = await app.AddStaffAsync("Flo", "Filtrée");
        var monday = DeliveryRecords.LastWeek(DayOfWeek.Monday);
        await app.AddDeliveryAsync(worker.Id, monday, 1);
        await app.AddDeliveryAsync(worker.Id, monday.AddDays(2), 2);
        await app.AddDeliveryAsync(worker.Id, monday.AddDays(4), 3, typeId: app.Type("CALL"));

        var list = await JsonAsync(await client.Http.GetAsync(
            $"{Deliveries}?workerId={worker.Id}&from={DeliveryRecords.Iso(monday.AddDays(1))}&to={DeliveryRecords.Iso(monday.AddDays(6))}"));
        Assert.Equal([monday.AddDays(4), monday.AddDays(2)],
            list.GetProperty("items").EnumerateArray().Select(d => DateOnly.Parse(d.GetProperty("onDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(5m, list.GetProperty("totalHours").GetDecimal());

        var calls = await JsonAsync(await client.Http.GetAsync($"{Deliveries}?workerId={worker.Id}&typeId={app.Type("CALL")}"));
        Assert.Equal(1, calls.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Statistician_IsForbiddenEveryDeliveryEndpoint()
    {
        using var client = await app.SignedInAsync(Alpha.StatisticianEmail);
        var delivery = await app.AddDeliveryAsync(Alpha.Staff.Id, DeliveryRecords.LastWeek(DayOfWeek.Monday), 1);
        var before = await app.CountDeliveriesAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(Deliveries)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"{Deliveries}/{delivery.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.PostAsJsonAsync(Deliveries, Body())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.PostAsJsonAsync($"{Deliveries}/batch", new { rows = new[] { Body() } })).StatusCode);
        Assert.Equal(before, await app.CountDeliveriesAsync());
    }

    /// <summary>
    /// <see cref="Problems.ReadAsync"/>, for messages that say "at most": the domain's "A duration is at most 24 hours."
    /// reads like a stack-trace line to its " at " check, so here a stack trace is recognised by its frames instead.
    /// </summary>
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!body.Contains("at most", StringComparison.Ordinal))
        {
            return await Problems.ReadAsync(response, status);
        }
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Suivi.", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("correlationId").GetString()));
        return problem.RootElement.Clone();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
