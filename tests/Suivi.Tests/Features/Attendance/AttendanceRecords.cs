using System.Globalization;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Attendance;

/// <summary>Centres, residences, people and attendance made for one test, so that no test depends on what another one recorded.</summary>
internal static class AttendanceRecords
{
    public static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Task<T> InAlphaAsync<T>(this SuiviApp app, Func<Suivi.Data.SuiviDbContext, Task<T>> work) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, work);

    public static Task<Service> AddServiceAsync(this SuiviApp app, ServiceKind kind, string name, Guid? organisationId = null) =>
        app.InOrganisationAsync(organisationId ?? app.World.Alpha.Organisation.Id, async db =>
        {
            var service = new Service(kind.ToString()[..3].ToUpperInvariant() + Guid.NewGuid().ToString("N")[..8], name, kind);
            db.Services.Add(service);
            await db.SaveChangesAsync();
            return service;
        });

    public static Task<Beneficiary> AddPersonAsync(this SuiviApp app, string firstName, string lastName, Guid? organisationId = null) =>
        app.InOrganisationAsync(organisationId ?? app.World.Alpha.Organisation.Id, async db =>
        {
            var person = new Beneficiary(new BeneficiaryDetails(firstName, lastName, new DateOnly(1950, 5, 17), Sex.Female, Region.Centre,
                "fr", null, null, null, null));
            db.Beneficiaries.Add(person);
            await db.SaveChangesAsync();
            return person;
        });

    public static Task<int> AddVisitsAsync(this SuiviApp app, Guid centreId, DateOnly day, params Guid[] people) =>
        app.InAlphaAsync(async db =>
        {
            db.DayCentreVisits.AddRange(people.Select(p => new DayCentreVisit(centreId, p, day, Today)));
            return await db.SaveChangesAsync();
        });

    public static Task<List<Guid>> VisitorsAsync(this SuiviApp app, Guid centreId, DateOnly day) =>
        app.InAlphaAsync(db => db.DayCentreVisits.Where(v => v.ServiceId == centreId && v.OnDate == day)
            .Select(v => v.BeneficiaryId).OrderBy(p => p).ToListAsync());

    public static Task<HousingStay> AddStayAsync(this SuiviApp app, Guid residenceId, Guid personId, DateOnly from, DateOnly? to) =>
        app.InAlphaAsync(async db =>
        {
            var stay = new HousingStay(residenceId, personId, from, to, Today);
            db.HousingStays.Add(stay);
            await db.SaveChangesAsync();
            return stay;
        });

    public static Task<List<HousingStay>> StaysOfAsync(this SuiviApp app, Guid personId) =>
        app.InAlphaAsync(db => db.HousingStays.AsNoTracking().Where(s => s.BeneficiaryId == personId).OrderBy(s => s.From).ToListAsync());

    public static Task<CareInsurancePeriod> AddCarePeriodAsync(this SuiviApp app, Guid personId, DateOnly from, DateOnly? to) =>
        app.InAlphaAsync(async db =>
        {
            var period = new CareInsurancePeriod(personId, from, to);
            db.CareInsurancePeriods.Add(period);
            await db.SaveChangesAsync();
            return period;
        });

    public static Task<List<CareInsurancePeriod>> CarePeriodsOfAsync(this SuiviApp app, Guid personId) =>
        app.InAlphaAsync(db => db.CareInsurancePeriods.AsNoTracking().Where(p => p.BeneficiaryId == personId).OrderBy(p => p.From).ToListAsync());

    public static Task<GroupActivity> AddActivityAsync(this SuiviApp app, Guid serviceId, string title, DateOnly on, int unnamed,
        params Guid[] participants) =>
        app.InAlphaAsync(async db =>
        {
            var kind = app.World.Alpha.Item(ListKind.GroupActivityKind, "CLUB-SESSION");
            var activity = new GroupActivity(serviceId, new GroupActivityDetails(kind.Id, title, on, null, null, unnamed));
            foreach (var person in participants)
            {
                activity.AddParticipant(person);
            }
            db.GroupActivities.Add(activity);
            await db.SaveChangesAsync();
            return activity;
        });

    public static Task<List<Guid>> ParticipantsOfAsync(this SuiviApp app, Guid activityId) =>
        app.InAlphaAsync(db => db.GroupActivityParticipants.Where(p => p.ActivityId == activityId).Select(p => p.BeneficiaryId).ToListAsync());

    /// <summary>The messages shown next to fields, by field name.</summary>
    public static Dictionary<string, string> FieldMessages(IHtmlDocument page) =>
        page.QuerySelectorAll("span[data-valmsg-for]").Where(span => span.TextContent.Trim().Length > 0)
            .ToDictionary(span => span.GetAttribute("data-valmsg-for")!, span => span.TextContent.Trim());

    /// <summary>The form-wide messages (the validation summary).</summary>
    public static IReadOnlyList<string> FormMessages(IHtmlDocument page) =>
        page.QuerySelectorAll(".errors li").Select(li => li.TextContent.Trim()).Where(t => t.Length > 0).ToList();

    /// <summary>Posts a form whose fields may repeat (ticked boxes), with the antiforgery token of <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFieldsAsync(this TestClient client, string url, string formPage,
        IEnumerable<(string Name, string Value)> fields)
    {
        var token = await client.AntiforgeryTokenAsync(formPage);
        var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token)));
        return await client.Http.PostAsync(url, content);
    }
}
