using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Features.Reports;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// The figures of a child-protection service's report: files opened, worked (new and carried over) and closed, the
/// motive at opening beside the motive at closing, children by sex and age band on 31 December, requests by source
/// and decision — counted from the case work itself.
/// </summary>
public sealed class CaseWorkIndicatorTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    /// <summary>The shipped example definition, so the example is proven on both databases.</summary>
    private static readonly string Definition =
        File.ReadAllText(Path.Combine(TestRepository.Root, "docs", "formats", "examples", "report-child-protection.yaml"));

    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task AServicesFigures_ComeFromItsCaseWork_FilesChildrenMotivesAndRequests()
    {
        // Besides the world's file (opened 1 Feb 2024, a girl of 9, physical violence, from the school's request):
        // a file of 2023 carried into 2024 and closed there, requalified from physical violence to family conflict.
        await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var motive = await db.TypologySchemes.Include(s => s.Categories).SingleAsync(s => s.Code == ReadyMade.MainMotiveScheme);
            var reason = await db.ListItems.SingleAsync(i => i.List == ListKind.ClosureReason && i.Code == "GOOD-EVOLUTION");
            var boy = new Beneficiary(new BeneficiaryDetails("Tom", "Kieffer", new DateOnly(2021, 12, 31), Sex.Male, Region.Nord, "lb", null, null, null, null));
            var file = new CaseFile(Alpha.Service.Id, "PSY-2023-CARRIED", new DateOnly(2023, 10, 2));
            file.AddMember(boy.Id, CaseMemberRole.Child);
            db.AddRange(boy, file);
            await db.SaveChangesAsync();
            file.QualifyAtOpening(new QualificationChoice(motive, motive.Categories.Single(c => c.Code == "PHYS").Id, null), null);
            file.Close(new DateOnly(2024, 5, 15), reason.Id, new QualificationChoice(motive, motive.Categories.Single(c => c.Code == "CONFLICT").Id, null), null);
            return await db.SaveChangesAsync();
        });
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);

        var created = await admin.Http.PostAsJsonAsync("/api/o/alpha/reports", new { key = "psy", text = Definition });
        var report = await admin.Http.GetFromJsonAsync<ReportDocument>("/api/o/alpha/reports/psy/2024?lang=fr");
        var earlier = await admin.Http.GetFromJsonAsync<ReportDocument>("/api/o/alpha/reports/psy/2023?lang=fr");

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal([1, 1, 2, 1, 1, 1, 1, 2, 1, 1], Figures(report!, "files"));
        Assert.Null(Block(report!, "files").Warnings);
        // Their records are not listed yet: no link rather than one to a list that could not recompute them.
        Assert.All(Block(report!, "files").Rows!, r => Assert.Null(r.Values[0].Records));
        // The boy turned 3 on 31 December 2024: the age is the age at the end of the year.
        Assert.Equal([[0, 1, 0, 1], [1, 0, 0, 1], [0, 0, 0, 0], [1, 1, 0, 2]], Cells(report!, "children"));
        Assert.Equal([[1, 0, 1], [0, 0, 0], [1, 0, 1]], Cells(report!, "motives"));
        // In 2023 only the carried file was worked, opened that year; nothing was closed; the boy was 1.
        Assert.Equal([1, 0, 1, 1, 0, 0, 1, 0, 0, 0], Figures(earlier!, "files"));
        Assert.Equal([[0, 0, 0, 0], [1, 0, 0, 1], [0, 0, 0, 0], [1, 0, 0, 1]], Cells(earlier!, "children"));
    }

    [Fact]
    public async Task ATypologyOrAnAgeTheDefinitionCannotMean_IsRefusedWithItsLine()
    {
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        var unknownScheme = Definition.Replace("opening.main-motive: PHYS", "opening.motives: PHYS", StringComparison.Ordinal);
        var badAge = Definition.Replace("codes: [0-5]", "codes: [5-0]", StringComparison.Ordinal);

        var scheme = await admin.Http.PostAsJsonAsync("/api/o/alpha/reports", new { key = "bad-scheme", text = unknownScheme });
        var age = await admin.Http.PostAsJsonAsync("/api/o/alpha/reports", new { key = "bad-age", text = badAge });

        Assert.Equal((23, "The organisation has no typology with the code 'motives'."), await FirstProblemAsync(scheme));
        Assert.Equal((32, "An age is a whole number of years (0 to 120), a range ('0-5', '18+') or 'unknown'."), await FirstProblemAsync(age));
    }

    private static async Task<(int Line, string Message)> FirstProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var first = problem.RootElement.GetProperty("problems")[0];
        return (first.GetProperty("line").GetInt32(), first.GetProperty("message").GetString()!);
    }

    private static BlockDocument Block(ReportDocument report, string id) => report.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == id);

    private static decimal[] Figures(ReportDocument report, string id) => [.. Block(report, id).Rows!.Select(r => r.Values[0].Value!.Value)];

    private static decimal[][] Cells(ReportDocument report, string id) => [.. Block(report, id).Rows!.Select(r => r.Values.Select(v => v.Value!.Value).ToArray())];
}
