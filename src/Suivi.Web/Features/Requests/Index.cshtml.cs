using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Requests;

public sealed class IndexModel(SuiviDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    public sealed record RequestRow(Guid Id, DateOnly ReceivedOn, int WaitingDays, Urgency Urgency, string Service, string Source,
        string Summary, IReadOnlyList<RequestQueue.PersonConcerned> Persons, DecisionKind? Decision, DateOnly? DecidedOn, string? Reason,
        bool Corrected);

    /// <summary>One service's queue: how many wait, how many of them are urgent, and the longest wait.</summary>
    public sealed record ServiceQueue(Guid Id, string Name, int Waiting, int Urgent, int? LongestWait, int Decided);

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Service { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public bool ShowsDecided => string.Equals(Status, "decided", StringComparison.OrdinalIgnoreCase);
    public IReadOnlyList<RequestRow> Requests { get; private set; } = [];
    public IReadOnlyList<ServiceQueue> Services { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var language = Settings.Choices.Language;
        var counts = await db.Requests
            .GroupBy(r => r.ServiceId)
            .Select(g => new
            {
                ServiceId = g.Key,
                Waiting = g.Count(r => r.Decision == null),
                Urgent = g.Count(r => r.Decision == null && r.Urgency == Urgency.Urgent),
                Oldest = g.Where(r => r.Decision == null).Min(r => (DateOnly?)r.ReceivedOn),
                Decided = g.Count(r => r.Decision != null),
            })
            .ToListAsync(cancellationToken);
        Services = (await db.Services.OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            .Select(s => counts.SingleOrDefault(c => c.ServiceId == s.Id) is { } c
                ? new ServiceQueue(s.Id, s.Name, c.Waiting, c.Urgent, c.Oldest is { } oldest ? RequestQueue.WaitingDays(oldest, today) : null, c.Decided)
                : new ServiceQueue(s.Id, s.Name, 0, 0, null, 0))
            .ToList();

        var requests = db.Requests.AsQueryable();
        if (Service is { } service)
        {
            requests = requests.Where(r => r.ServiceId == service);
        }
        var shown = ShowsDecided ? requests.Decided() : requests.Waiting();
        Total = await shown.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await shown.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new
            {
                Request = r,
                Service = db.Services.Where(s => s.Id == r.ServiceId).Select(s => s.Name).First(),
                Latest = db.RequestDecisions.Where(d => d.RequestId == r.Id).OrderByDescending(d => d.Number)
                    .Select(d => new { d.ReasonId, d.Number }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        // Sources and reasons keep their label after they are retired: old requests still read them.
        var itemIds = page.Select(p => p.Latest?.ReasonId).OfType<Guid>().Concat(page.Select(p => p.Request.SourceId)).Distinct().ToList();
        var labels = await db.ListItems.Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Label, cancellationToken);
        var persons = await RequestQueue.PersonsAsync(db, page.Select(p => p.Request.Id).ToList(), cancellationToken);
        Requests = page.Select(p => new RequestRow(p.Request.Id, p.Request.ReceivedOn, RequestQueue.WaitingDays(p.Request.ReceivedOn, today),
                p.Request.Urgency, p.Service, labels[p.Request.SourceId].In(language), Excerpt(p.Request.Summary), persons[p.Request.Id].ToList(),
                p.Request.Decision, p.Request.DecidedOn,
                p.Latest?.ReasonId is { } reason && labels.TryGetValue(reason, out var label) ? label.In(language) : null,
                p.Latest?.Number > 1))
            .ToList();
    }

    /// <summary>The start of the summary, cut at a word, for a list that stays readable.</summary>
    public static string Excerpt(string summary, int length = 120)
    {
        if (summary.Length <= length)
        {
            return summary;
        }
        var cut = summary.LastIndexOf(' ', length);
        return string.Concat(summary.AsSpan(0, cut > length / 2 ? cut : length), "…");
    }
}
