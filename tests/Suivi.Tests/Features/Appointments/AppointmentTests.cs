using System.Net;
using AngleSharp.Html.Dom;
using Suivi.Domain;
using Suivi.Tests.Features.CaseFiles;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Appointments;

public sealed class AppointmentTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string NewAppointment = "/o/alpha/appointments/new";

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task Book_RecordsTheAppointment_AndTheAgendaOfItsDayShowsIt()
    {
        var (service, centre, _) = await app.NewMedicalServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = await client.FormAsync($"{NewAppointment}?service={service.Id}&person={Alpha.Child.Id}");
        var day = AppointmentRecords.Today.AddDays(3);
        form["Input.OnDate"] = day.ToString("yyyy-MM-dd");
        form["Input.StartTime"] = "14:30";
        form["Input.SiteId"] = centre.Id.ToString();
        form["Input.TypeId"] = Alpha.Item(ListKind.DeliveryType, "PAEDIATRICIAN").Id.ToString();

        var response = await client.PostFormAsync(NewAppointment, NewAppointment, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var appointment = (await app.FindAppointmentAsync(Guid.Parse(response.Headers.Location!.OriginalString[^36..])))!;
        Assert.Equal((day, new TimeOnly(14, 30), centre.Id, Alpha.Child.Id, AppointmentStatus.Requested, AppointmentRecords.Today),
            (appointment.OnDate, appointment.StartTime, appointment.SiteId, appointment.BeneficiaryId, appointment.Status, appointment.RequestedOn));
        var (_, agenda) = await client.GetPageAsync($"/o/alpha/appointments?view=day&on={day:yyyy-MM-dd}&service={service.Id}");
        var row = Assert.Single(agenda.QuerySelectorAll("table.agenda tbody tr:not(.agenda-day)"));
        Assert.Contains("Ana Gonçalves", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Consultation Centre", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", Figures(agenda)["Requested"]);
    }

    public static TheoryData<string, string, string> BadFields => new()
    {
        { "Input.BeneficiaryId", "nobody", "Choose the person or the case file the appointment is for." },
        { "Input.OnDate", "", "This field is required." },
        { "Input.OnDate", "before the request", "An appointment falls on or after the day it was requested." },
        { "Input.RequestedOn", "tomorrow", "The request date lies in the future." },
        { "Input.SiteId", "a site of another service", "Choose a site of the service." },
        { "Input.TypeId", "beta's type", "Choose the type of appointment." },
        { "Input.TypeId", "an outcome, not a type", "Choose the type of appointment." },
        { "Input.CaseFileId", "beta's case file", "Choose a case file of the organisation." },
        { "Input.CaseFileId", "a file closed then", "The case file was not open on this date." },
        { "Input.StaffMemberId", "beta's staff", "Choose a member of staff of the organisation." },
        { "Input.ServiceId", "beta's service", "Choose the service." },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Book_WithABadField_ShowsTheMessageNextToIt_AndSavesNothing(string field, string value, string message)
    {
        var (service, centre, _) = await app.NewMedicalServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = await client.FormAsync($"{NewAppointment}?service={service.Id}&person={Alpha.Child.Id}");
        form["Input.OnDate"] = AppointmentRecords.Today.AddDays(7).ToString("yyyy-MM-dd");
        form["Input.SiteId"] = centre.Id.ToString();
        form["Input.Note"] = "Kept as typed";
        if (value == "a file closed then")
        {
            var file = await app.NewFileAsync(new DateOnly(2025, 1, 10));
            form["Input.OnDate"] = "2024-12-20";
            form["Input.RequestedOn"] = "2024-12-01";
            form[field] = file.Id.ToString();
        }
        else
        {
            form[field] = Value(value);
        }
        var before = await app.CountAppointmentsAsync();

        var response = await client.PostFormAsync(NewAppointment, NewAppointment, form);

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal((field, app.Shown(message)), CaseFileRecords.FieldMessage(page));
        Assert.Equal("Kept as typed", page.QuerySelector("textarea[name='Input.Note']")!.TextContent.Trim());
        Assert.Equal(before, await app.CountAppointmentsAsync());
    }

    [Fact]
    public async Task Book_ForACaseFileOnly_IsAccepted()
    {
        var (service, _, _) = await app.NewMedicalServiceAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var form = await client.FormAsync($"{NewAppointment}?service={service.Id}&caseFile={Alpha.CaseFile.Id}");
        form["Input.OnDate"] = AppointmentRecords.Today.AddDays(2).ToString("yyyy-MM-dd");

        var response = await client.PostFormAsync(NewAppointment, NewAppointment, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var appointment = (await app.FindAppointmentAsync(Guid.Parse(response.Headers.Location!.OriginalString[^36..])))!;
        Assert.Equal((null, Alpha.CaseFile.Id), (appointment.BeneficiaryId, appointment.CaseFileId));
    }

    [Fact]
    public async Task Held_BeforeItsDay_IsRefused_AndOnItsDayIsRecorded()
    {
        var (service, _, _) = await app.NewMedicalServiceAsync();
        var tomorrow = await app.AddAppointmentAsync(service.Id, AppointmentRecords.Today.AddDays(1));
        var today = await app.AddAppointmentAsync(service.Id, AppointmentRecords.Today);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var refused = await Step(client, tomorrow.Id, "Held", []);
        var held = await Step(client, today.Id, "Held", []);

        var page = await CaseFileRecords.PageOfAsync(refused);
        Assert.Contains(app.Shown("An appointment is held on its day, not before."), page.QuerySelector("main .errors")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Requested, (await app.FindAppointmentAsync(tomorrow.Id))!.Status);
        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        Assert.Equal(AppointmentStatus.Held, (await app.FindAppointmentAsync(today.Id))!.Status);
    }

    [Fact]
    public async Task Postponed_ByTheFamily_BooksTheNewAppointment_AndLinksBoth()
    {
        var (service, centre, _) = await app.NewMedicalServiceAsync();
        var appointment = await app.AddAppointmentAsync(service.Id, AppointmentRecords.Today.AddDays(2), centre.Id);
        var newDate = AppointmentRecords.Today.AddDays(9);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var response = await Step(client, appointment.Id, "Postpone", new()
        {
            ["Postponing.By"] = "Family",
            ["Postponing.Reason"] = "The child is ill",
            ["Postponing.NewDate"] = newDate.ToString("yyyy-MM-dd"),
            ["Postponing.NewTime"] = "10:15",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var postponed = (await app.FindAppointmentAsync(appointment.Id))!;
        Assert.Equal((AppointmentStatus.Postponed, AppointmentParty.Family, "The child is ill"),
            (postponed.Status, postponed.ChangedBy, postponed.ChangeReason));
        var replacement = (await app.FindAppointmentAsync(postponed.PostponedToId!.Value))!;
        Assert.Equal((newDate, new TimeOnly(10, 15), centre.Id, Alpha.Child.Id, AppointmentStatus.Requested),
            (replacement.OnDate, replacement.StartTime, replacement.SiteId, replacement.BeneficiaryId, replacement.Status));
        var (_, shown) = await client.GetPageAsync($"/o/alpha/appointments/{appointment.Id}");
        Assert.Equal($"/o/alpha/appointments/{replacement.Id}", shown.QuerySelector("main a.postponed-to")!.GetAttribute("href"));
        Assert.Null(shown.QuerySelector("main form[action*='handler=Held']"));
    }

    public static TheoryData<string, string, string, string> BadChanges => new()
    {
        { "Postpone", "Postponing.By", "", "Say who postponed or cancelled it: family or service." },
        { "Postpone", "Postponing.NewDate", "", "This field is required." },
        { "Postpone", "Postponing.NewDate", "yesterday", "The new date is today or later." },
        { "Cancel", "Cancelling.By", "", "Say who postponed or cancelled it: family or service." },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task PostponedOrCancelled_WithABadField_ShowsTheMessage_AndChangesNothing(string handler, string field, string value, string message)
    {
        var (service, _, _) = await app.NewMedicalServiceAsync();
        var appointment = await app.AddAppointmentAsync(service.Id, AppointmentRecords.Today.AddDays(2));
        var before = await app.CountAppointmentsAsync();
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var prefix = handler == "Postpone" ? "Postponing" : "Cancelling";
        var fields = new Dictionary<string, string>
        {
            [$"{prefix}.By"] = "Service",
            [$"{prefix}.NewDate"] = AppointmentRecords.Today.AddDays(5).ToString("yyyy-MM-dd"),
            [field] = value == "yesterday" ? AppointmentRecords.Today.AddDays(-1).ToString("yyyy-MM-dd") : value,
        };

        var response = await Step(client, appointment.Id, handler, fields);

        var page = await CaseFileRecords.PageOfAsync(response);
        Assert.Equal((field, app.Shown(message)), CaseFileRecords.FieldMessage(page));
        Assert.Equal(AppointmentStatus.Requested, (await app.FindAppointmentAsync(appointment.Id))!.Status);
        Assert.Equal(before, await app.CountAppointmentsAsync());
    }

    [Fact]
    public async Task Cancelled_ByTheService_CannotBePostponedOrHeldAfterwards()
    {
        var (service, _, _) = await app.NewMedicalServiceAsync();
        var appointment = await app.AddAppointmentAsync(service.Id, AppointmentRecords.Today);
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var cancelled = await Step(client, appointment.Id, "Cancel", new() { ["Cancelling.By"] = "Service", ["Cancelling.Reason"] = "Doctor ill" });
        var before = await app.CountAppointmentsAsync();
        var postponed = await Step(client, appointment.Id, "Postpone", new()
        {
            ["Postponing.By"] = "Family",
            ["Postponing.NewDate"] = AppointmentRecords.Today.AddDays(4).ToString("yyyy-MM-dd"),
        });
        var held = await Step(client, appointment.Id, "Held", []);

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains(app.Shown("This appointment was already held, postponed or cancelled."),
            (await CaseFileRecords.PageOfAsync(postponed)).QuerySelector("main .errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(app.Shown("This appointment was already held, postponed or cancelled."),
            (await CaseFileRecords.PageOfAsync(held)).QuerySelector("main .errors")!.TextContent, StringComparison.Ordinal);
        var saved = (await app.FindAppointmentAsync(appointment.Id))!;
        Assert.Equal((AppointmentStatus.Cancelled, AppointmentParty.Service, (Guid?)null), (saved.Status, saved.ChangedBy, saved.PostponedToId));
        Assert.Equal(before, await app.CountAppointmentsAsync());
    }

    [Fact]
    public async Task TheAgenda_CountsThePeriodByStatusAndByWhom_PerServiceAndSite()
    {
        var (service, centre, south) = await app.NewMedicalServiceAsync();
        var monday = AppointmentRecords.Today.AddDays(-14 - (((int)AppointmentRecords.Today.DayOfWeek + 6) % 7));
        await app.AddAppointmentAsync(service.Id, monday, centre.Id, then: a => a.Hold(AppointmentRecords.Today));
        await app.AddAppointmentAsync(service.Id, monday.AddDays(1), centre.Id, then: a => a.Hold(AppointmentRecords.Today));
        await app.AddAppointmentAsync(service.Id, monday.AddDays(2), centre.Id, then: a => a.Cancel(AppointmentParty.Family, null));
        await app.AddAppointmentAsync(service.Id, monday.AddDays(2), south.Id, then: a => a.Cancel(AppointmentParty.Service, null));
        await app.AddAppointmentAsync(service.Id, monday.AddDays(3), south.Id,
            then: a => a.RecordOutcome(AppointmentStatus.Postponed, AppointmentParty.Family, null, AppointmentRecords.Today));
        await app.AddAppointmentAsync(service.Id, monday.AddDays(4), south.Id);
        await app.AddAppointmentAsync(service.Id, monday.AddDays(7), south.Id);
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);

        var (_, week) = await client.GetPageAsync($"/o/alpha/appointments?view=week&on={monday.AddDays(3):yyyy-MM-dd}&service={service.Id}");
        var (_, south1) = await client.GetPageAsync($"/o/alpha/appointments?view=week&on={monday:yyyy-MM-dd}&service={service.Id}&site={south.Id}");
        var (_, cancelled) = await client.GetPageAsync($"/o/alpha/appointments?on={monday:yyyy-MM-dd}&service={service.Id}&status=Cancelled");

        Assert.Equal(new Dictionary<string, string>
        {
            ["Appointments"] = "6",
            ["Requested"] = "1",
            ["Held"] = "2",
            ["Postponed by the family"] = "1",
            ["Postponed by the service"] = "0",
            ["Cancelled by the family"] = "1",
            ["Cancelled by the service"] = "1",
        }, Figures(week));
        Assert.Equal(5, week.QuerySelectorAll("table.agenda tr.agenda-day").Length);
        Assert.Equal("3", Figures(south1)["Appointments"]);
        Assert.Equal(2, cancelled.QuerySelectorAll("table.agenda tbody tr:not(.agenda-day)").Length);
        Assert.Equal("6", Figures(cancelled)["Appointments"]);
    }

    [Fact]
    public async Task AppointmentsOfARestrictedFile_AreInvisibleToACoordinatorNotNamedOnIt()
    {
        var (service, _, _) = await app.NewMedicalServiceAsync();
        var workerId = await app.UserIdAsync(Alpha.WorkerEmail);
        var file = await app.NewFileAsync(new DateOnly(2024, 6, 1), then: f => f.RestrictTo([workerId]));
        var day = AppointmentRecords.Today.AddDays(1);
        var hidden = await app.AddAppointmentAsync(service.Id, day, caseFileId: file.Id, personId: Alpha.Child.Id);
        var open = await app.AddAppointmentAsync(service.Id, day);
        var agenda = $"/o/alpha/appointments?view=day&on={day:yyyy-MM-dd}&service={service.Id}";
        using var coordinator = await app.SignedInAsync(Alpha.CoordinatorEmail);
        using var worker = await app.SignedInAsync(Alpha.WorkerEmail);

        var (_, coordinatorAgenda) = await coordinator.GetPageAsync(agenda);
        var (_, workerAgenda) = await worker.GetPageAsync(agenda);
        var api = await Contacts.ContactRecords.JsonAsync(await coordinator.GetAsync(
            $"/api/o/alpha/appointments?serviceId={service.Id}&from={day:yyyy-MM-dd}"));

        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/o/alpha/appointments/{hidden.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/o/alpha/appointments/{hidden.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Step(coordinator, hidden.Id, "Held", [])).StatusCode);
        Assert.Equal("1", Figures(coordinatorAgenda)["Appointments"]);
        Assert.DoesNotContain(file.Reference, coordinatorAgenda.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal([open.Id], api.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(1, api.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/o/alpha/appointments/{hidden.Id}")).StatusCode);
        Assert.Equal("2", Figures(workerAgenda)["Appointments"]);
    }

    [Fact]
    public async Task AnAppointmentOfAnotherOrganisation_AnswersNotFound_AndIsNotChanged()
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

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/alpha/appointments/{beta.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Step(client, beta.Id, "Held", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Step(client, beta.Id, "Cancel", new() { ["Cancelling.By"] = "Family" })).StatusCode);
        var status = await app.InOrganisationAsync(app.World.Beta.Organisation.Id,
            db => Task.FromResult(db.Appointments.Single(a => a.Id == beta.Id).Status));
        Assert.Equal(AppointmentStatus.Requested, status);
    }

    private static Task<HttpResponseMessage> Step(TestClient client, Guid id, string handler, Dictionary<string, string> fields) =>
        client.PostFormAsync($"/o/alpha/appointments/{id}?handler={handler}", "/o/alpha/appointments", fields);

    private string Value(string value) => value switch
    {
        "nobody" => "",
        "before the request" => AppointmentRecords.Today.AddDays(-1).ToString("yyyy-MM-dd"),
        "tomorrow" => AppointmentRecords.Today.AddDays(1).ToString("yyyy-MM-dd"),
        "a site of another service" => Alpha.Site.Id.ToString(),
        "beta's type" => app.World.Beta.Item(ListKind.DeliveryType, "PAEDIATRICIAN").Id.ToString(),
        "an outcome, not a type" => Alpha.Item(ListKind.ContactOutcome, "NEW-CARE").Id.ToString(),
        "beta's case file" => app.World.Beta.CaseFile.Id.ToString(),
        "beta's staff" => app.World.Beta.Staff.Id.ToString(),
        "beta's service" => app.World.Beta.Service.Id.ToString(),
        _ => value,
    };

    /// <summary>The key figures of the agenda, by their label in English.</summary>
    private Dictionary<string, string> Figures(IHtmlDocument page)
    {
        var labels = new[]
        {
            "Appointments", "Requested", "Held", "Postponed by the family", "Postponed by the service", "Cancelled by the family",
            "Cancelled by the service",
        };
        var shown = page.QuerySelectorAll("main dl.appointment-counts > div")
            .ToDictionary(d => d.QuerySelector("dt")!.TextContent.Trim(), d => d.QuerySelector("dd")!.TextContent.Trim());
        return labels.ToDictionary(label => label, label => shown[app.Shown(label)]);
    }
}
