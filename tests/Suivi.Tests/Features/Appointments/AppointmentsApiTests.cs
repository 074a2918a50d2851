using System.Net;
using System.Net.Http.Json;
using Suivi.Domain;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Features.Contacts;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Appointments;

public sealed class AppointmentsApiTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Appointments = "/api/o/alpha/appointments";

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task Post_BooksTheAppointment_AndAnswers201()
    {
        var (service, centre, _) = await app.NewMedicalServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var day = AppointmentRecords.Today.AddDays(5);

        var response = await client.Http.PostAsJsonAsync(Appointments, new
        {
            serviceId = service.Id,
            onDate = day.ToString("yyyy-MM-dd"),
            startTime = "08:45:00",
            siteId = centre.Id,
            typeId = Alpha.Item(ListKind.DeliveryType, "CONSULT-CHILD").Id,
            beneficiaryId = Alpha.Child.Id,
            caseFileId = Alpha.CaseFile.Id,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var appointment = await ContactRecords.JsonAsync(response);
        Assert.Equal($"{Appointments}/{appointment.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
        Assert.Equal(("Requested", "CONSULT-CHILD", AppointmentRecords.Today.ToString("yyyy-MM-dd"), "08:45:00"),
            (appointment.GetProperty("status").GetString(), appointment.GetProperty("typeCode").GetString(),
                appointment.GetProperty("requestedOn").GetString(), appointment.GetProperty("startTime").GetString()));
    }

    public static TheoryData<string, object?, string> BadBodies => new()
    {
        { "beneficiaryId", null, "beneficiaryId" },
        { "onDate", null, "onDate" },
        { "requestedOn", "tomorrow", "requestedOn" },
        { "siteId", "a site of another service", "siteId" },
        { "typeId", "beta's type", "typeId" },
        { "caseFileId", "beta's case file", "caseFileId" },
        { "serviceId", "beta's service", "serviceId" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Post_WithABadField_AnswersAProblemNamingIt_AndBooksNothing(string field, object? value, string problemField)
    {
        var (service, centre, _) = await app.NewMedicalServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var body = new Dictionary<string, object?>
        {
            ["serviceId"] = service.Id,
            ["onDate"] = AppointmentRecords.Today.AddDays(3).ToString("yyyy-MM-dd"),
            ["siteId"] = centre.Id,
            ["beneficiaryId"] = Alpha.Child.Id,
        };
        body[field] = value switch
        {
            "tomorrow" => AppointmentRecords.Today.AddDays(1).ToString("yyyy-MM-dd"),
            "a site of another service" => Alpha.Site.Id,
            "beta's type" => app.World.Beta.Item(ListKind.DeliveryType, "PAEDIATRICIAN").Id,
            "beta's case file" => app.World.Beta.CaseFile.Id,
            "beta's service" => app.World.Beta.Service.Id,
            _ => value,
        };
        var before = await app.CountAppointmentsAsync();

        var problem = await Problems.ReadAsync(await client.Http.PostAsJsonAsync(Appointments, body), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(problemField, out _), problem.ToString());
        Assert.Equal(before, await app.CountAppointmentsAsync());
    }

    [Fact]
    public async Task Held_BeforeItsDay_AnswersAProblem_AndOnItsDayIsRecorded()
    {
        var (service, _, _) = await app.NewMedicalServiceAsync();
        var tomorrow = await app.AddAppointmentAsync(service.Id, AppointmentRecords.Today.AddDays(1));
        var yesterday = await app.AddAppointmentAsync(service.Id, AppointmentRecords.Today.AddDays(-1));
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var refused = await client.Http.PostAsync($"{Appointments}/{tomorrow.Id}/held", null);
        var held = await client.Http.PostAsync($"{Appointments}/{yesterday.Id}/held", null);

        var problem = await Problems.ReadAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("onDate", out _));
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal("Held", (await ContactRecords.JsonAsync(held)).GetProperty("status").GetString());
        Assert.Equal(AppointmentStatus.Requested, (await app.FindAppointmentAsync(tomorrow.Id))!.Status);
    }

    [Fact]
    public async Task Postponed_AnswersThePostponedAndTheReplacement_AndPostponingAgainIsRefused()
    {
        var (service, _, south) = await app.NewMedicalServiceAsync();
        var appointment = await app.AddAppointmentAsync(service.Id, AppointmentRecords.Today.AddDays(1), south.Id);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var change = new { by = "Service", reason = "The paediatrician is on leave", newDate = AppointmentRecords.Today.AddDays(8).ToString("yyyy-MM-dd") };

        var response = await client.Http.PostAsJsonAsync($"{Appointments}/{appointment.Id}/postponed", change);
        var before = await app.CountAppointmentsAsync();
        var again = await client.Http.PostAsJsonAsync($"{Appointments}/{appointment.Id}/postponed", change);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ContactRecords.JsonAsync(response);
        var replacement = body.GetProperty("replacement");
        Assert.Equal(("Postponed", "Service", replacement.GetProperty("id").GetGuid()),
            (body.GetProperty("postponed").GetProperty("status").GetString(), body.GetProperty("postponed").GetProperty("changedBy").GetString(),
                body.GetProperty("postponed").GetProperty("postponedToId").GetGuid()));
        Assert.Equal((south.Id, "Requested"), (replacement.GetProperty("siteId").GetGuid(), replacement.GetProperty("status").GetString()));
        Assert.Equal($"{Appointments}/{replacement.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
        var problem = await Problems.ReadAsync(again, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(before, await app.CountAppointmentsAsync());
    }

    [Fact]
    public async Task Cancelled_WithoutSayingByWhom_IsRefused_AndByTheFamilyIsRecorded()
    {
        var (service, _, _) = await app.NewMedicalServiceAsync();
        var appointment = await app.AddAppointmentAsync(service.Id, AppointmentRecords.Today.AddDays(2));
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var refused = await client.Http.PostAsJsonAsync($"{Appointments}/{appointment.Id}/cancelled", new { reason = "?" });
        var cancelled = await client.Http.PostAsJsonAsync($"{Appointments}/{appointment.Id}/cancelled", new { by = "Family", reason = "Moved abroad" });

        var problem = await Problems.ReadAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("by", out _));
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var saved = (await app.FindAppointmentAsync(appointment.Id))!;
        Assert.Equal((AppointmentStatus.Cancelled, AppointmentParty.Family, "Moved abroad"), (saved.Status, saved.ChangedBy, saved.ChangeReason));
    }

    [Fact]
    public async Task List_GivesThePeriodByDayAndTime_WithItsCounts_AndFiltersByStatus()
    {
        var (service, _, _) = await app.NewMedicalServiceAsync();
        var day = AppointmentRecords.Today.AddDays(-30);
        await app.AddAppointmentAsync(service.Id, day, then: a => a.Hold(AppointmentRecords.Today));
        await app.AddAppointmentAsync(service.Id, day.AddDays(1), then: a => a.Cancel(AppointmentParty.Service, null));
        await app.AddAppointmentAsync(service.Id, day.AddDays(2));
        await app.AddAppointmentAsync(service.Id, day.AddDays(40));
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);
        var range = $"serviceId={service.Id}&from={day:yyyy-MM-dd}&to={day.AddDays(6):yyyy-MM-dd}";

        var all = await ContactRecords.JsonAsync(await client.GetAsync($"{Appointments}?{range}"));
        var held = await ContactRecords.JsonAsync(await client.GetAsync($"{Appointments}?{range}&status=Held"));

        var counts = all.GetProperty("counts");
        Assert.Equal((3, 1, 1, 1, 0), (counts.GetProperty("total").GetInt32(), counts.GetProperty("requested").GetInt32(),
            counts.GetProperty("held").GetInt32(), counts.GetProperty("cancelledByService").GetInt32(), counts.GetProperty("cancelledByFamily").GetInt32()));
        Assert.Equal([day, day.AddDays(1), day.AddDays(2)],
            all.GetProperty("items").EnumerateArray().Select(i => DateOnly.Parse(i.GetProperty("onDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("Held", Assert.Single(held.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnAppointmentOfAnotherOrganisation_AnswersNotFound_ToEveryMethod()
    {
        var beta = await app.InOrganisationAsync(app.World.Beta.Organisation.Id, async db =>
        {
            var appointment = new Appointment(app.World.Beta.Service.Id, new AppointmentDetails(AppointmentRecords.Today, null, null, null,
                app.World.Beta.Child.Id, null, null, null), AppointmentRecords.Today, AppointmentRecords.Today);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return appointment;
        });
        using var client = await app.SignedInAsync(Alpha.AdminEmail);
        var change = new { by = "Family", newDate = AppointmentRecords.Today.AddDays(3).ToString("yyyy-MM-dd") };

        await Problems.ReadAsync(await client.GetAsync($"{Appointments}/{beta.Id}"), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await client.Http.PostAsync($"{Appointments}/{beta.Id}/held", null), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await client.Http.PostAsJsonAsync($"{Appointments}/{beta.Id}/postponed", change), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await client.Http.PostAsJsonAsync($"{Appointments}/{beta.Id}/cancelled", change), HttpStatusCode.NotFound);
    }
}
