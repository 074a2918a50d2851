using System.Text;
using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using static Suivi.Tests.Features.Imports.ImportFiles;

namespace Suivi.Tests.Features.Imports;

/// <summary>Deliveries imported in bulk obey the rules of every recorded delivery; one wrong row and nothing is written.</summary>
public sealed class DeliveryImportTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public async Task Import_WritesEveryRow_WithItsCodesResolvedAndItsRun()
    {
        var alpha = app.World.Alpha;
        var before = await app.DeliveriesAsync();
        var file = Csv(DeliveryHeader,
            Delivery("W-1", "2025-03-03", hours: "1:30", start: "09:30", category: "AEV", caseFile: alpha.CaseFile.Reference,
                site: "Antenne Centre", km: "\"12,5\"", note: "Home visit"),
            Delivery("W-2", "04/03/2025", hours: "0.75", type: "PAIR-VISIT", others: "Marc Weber", worker: alpha.Staff.Id.ToString()),
            Delivery("W-3", "2025-03-05", hours: "2", type: "COORDINATION"));

        var outcome = await app.ImportAsync(ImportKind.Deliveries, file);

        outcome.Succeeded();
        Assert.Equal((3, 3, 0), (outcome.RowsRead, outcome.RowsWritten, outcome.RowsSkipped));
        Assert.Equal(before + 3, await app.DeliveriesAsync());
        var first = await app.InAlphaAsync(db => db.Deliveries.Include(d => d.OtherWorkers).SingleAsync(d => d.ExternalId == "W-1"));
        Assert.Equal((new DateOnly(2025, 3, 3), new TimeOnly(9, 30), 5400), (first.OnDate, first.StartTime, first.DurationSeconds));
        Assert.Equal(alpha.Item(ListKind.ActCategory, "AEV").Id, first.ActCategoryId);
        Assert.Equal((alpha.CaseFile.Id, alpha.Site.Id, 12_500), (first.CaseFileId, first.SiteId, first.DistanceMetres));
        Assert.Equal((outcome.RunId, alpha.Organisation.Id), (first.ImportRunId!.Value, first.OrganisationId));
        var pair = await app.InAlphaAsync(db => db.Deliveries.Include(d => d.OtherWorkers).SingleAsync(d => d.ExternalId == "W-2"));
        Assert.Equal(new DateOnly(2025, 3, 4), pair.OnDate);
        Assert.Single(pair.OtherWorkers);
    }

    [Fact]
    public async Task Import_IsAuditedOnce_ForTheWholeRun()
    {
        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv(DeliveryHeader,
            Delivery("A-1", "2025-04-01"), Delivery("A-2", "2025-04-02")));

        outcome.Succeeded();
        var entry = await app.InAlphaAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == outcome.RunId && a.EntityType == nameof(ServiceDelivery)));
        Assert.Equal((AuditAction.Create, app.World.Alpha.AdminEmail), (entry.Action, entry.UserName));
    }

    [Fact]
    public async Task DryRun_WritesNothing_AndListsEveryErrorWithLineColumnAndReason()
    {
        var before = await app.DeliveriesAsync();
        var file = Csv(DeliveryHeader,
            Delivery("D-1", "2025-05-01"),
            Delivery("D-2", "2025-05-02", hours: "abc"),
            Delivery("D-3", "2025-05-03", type: "NOPE"),
            Delivery("D-4", "2025-05-04", worker: "Nobody Here"),
            Delivery("D-5", "2025-05-05", service: "XYZ"));

        var outcome = await app.ImportAsync(ImportKind.Deliveries, file, dryRun: true);

        Assert.Equal((ImportStatus.Failed, 4L, 5L), (outcome.Status, outcome.ErrorCount, outcome.RowsRead));
        outcome.HasError(3, "hours", "Give the hours as 1.5 or as hours and minutes (1:30).");
        outcome.HasError(4, "type", "Unknown code {0} for the service {1}.");
        outcome.HasError(5, "worker", "No staff member is called {0}: give the full name as in Suivi, or the id.");
        Assert.Equal(["XYZ"], outcome.HasError(6, "service", "Unknown service code {0}.").Arguments);
        Assert.Equal(before, await app.DeliveriesAsync());
    }

    [Fact]
    public async Task DryRun_OfACorrectFile_SucceedsAndWritesNothing()
    {
        var before = await app.DeliveriesAsync();

        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv(DeliveryHeader, Delivery("C-1", "2025-05-20")), dryRun: true);

        outcome.Succeeded();
        Assert.Equal((1L, 0L), (outcome.RowsRead, outcome.RowsWritten));
        Assert.Equal(before, await app.DeliveriesAsync());
    }

    [Fact]
    public async Task OneBadRowInTheMiddle_ImportsNothing_AndNamesTheRow()
    {
        var before = await app.DeliveriesAsync();
        var rows = Enumerable.Range(1, 3000).Select(i => Delivery($"M-{i}", new DateOnly(2023, 1, 1).AddDays(i % 300).ToString("yyyy-MM-dd"),
            hours: i == 1500 ? "-2" : "0.25", worker: i % 2 == 0 ? "Paula Reis" : "Marc Weber")).ToList();

        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv([DeliveryHeader, .. rows]));

        Assert.Equal((ImportStatus.Failed, 1L, 0L), (outcome.Status, outcome.ErrorCount, outcome.RowsWritten));
        outcome.HasError(1501, "hours", "A duration is more than zero hours.");
        Assert.Equal(before, await app.DeliveriesAsync());
    }

    [Fact]
    public async Task Reimport_OfTheSameFile_ChangesNothing()
    {
        var file = Csv(DeliveryHeader, Delivery("R-1", "2025-07-01"), Delivery("R-2", "2025-07-02"));
        (await app.ImportAsync(ImportKind.Deliveries, file)).Succeeded();
        var before = await app.DeliveriesAsync();

        var again = await app.ImportAsync(ImportKind.Deliveries, file);

        again.Succeeded();
        Assert.Equal((2L, 0L, 2L), (again.RowsRead, again.RowsWritten, again.RowsSkipped));
        Assert.Equal(before, await app.DeliveriesAsync());
    }

    [Fact]
    public async Task SameExternalIdTwice_IsRejected_NamingBothLines()
    {
        var before = await app.DeliveriesAsync();

        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv(DeliveryHeader,
            Delivery("T-1", "2025-07-10"), Delivery("T-2", "2025-07-11"), Delivery("T-1", "2025-07-12")));

        Assert.Equal(["T-1", "2"], outcome.HasError(4, "external_id", "The external id {0} is already on line {1} of the file.").Arguments);
        Assert.Equal(1, outcome.ErrorCount);
        Assert.Equal(before, await app.DeliveriesAsync());
    }

    [Theory]
    [InlineData("-1", "A duration is more than zero hours.")]
    [InlineData("0", "A duration is more than zero hours.")]
    [InlineData("0:00", "A duration is more than zero hours.")]
    [InlineData("30", "A duration is at most 24 hours.")]
    [InlineData("1.234", "Give the hours as 1.5 or as hours and minutes (1:30).")]
    public async Task BadDuration_IsRejected(string hours, string reason)
    {
        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv(DeliveryHeader, Delivery($"H-{hours}", "2025-08-01", hours: hours)));

        outcome.HasError(2, "hours", reason);
    }

    [Fact]
    public async Task ThirtyHoursInADay_ForOneWorker_AcrossTwoRows_IsRejected()
    {
        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv(DeliveryHeader,
            Delivery("X-1", "2025-08-11", hours: "16"), Delivery("X-2", "2025-08-12", hours: "16"), Delivery("X-3", "2025-08-11", hours: "14")));

        var error = outcome.HasError(4, "hours", "{0} would work {1} hours on {2} with this line (that day starts on line {3}): more than 24 hours in a day.");
        Assert.Equal(["Paula Reis", "30", "2025-08-11", "2"], error.Arguments);
        Assert.Equal((1L, 0L), (outcome.ErrorCount, outcome.RowsWritten));
    }

    [Fact]
    public async Task HoursAddingToDeliveriesAlreadyRecorded_PastTwentyFourInADay_AreRejected()
    {
        // The test world records 1.5 hours for Paula Reis on 12 February 2024.
        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv(DeliveryHeader, Delivery("E-1", "2024-02-12", hours: "23")));

        var error = outcome.HasError(2, "hours", "With the deliveries already recorded, {0} works {1} hours on {2}: more than 24 hours in a day.");
        Assert.Equal(["Paula Reis", "24.5", "2024-02-12"], error.Arguments);
    }

    [Fact]
    public async Task DateInTheFuture_BeyondTolerance_IsRejected()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv(DeliveryHeader,
            Delivery("F-1", today.AddDays(3).ToString("yyyy-MM-dd")), Delivery("F-2", today.AddDays(1).ToString("yyyy-MM-dd"))));

        outcome.HasError(2, "date", "A delivery is recorded once done: the date lies in the future.");
        Assert.Equal(1, outcome.ErrorCount);
    }

    [Fact]
    public async Task UnknownCategory_IsRejected()
    {
        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv(DeliveryHeader, Delivery("K-1", "2025-08-20", category: "CHESS")));

        Assert.Equal(["CHESS", "PSY"], outcome.HasError(2, "act_category", "Unknown code {0} for the service {1}.").Arguments);
    }

    [Fact]
    public async Task CategoryRetired_BeforeTheDay_IsRejected_ButNotForEarlierDays()
    {
        await app.InAlphaAsync(async db =>
        {
            var garde = await db.ListItems.SingleAsync(i => i.List == ListKind.ActCategory && i.Code == "GARDE");
            garde.Retire(new DateOnly(2025, 1, 1));
            return await db.SaveChangesAsync();
        });

        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv(DeliveryHeader,
            Delivery("G-1", "2024-12-31", category: "GARDE"), Delivery("G-2", "2025-01-02", category: "GARDE")));

        outcome.HasError(3, "act_category", "The code {0} was retired on {1}: it is not used for later records.");
        Assert.Equal(1, outcome.ErrorCount);
    }

    [Fact]
    public async Task DeliveryForAClosedCaseFile_IsRejected()
    {
        var alpha = app.World.Alpha;
        await app.InAlphaAsync(async db =>
        {
            var file = new CaseFile(alpha.Service.Id, "PSY-CLOSED-1", new DateOnly(2024, 1, 10));
            file.AddMember(alpha.Child.Id, CaseMemberRole.Child);
            file.Close(new DateOnly(2024, 3, 1), alpha.Item(ListKind.ClosureReason, "MOVED").Id, null, null);
            db.CaseFiles.Add(file);
            return await db.SaveChangesAsync();
        });

        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv(DeliveryHeader,
            Delivery("CF-1", "2024-02-20", caseFile: "PSY-CLOSED-1"), Delivery("CF-2", "2025-01-10", caseFile: "PSY-CLOSED-1")));

        outcome.HasError(3, "case_file", "The case file was not open on this date.");
        Assert.Equal(1, outcome.ErrorCount);
    }

    [Fact]
    public async Task AnotherOrganisationsCaseFileReference_IsUnknown()
    {
        var outcome = await app.ImportAsync(ImportKind.Deliveries, Csv(DeliveryHeader,
            Delivery("B-1", "2025-02-20", caseFile: app.World.Beta.CaseFile.Reference)));

        Assert.Equal([app.World.Beta.CaseFile.Reference], outcome.HasError(2, "case_file", "No case file has the reference {0}.").Arguments);
    }

    [Fact]
    public async Task SemicolonSeparatedFile_WithByteOrderMarkAndQuotedLines_IsRead()
    {
        var text = "\uFEFF" + DeliveryHeader.Replace(',', ';') + "\r\n" +
                   "S-1;PSY;2025-09-01;;1,5;CONSULT-CHILD;;Paula Reis;;;;;;\"Visit; then a call\r\nabout the school\"\r\n" +
                   "S-2;PSY;2025-09-02;;2;CONSULT-CHILD;;Paula Reis;;;;;;\r\n";

        var outcome = await app.ImportAsync(ImportKind.Deliveries, Encoding.UTF8.GetBytes(text));

        outcome.Succeeded();
        var note = await app.InAlphaAsync(db => db.Deliveries.Where(d => d.ExternalId == "S-1").Select(d => d.Note).SingleAsync());
        Assert.Equal("Visit; then a call\r\nabout the school", note);
    }

    [Fact]
    public async Task Workbook_WithSharedStringsAndExcelDatesAndTimes_IsRead()
    {
        var columns = DeliveryHeader.Split(',');
        var file = Xlsx(sheet =>
        {
            for (var c = 0; c < columns.Length; c++)
            {
                sheet.Cell(1, c + 1).Value = columns[c];
            }
            foreach (var (row, id) in new[] { (2, "X-1"), (3, "X-2") })
            {
                sheet.Cell(row, 1).Value = id;
                sheet.Cell(row, 2).Value = "PSY";
                sheet.Cell(row, 6).Value = "CONSULT-CHILD";
                sheet.Cell(row, 8).Value = "Paula Reis";
            }
            // A date typed as a date, a time of day, hours as a time (1:30) and as a number.
            sheet.Cell(2, 3).Value = new DateTime(2025, 10, 6);
            sheet.Cell(2, 4).Value = new TimeSpan(14, 15, 0);
            sheet.Cell(2, 5).Value = new TimeSpan(1, 30, 0);
            sheet.Cell(2, 13).Value = 7.5;
            // An Excel serial date without a date format (2025-10-07), text hours with a decimal comma.
            sheet.Cell(3, 3).Value = 45937;
            sheet.Cell(3, 5).Value = "0,5";
        });

        var outcome = await app.ImportAsync(ImportKind.Deliveries, file, fileName: "deliveries.xlsx");

        outcome.Succeeded();
        var rows = await app.InAlphaAsync(db => db.Deliveries.Where(d => d.ImportRunId == outcome.RunId).OrderBy(d => d.ExternalId).ToListAsync());
        Assert.Equal((new DateOnly(2025, 10, 6), new TimeOnly(14, 15), 5400, 7500), (rows[0].OnDate, rows[0].StartTime!.Value, rows[0].DurationSeconds, rows[0].DistanceMetres!.Value));
        Assert.Equal((new DateOnly(2025, 10, 7), 1800), (rows[1].OnDate, rows[1].DurationSeconds));
    }
}
