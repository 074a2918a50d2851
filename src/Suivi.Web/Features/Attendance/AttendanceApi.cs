namespace Suivi.Features.Attendance;

public static class AttendanceApi
{
    public static RouteGroupBuilder MapAttendanceApi(this RouteGroupBuilder api) => api;
}
