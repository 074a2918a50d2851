using System.Globalization;
using AngleSharp.Html.Dom;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;
using static Suivi.Tests.Features.Attendance.AttendanceRecords;

namespace Suivi.Tests.Features.Attendance;

public sealed class OverviewTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    [Fact]
    public async Task Overview_CountsThisYearsAttendance()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);
        var before = await FiguresAsync(client);
        var year = Today.Year;
        var centre = await app.AddServiceAsync(ServiceKind.DayCentre, "Foyer de l'aperçu");
        var residence = await app.AddServiceAsync(ServiceKind.SupervisedHousing, "Résidence de l'aperçu");
        var first = await app.AddPersonAsync("Alice", "Aperçu");
        var second = await app.AddPersonAsync("Basile", "Aperçu");
        await app.AddVisitsAsync(centre.Id, Today, first.Id, second.Id);
        await app.AddVisitsAsync(app.World.Alpha.Activities.DayCentre.Id, Today, first.Id);
        await app.AddVisitsAsync(centre.Id, new DateOnly(year - 1, 12, 31), first.Id);
        await app.AddStayAsync(residence.Id, first.Id, new DateOnly(year, 1, 1), null);
        await app.AddActivityAsync(centre.Id, "Loto", Today, 2, second.Id);
        await app.AddCarePeriodAsync(second.Id, Today.AddDays(-30), null);

        var after = await FiguresAsync(client);

        string Key(string text) => string.Format(CultureInfo.InvariantCulture, app.Shown(text), year);
        decimal Change(string text) => after[Key(text)] - before[Key(text)];
        Assert.Equal(3, Change("Visits in {0}"));
        Assert.Equal(2, Change("Distinct visitors in {0}"));
        Assert.Equal(1, Change("Residents today"));
        Assert.Equal(1m, Change("Average daily occupancy in {0}"));
        Assert.Equal(1, Change("Activities in {0}"));
        Assert.Equal(3, Change("Participations"));
        Assert.Equal(1, Change("Distinct participants"));
        Assert.Equal(1, Change("People receiving the benefits today"));
    }

    private static async Task<Dictionary<string, decimal>> FiguresAsync(TestClient client)
    {
        var (_, page) = await client.GetPageAsync("/o/alpha/attendance");
        return Figures(page);
    }

    private static Dictionary<string, decimal> Figures(IHtmlDocument page) =>
        page.QuerySelectorAll("main .figures > div").ToDictionary(d => d.QuerySelector("dt")!.TextContent.Trim(),
            d => decimal.Parse(d.QuerySelector("dd")!.TextContent.Trim(), NumberStyles.Number, CultureInfo.GetCultureInfo("fr-FR")));
}
