namespace Suivi.Features.Requests;

public static class RequestsApi
{
    public static RouteGroupBuilder MapRequestsApi(this RouteGroupBuilder api) => api;
}
