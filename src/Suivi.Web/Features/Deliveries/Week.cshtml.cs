using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Deliveries;

/// <summary>
/// A week of deliveries in a keyboard grid (wwwroot/js/delivery-grid.js): a worker's (by default the signed-in
/// person's) or a service team's. The grid checks each row as it is typed (handler Validate) and saves the whole
/// week at once (handler Save): all rows or, when one is wrong, none. Its texts come translated in the page.
/// </summary>
[Authorize(Policy = Policies.EditRecords)]
public sealed class WeekModel(SuiviDbContext db, TimeProvider clock, CurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Choice(Guid Id, string Label);

    [BindProperty(SupportsGet = true)]
    public Guid? Worker { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Service { get; set; }

    [BindProperty(SupportsGet = true, Name = "week")]
    public string? WeekText { get; set; }

    public WeekGrid.Scope? Scope { get; private set; }
    public IReadOnlyList<Choice> Workers { get; private set; } = [];
    public IReadOnlyList<Choice> Services { get; private set; } = [];
    public string? ShownName { get; private set; }

    /// <summary>The grid's data and translated texts, for the JSON block the script reads.</summary>
    public string GridJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(cancellationToken);
        if (scope is { Found: false })
        {
            return NotFound();
        }
        Scope = scope.Scope;
        Services = await db.Services.OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
        Workers = (await db.Staff.Select(s => new { s.Id, s.FirstName, s.LastName }).ToListAsync(cancellationToken))
            .OrderBy(s => s.LastName, StringComparer.CurrentCulture).ThenBy(s => s.FirstName, StringComparer.CurrentCulture)
            .Select(s => new Choice(s.Id, $"{s.FirstName} {s.LastName}")).ToList();
        if (Scope is { } shown)
        {
            ShownName = shown.WorkerId is { } worker ? Workers.SingleOrDefault(w => w.Id == worker)?.Label : Services.SingleOrDefault(s => s.Id == shown.ServiceId)?.Label;
            var data = await Grid.LoadAsync(shown, cancellationToken);
            GridJson = JsonSerializer.Serialize(new { data, texts = Texts(), culture = CultureInfo.CurrentCulture.Name }, Json);
        }
        return Page();
    }

    /// <summary>The case files and persons matching what is typed in the grid's search cell.</summary>
    public async Task<IActionResult> OnGetFindAsync(string? q, CancellationToken cancellationToken) =>
        new JsonResult(await Grid.FindAsync(q, cancellationToken), Json);

    /// <summary>Checks the rows without saving: each row's problems by field, and each worker's hours per day.</summary>
    public Task<IActionResult> OnPostValidateAsync(CancellationToken cancellationToken) => RunAsync(apply: false, cancellationToken);

    /// <summary>Saves the week: every row and removal, in one transaction, or nothing.</summary>
    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) => RunAsync(apply: true, cancellationToken);

    private async Task<IActionResult> RunAsync(bool apply, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(cancellationToken);
        if (scope.Scope is not { } shown)
        {
            return NotFound();
        }
        WeekGrid.WeekWrite? write;
        try
        {
            write = await Request.ReadFromJsonAsync<WeekGrid.WeekWrite>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            write = null;
        }
        catch (InvalidOperationException)
        {
            // Not JSON at all.
            write = null;
        }
        if (write is null)
        {
            return Problem(StatusCodes.Status400BadRequest, localizer["The grid sent something Suivi cannot read. Reload the page and try again."], null, null);
        }
        try
        {
            var outcome = await Grid.RecordAsync(shown, write, apply, cancellationToken);
            if (!outcome.Succeeded)
            {
                var errors = outcome.Problems.GroupBy(p => p.RowKey).ToDictionary(g => g.Key, g => g.Select(p => p.Text(localizer)).ToArray());
                return Problem(StatusCodes.Status400BadRequest, localizer["Nothing was saved: fix the marked cells."], errors, outcome.Totals);
            }
            if (!apply)
            {
                return new JsonResult(new { errors = new Dictionary<string, string[]>(), totals = outcome.Totals }, Json);
            }
            // One SaveChanges, one transaction: the whole week is written, or nothing.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new JsonResult(new { data = await Grid.LoadAsync(shown, cancellationToken), saved = outcome.Recorded.Count }, Json);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem(StatusCodes.Status409Conflict,
                localizer["Someone else changed a delivery of this week meanwhile. Nothing was saved: reload the week and enter your changes again."], null, null);
        }
    }

    private WeekGrid Grid => new(db, clock.Today());

    private JsonResult Problem(int status, string title, Dictionary<string, string[]>? errors, IReadOnlyList<DayTotal>? totals) =>
        new(new
        {
            type = status == StatusCodes.Status409Conflict ? "https://tools.ietf.org/html/rfc9110#section-15.5.10" : "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            title,
            status,
            errors = errors ?? [],
            totals = totals ?? [],
            correlationId = ErrorHandling.CorrelationId(HttpContext),
        }, Json)
        {
            StatusCode = status,
            ContentType = "application/problem+json",
        };

    /// <summary>
    /// The week asked for: ?worker= (in ?service= or their own service), else the team of ?service=, else the signed-in
    /// person's own week. A worker or service the organisation does not have is not found.
    /// </summary>
    private async Task<(bool Found, WeekGrid.Scope? Scope)> ScopeAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var monday = DeliveryText.TryReadWeek(WeekText, out var asked) ? asked : DeliveryText.MondayOf(today);
        Guid? service = null;
        if (Service is { } serviceId)
        {
            if (!await db.Services.AnyAsync(s => s.Id == serviceId, cancellationToken))
            {
                return (false, null);
            }
            service = serviceId;
        }
        var firstService = await db.Services.OrderBy(s => s.Name).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (Worker is { } workerId)
        {
            var worker = await db.Staff.Where(s => s.Id == workerId).Select(s => new { s.ServiceId }).SingleOrDefaultAsync(cancellationToken);
            if (worker is null)
            {
                return (false, null);
            }
            return (service ?? worker.ServiceId ?? firstService) is { } its ? (true, new(monday, its, workerId)) : (true, null);
        }
        if (service is { } team)
        {
            return (true, new(monday, team, null));
        }
        var me = await SignedInWorker.FindAsync(db, user.Id, cancellationToken);
        return me is not null && (me.ServiceId ?? firstService) is { } mine ? (true, new(monday, mine, me.Id)) : (true, null);
    }

    /// <summary>The grid's texts in the reader's language, by the name the script uses.</summary>
    private Dictionary<string, string> Texts() => new()
    {
        ["worker"] = localizer["Worker"],
        ["day"] = localizer["Day"],
        ["start"] = localizer["Start"],
        ["hours"] = localizer["Hours"],
        ["type"] = localizer["Type of delivery"],
        ["category"] = localizer["Act category"],
        ["subject"] = localizer["Case file or person"],
        ["site"] = localizer["Site"],
        ["km"] = localizer["Km"],
        ["note"] = localizer["Note"],
        ["row"] = localizer["Row {0}"],
        ["choose"] = localizer["Choose…"],
        ["none"] = localizer["None"],
        ["remove"] = localizer["Remove row {0}"],
        ["removed"] = localizer["Row removed: it is deleted when you save the week."],
        ["noMatch"] = localizer["Nobody found."],
        ["pick"] = localizer["Choose a case file or person in the list, or leave the cell empty."],
        ["durationFormat"] = localizer["Give hours as 1.5, 1,5 or 1:30."],
        ["durationZero"] = localizer["A duration is more than zero hours."],
        ["durationMax"] = localizer["A duration is at most 24 hours."],
        ["startFormat"] = localizer["Give the time as 9:30."],
        ["kmFormat"] = localizer["Give kilometres as a number, such as 12.5."],
        ["overLimit"] = localizer["over 24 h"],
        ["problems"] = localizer["Cells to fix: {0}. Each marked cell says what is wrong."],
        ["saving"] = localizer["Saving…"],
        ["saved"] = localizer["Week saved: {0} deliveries."],
        ["offline"] = localizer["Suivi could not be reached: nothing was saved. Try again."],
    };
}
