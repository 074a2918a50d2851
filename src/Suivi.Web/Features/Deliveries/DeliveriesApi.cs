namespace Suivi.Features.Deliveries;

public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveriesApi(this RouteGroupBuilder api) => api;
}
