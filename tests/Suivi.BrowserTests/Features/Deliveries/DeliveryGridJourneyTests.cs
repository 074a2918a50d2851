using System.Globalization;
using System.Text.RegularExpressions;
using Suivi.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.Deliveries;

/// <summary>
/// A worker records last week's home visits in the week grid with the keyboard only: five rows, Monday to Friday,
/// one typed wrong and put right, saved at once with Ctrl+Enter; the list of deliveries then shows them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeliveryGridJourneyTests(SuiviInBrowser suivi)
{
    /// <summary>Hours, start and whether to look for Ana Gonçalves's case file, for each day from Monday.</summary>
    private static readonly (string Start, string Shown, string Hours, bool ForAna)[] Visits =
    [
        ("7:05", "07:05", "1,5", true), ("7:10", "07:10", "2", false), ("7h15", "07:15", "0:45", true), ("7:20", "07:20", "1.25", false),
        ("7:25", "07:25", "1", false),
    ];

    [Fact]
    public Task Worker_RecordsAWeekOfVisitsWithTheKeyboardOnly_FixesABadDuration_AndTheListShowsThem() => suivi.JourneyAsync(async page =>
    {
        // Last week: every day of it is over, so each weekday may get a visit. The app counts days in UTC.
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
        var week = $"{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue)):0000}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}";
        var grid = $"/o/arc-en-ciel/deliveries/week?week={week}";

        await page.SignInAsync(DemoAccounts.Worker, grid);
        var listLink = page.Locator("main .heading a[href^='/o/arc-en-ciel/deliveries?']");
        var listUrl = await listLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("No link to the list of the week.");
        var rows = page.Locator("#delivery-grid .grid-table tbody tr");
        // The grid opens on the day cell of its empty row, ready to type.
        await Expect(rows.Last.Locator("[data-field='onDate']")).ToBeFocusedAsync();
        var before = await rows.CountAsync() - 1;

        var keyboard = page.Keyboard;
        for (var day = 0; day < Visits.Length; day++)
        {
            var (start, _, hours, forAna) = Visits[day];
            var row = rows.Nth(before + day);
            if (day == 0)
            {
                // Up to the first day of the week, whatever the row starts on.
                for (var up = 0; up < 6; up++)
                {
                    await keyboard.PressAsync("ArrowUp");
                }
            }
            else
            {
                // A new row starts on the day of the row above: one day further.
                await keyboard.PressAsync("ArrowDown");
            }
            await Expect(row.Locator("[data-field='onDate']")).ToHaveValueAsync(monday.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await keyboard.PressAsync("Enter");
            await keyboard.TypeAsync(start);
            await keyboard.PressAsync("Enter");
            if (day == 2)
            {
                // A slip: the hours are not a number. The cell says so at once, in words, and is marked invalid.
                await keyboard.TypeAsync("0:4S");
                var hoursCell = row.Locator("[data-field='duration']");
                await Expect(hoursCell).ToHaveAttributeAsync("aria-invalid", "true");
                var message = row.Locator(".cell-duration .cell-error");
                await Expect(message).ToBeVisibleAsync();
                await Expect(message).Not.ToBeEmptyAsync();
                await keyboard.PressAsync("Control+A");
            }
            await keyboard.TypeAsync(hours);
            if (day == 2)
            {
                await Expect(row.Locator("[data-field='duration']")).Not.ToHaveAttributeAsync("aria-invalid", "true");
                await Expect(row.Locator(".cell-duration .cell-error")).ToBeEmptyAsync();
            }
            await keyboard.PressAsync("Enter");
            if (day == 0)
            {
                // The first letters of "Visite à domicile" (a space would open the list); the rows below keep the type chosen above them.
                await keyboard.TypeAsync("visite");
            }
            await keyboard.PressAsync("Enter");
            await keyboard.PressAsync("Enter"); // no act category
            if (forAna)
            {
                await keyboard.TypeAsync("Goncalves ana");
                var listbox = row.Locator("[role='listbox']");
                await Expect(listbox.Locator("[role='option']").First).ToBeVisibleAsync();
                await keyboard.PressAsync("Enter"); // the first: her case file
                await Expect(row.Locator("[data-field='subject']")).ToHaveValueAsync(new Regex("Ana Gonçalves"));
            }
            else
            {
                await keyboard.PressAsync("Enter");
            }
            await keyboard.PressAsync("Enter"); // the service's site, chosen already
            await keyboard.TypeAsync(day % 2 == 0 ? "12" : "");
            await keyboard.PressAsync("Enter");
            await keyboard.TypeAsync($"Visite {day + 1}");
            await keyboard.PressAsync("Enter");
        }
        await Expect(rows).ToHaveCountAsync(before + Visits.Length + 1);
        await Expect(page.Locator("#delivery-grid .cell-error:not(:empty)")).ToHaveCountAsync(0);

        await keyboard.PressAsync("Control+Enter");

        var status = page.Locator("#delivery-grid .grid-status");
        await Expect(status).ToContainTextAsync((before + Visits.Length).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#delivery-grid [data-field='duration']")).ToHaveCountAsync(before + Visits.Length + 1);

        await page.GotoAsync(listUrl);
        var listed = page.Locator("main table.deliveries tbody tr");
        await Expect(listed).ToHaveCountAsync(before + Visits.Length);
        var french = new CultureInfo("fr-FR");
        for (var day = 0; day < Visits.Length; day++)
        {
            // The demo's own deliveries start at 8:30 or later: these are the ones just typed.
            var visit = listed.Filter(new() { Has = page.Locator("th", new() { HasTextString = monday.AddDays(day).ToString("d", french) }) })
                .Filter(new() { Has = page.Locator("td", new() { HasTextString = Visits[day].Shown }) });
            await Expect(visit).ToHaveCountAsync(1);
            if (Visits[day].ForAna)
            {
                await Expect(visit).ToContainTextAsync("Ana Gonçalves");
            }
        }
    });
}
