using System.Text;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure.Imports;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Imports;

/// <summary>Import files as organisations bring them, and the engine run as alpha's administrator.</summary>
internal static class ImportFiles
{
    public const string DeliveryHeader = "external_id,service,date,start,hours,type,act_category,worker,other_workers,case_file,person,site,km,note";

    public const string PeopleHeader = "external_id,first_name,last_name,birth_date,sex,region,language,phone,email,address,notes";

    public const string CaseFileHeader = "external_id,service,reference,opened_on,closed_on,closure_reason,members,workers";

    public static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    /// <summary>A workbook whose first sheet ClosedXML fills (strings go to the shared strings table, dates are serial numbers).</summary>
    public static byte[] Xlsx(Action<IXLWorksheet> fill)
    {
        using var workbook = new XLWorkbook();
        fill(workbook.AddWorksheet("Data"));
        using var file = new MemoryStream();
        workbook.SaveAs(file);
        return file.ToArray();
    }

    /// <summary>A delivery row of alpha's psychological service, by Paula Reis, with what the test changes.</summary>
    public static string Delivery(string externalId, string date, string hours = "1.5", string type = "CONSULT-CHILD", string category = "",
        string worker = "Paula Reis", string others = "", string caseFile = "", string person = "", string site = "", string km = "",
        string note = "", string service = "PSY", string start = "") =>
        string.Join(',', externalId, service, date, start, hours, type, category, worker, others, caseFile, person, site, km, note);

    public static async Task<ImportOutcome> ImportAsync(this SuiviApp app, ImportKind kind, byte[] file, bool dryRun = false,
        string fileName = "import.csv", TestWorld.OrganisationRecords? organisation = null)
    {
        var records = organisation ?? app.World.Alpha;
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(records.AdminEmail);
        ImportJobs.ActAs(scope.ServiceProvider, records.Organisation.Id, records.Slug, records.Organisation.Name, admin!.Id, admin.UserName!);
        await using var stream = new MemoryStream(file);
        return await scope.ServiceProvider.GetRequiredService<ImportEngine>().ImportAsync(kind, fileName, stream, dryRun);
    }

    public static Task<int> DeliveriesAsync(this SuiviApp app) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Deliveries.CountAsync());

    public static Task<int> PeopleAsync(this SuiviApp app) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, db => db.Beneficiaries.CountAsync());

    public static Task<T> InAlphaAsync<T>(this SuiviApp app, Func<SuiviDbContext, Task<T>> work) =>
        app.InOrganisationAsync(app.World.Alpha.Organisation.Id, work);

    /// <summary>Asserts the outcome names the error at the line and column, and returns it.</summary>
    public static ImportError HasError(this ImportOutcome outcome, long line, string? column, string reason)
    {
        var error = outcome.Errors.FirstOrDefault(e => e.Line == line && e.Column == column && e.Reason == reason);
        Assert.True(error is not null,
            $"expected line {line}, {column}: {reason}; found:{Environment.NewLine}{string.Join(Environment.NewLine, outcome.Errors.Select(e => $"{e.Line}, {e.Column}: {e.Reason} [{string.Join("; ", e.Arguments)}]"))}");
        return error!;
    }

    public static void Succeeded(this ImportOutcome outcome) =>
        Assert.True(outcome.ErrorCount == 0 && outcome.Status == ImportStatus.Succeeded,
            $"expected no error; found:{Environment.NewLine}{string.Join(Environment.NewLine, outcome.Errors.Select(e => $"{e.Line}, {e.Column}: {e.Reason} [{string.Join("; ", e.Arguments)}]"))}");
}
