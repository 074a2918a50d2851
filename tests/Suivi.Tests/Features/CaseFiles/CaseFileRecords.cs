using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.CaseFiles;

/// <summary>Records the case-file tests start from, made inside alpha the way background code would, and what they read back.</summary>
internal static class CaseFileRecords
{
    public sealed record State(long Version, CaseFileStatus Status, int Episodes, int Qualifications, int Assessments, int Flags, int Members,
        int Notifications, bool IsRestricted);

    /// <summary>A new file of alpha's service with the child as member; qualified at opening by its main motive when <paramref name="motive"/> is given.</summary>
    public static Task<CaseFile> NewFileAsync(this SuiviApp app, DateOnly openedOn, string? motive = "PHYS", Guid? serviceId = null,
        Action<CaseFile>? then = null) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var file = new CaseFile(serviceId ?? app.World.Alpha.Service.Id, "T-" + Guid.NewGuid().ToString("N")[..16], openedOn);
            file.AddMember(app.World.Alpha.Child.Id, CaseMemberRole.Child);
            if (motive is not null)
            {
                var scheme = await db.TypologySchemes.Include(s => s.Categories).SingleAsync(s => s.Code == ReadyMade.MainMotiveScheme);
                file.QualifyAtOpening(new QualificationChoice(scheme, scheme.Categories.Single(c => c.Code == motive).Id, null), null);
            }
            then?.Invoke(file);
            db.CaseFiles.Add(file);
            await db.SaveChangesAsync();
            return file;
        });

    /// <summary>What a refused step must leave untouched (read as someone named on no file: a restricted file reads as restricted).</summary>
    public static Task<State> StateAsync(this SuiviApp app, Guid id) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var access = await db.CaseFileAccess.CountAsync(a => a.CaseFileId == id);
            var file = await db.CaseFiles.AsNoTracking().Include(c => c.Episodes).Include(c => c.Qualifications).Include(c => c.Assessments)
                .Include(c => c.Flags).Include(c => c.Members).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id);
            var notifications = await db.Notifications.CountAsync(n => n.CaseFileId == id);
            return file is null
                ? new State(-1, CaseFileStatus.Open, 0, 0, 0, 0, 0, 0, access > 0)
                : new State(file.Version, file.Status, file.Episodes.Count, file.Qualifications.Count, file.Assessments.Count, file.Flags.Count,
                    file.Members.Count, notifications, file.IsRestricted);
        });

    public static Task<Guid> UserIdAsync(this SuiviApp app, string email) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>A staff record for the person with <paramref name="email"/>, in <paramref name="serviceId"/>.</summary>
    public static async Task<StaffMember> StaffOfAsync(this SuiviApp app, string email, Guid? serviceId)
    {
        var userId = await app.UserIdAsync(email);
        return await app.InOrganisationAsync(app.World.Alpha.Organisation.Id, async db =>
        {
            var staff = new StaffMember("Staff", email.Split('@')[0], Profession.SocialWorker, 1m, serviceId);
            staff.LinkAccount(userId);
            db.Staff.Add(staff);
            await db.SaveChangesAsync();
            return staff;
        });
    }

    public static Guid Category(this SuiviApp app, string scheme, string code) => app.World.Alpha.Category(scheme, code).Id;

    /// <summary>The fields of the page's post form, as the browser would send them.</summary>
    public static async Task<Dictionary<string, string>> FormAsync(this TestClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return HtmlForms.FieldsOf(page.QuerySelector("main form[method=post]") ?? throw new InvalidOperationException($"No form on {url}"));
    }

    public static async Task<IHtmlDocument> PageOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return TestClient.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The one message shown next to a field: the field it is for and its text.</summary>
    public static (string Field, string Message) FieldMessage(IHtmlDocument page)
    {
        var messages = page.QuerySelectorAll("main span[data-valmsg-for]").Where(span => span.TextContent.Trim().Length > 0).ToList();
        var message = Assert.Single(messages);
        return (message.GetAttribute("data-valmsg-for")!, message.TextContent.Trim());
    }
}
