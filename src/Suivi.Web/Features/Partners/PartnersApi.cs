namespace Suivi.Features.Partners;

public static class PartnersApi
{
    public static RouteGroupBuilder MapPartnersApi(this RouteGroupBuilder api) => api;
}
