namespace Suivi.Features.Settings;

public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api) => api;
}
