using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Appointments;

/// <summary>Services, sites and appointments made for one test inside alpha, and what the tests read back.</summary>
internal static class AppointmentRecords
{
    public static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>A medical service of its own with two sites, so that counts see only the test's appointments.</summary>
    public static Task<(Service Service, Site Centre, Site South)> NewMedicalServiceAsync(this SuiviApp app) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var service = new Service("M" + Guid.NewGuid().ToString("N")[..8], "Service médical " + Guid.NewGuid().ToString("N")[..6],
                ServiceKind.MedicalService);
            var centre = new Site(service.Id, "Consultation Centre", Region.Centre, null);
            var south = new Site(service.Id, "Consultation Sud", Region.Sud, null);
            db.AddRange(service, centre, south);
            await db.SaveChangesAsync();
            return (service, centre, south);
        });

    public static Task<Appointment> AddAppointmentAsync(this SuiviApp app, Guid serviceId, DateOnly onDate, Guid? siteId = null,
        Guid? personId = null, Guid? caseFileId = null, DateOnly? requestedOn = null, Action<Appointment>? then = null) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var appointment = new Appointment(serviceId, new AppointmentDetails(onDate, new TimeOnly(9, 0), siteId,
                    app.World.Alpha.Item(ListKind.DeliveryType, "PAEDIATRICIAN").Id, caseFileId is null ? personId ?? app.World.Alpha.Child.Id : personId,
                    caseFileId, null, null),
                requestedOn ?? (onDate < Today ? onDate : Today), Today);
            then?.Invoke(appointment);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return appointment;
        });

    /// <summary>The appointment as saved; read as nobody named on any file, so an appointment of a restricted file reads as missing.</summary>
    public static Task<Appointment?> FindAppointmentAsync(this SuiviApp app, Guid id) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id));

    public static Task<int> CountAppointmentsAsync(this SuiviApp app) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Appointments.CountAsync());
}
