using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Requests;

/// <summary>Requests made for one test, so that no test depends on what another one decided.</summary>
internal static class RequestRecords
{
    public static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    public static Task<IntakeRequest> AddRequestAsync(this SuiviApp app, Guid? serviceId = null, DateOnly? receivedOn = null,
        Urgency urgency = Urgency.Normal, string summary = "A mother calls about her daughter", IEnumerable<Guid>? persons = null,
        IEnumerable<string>? unnamed = null)
    {
        var alpha = app.World.Alpha;
        return app.InOrganisationAsync(alpha.Organisation.Id, async db =>
        {
            var request = new IntakeRequest(receivedOn ?? Today.AddDays(-3), alpha.Item(ListKind.RequestSource, "FAMILY").Id,
                alpha.Item(ListKind.Channel, "PHONE").Id, serviceId ?? alpha.Service.Id, summary, urgency, Today);
            foreach (var person in persons ?? [])
            {
                request.AddPerson(person);
            }
            foreach (var description in unnamed ?? [])
            {
                request.AddAnonymousPerson(description);
            }
            db.Requests.Add(request);
            await db.SaveChangesAsync();
            return request;
        });
    }

    public static Task<IntakeRequest> FindRequestAsync(this SuiviApp app, Guid id) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db =>
            db.Requests.AsNoTracking().Include(r => r.Persons).Include(r => r.Decisions).SingleAsync(r => r.Id == id));

    public static Task<Service> AddServiceAsync(this SuiviApp app, string code, string name) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var service = new Service(code, name, ServiceKind.HomeVisiting);
            db.Services.Add(service);
            await db.SaveChangesAsync();
            return service;
        });

    /// <summary>How many records of the case work exist in alpha: what a refused form must leave as it was.</summary>
    public static Task<(int Requests, int Decisions, int CaseFiles, int People)> CountAsync(this SuiviApp app) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db => (
            await db.Requests.CountAsync(), await db.RequestDecisions.CountAsync(), await db.CaseFiles.CountAsync(),
            await db.Beneficiaries.CountAsync()));

    /// <summary>The messages shown next to fields, by field name.</summary>
    public static Dictionary<string, string> FieldMessages(IHtmlDocument page) =>
        page.QuerySelectorAll("span[data-valmsg-for]").Where(span => span.TextContent.Trim().Length > 0)
            .ToDictionary(span => span.GetAttribute("data-valmsg-for")!, span => span.TextContent.Trim());
}
