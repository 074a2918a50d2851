namespace Suivi.Features.Appointments;

public static class AppointmentsApi
{
    public static RouteGroupBuilder MapAppointmentsApi(this RouteGroupBuilder api) => api;
}
