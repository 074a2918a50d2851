namespace Suivi.Features.Contacts;

public static class ContactsApi
{
    public static RouteGroupBuilder MapContactsApi(this RouteGroupBuilder api) => api;
}
