using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Contacts;

/// <summary>Contacts and services made for one test inside alpha, and what the tests read back.</summary>
internal static class ContactRecords
{
    public static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>The date the new-contact form proposes: the server's local day.</summary>
    public static DateOnly LocalToday => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);

    public static Task<Service> NewServiceAsync(this SuiviApp app, ServiceKind kind = ServiceKind.Helpline) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var service = new Service("S" + Guid.NewGuid().ToString("N")[..8], "Service " + Guid.NewGuid().ToString("N")[..6], kind);
            db.Services.Add(service);
            await db.SaveChangesAsync();
            return service;
        });

    public static Task<Contact> AddContactAsync(this SuiviApp app, Guid serviceId, DateOnly onDate,
        ContactDirection direction = ContactDirection.Inbound, Guid? personId = null, string? subject = "A neighbour worries about an old man",
        ContactKind kind = ContactKind.HelplineCall, Guid? channelId = null) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var contact = new Contact(serviceId, new ContactDetails(kind, direction, onDate, new TimeOnly(10, 30), TimeSpan.FromMinutes(7),
                channelId, personId, app.World.Alpha.Item(ListKind.ContactOutcome, "INFORMATION").Id, null, subject), Today);
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact;
        });

    public static Task<Contact?> FindContactAsync(this SuiviApp app, Guid id) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id));

    /// <summary>How many contacts, people and requests alpha has: what a refused form leaves as it was.</summary>
    public static Task<(int Contacts, int People, int Requests)> CountsAsync(this SuiviApp app) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
            (await db.Contacts.CountAsync(), await db.Beneficiaries.CountAsync(), await db.Requests.CountAsync()));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
