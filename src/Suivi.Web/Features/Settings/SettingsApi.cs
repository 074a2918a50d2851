using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Security;

namespace Suivi.Features.Settings;

/// <summary>
/// The organisation's configurable lists and typologies as JSON: every member reads them (integrations
/// need the codes), administrators add and retire list entries. Errors are RFC 9457 problem details.
/// </summary>
public static class SettingsApi
{
    public sealed record ListItemDocument(Guid Id, ListKind List, string Code, Label Label, int Position, Guid? ServiceId,
        FlagValue FlagValue, DateOnly? RetiredOn, long Version);

    public sealed record ListItemWrite(ListKind? List, string? Code, string? LabelFr, string? LabelDe, string? LabelEn, int? Position,
        Guid? ServiceId, FlagValue? FlagValue);

    public sealed record TypologySummary(Guid Id, string Code, Label Name, int Edition, int ActiveCategories, int RetiredCategories);

    public sealed record CategoryDocument(Guid Id, string Code, Label Label, string? Group, int Position, int SinceEdition,
        int? RetiredInEdition, DateOnly? RetiredOn);

    public sealed record TypologyDocument(Guid Id, string Code, Label Name, int Edition, IReadOnlyList<CategoryDocument> Categories, long Version);

    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/lists").RequireAuthorization(Policies.Member).WithTags("Lists");
        lists.MapGet("/", List).WithName("ListEntries").WithSummary("The entries of the configurable lists, in order; active ones unless includeRetired.");
        lists.MapGet("/{id:guid}", Get).WithName("ListEntry").WithSummary("One list entry.");
        lists.MapPost("/", Create).RequireAuthorization(Policies.AdministerOrganisation)
            .WithName("AddListEntry").WithSummary("Adds an entry to a list, for the whole organisation or one service.");
        lists.MapPost("/{id:guid}/retirement", Retire).RequireAuthorization(Policies.AdministerOrganisation)
            .WithName("RetireListEntry").WithSummary("Retires an entry: records that used it keep it, forms no longer offer it.");

        var typologies = api.MapGroup("/typologies").RequireAuthorization(Policies.Member).WithTags("Typologies");
        typologies.MapGet("/", Typologies).WithName("Typologies").WithSummary("The classification schemes with their edition.");
        typologies.MapGet("/{id:guid}", Typology).WithName("Typology").WithSummary("A scheme with its categories, retired ones included.");
        return api;
    }

    private static async Task<Ok<List<ListItemDocument>>> List(SuiviDbContext db, ListKind? kind, bool? includeRetired,
        CancellationToken cancellationToken)
    {
        var items = db.ListItems.AsNoTracking();
        if (kind is { } k)
        {
            items = items.Where(i => i.List == k);
        }
        if (includeRetired != true)
        {
            items = items.Where(i => i.RetiredOn == null);
        }
        var found = await items.ToListAsync(cancellationToken);
        return TypedResults.Ok(found.OrderBy(i => i.List).ThenBy(i => i.Position).ThenBy(i => i.Code, StringComparer.Ordinal)
            .Select(Document).ToList());
    }

    private static async Task<Results<Ok<ListItemDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, CancellationToken cancellationToken)
    {
        var item = await db.ListItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return item is null ? PeopleApi.NotFound() : TypedResults.Ok(Document(item));
    }

    private static async Task<Results<Created<ListItemDocument>, ValidationProblem>> Create(ListItemWrite body, SuiviDbContext db,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (body.List is not { } list)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["list"] = ["Choose the list the entry belongs to."] });
        }
        try
        {
            var item = await ListEntries.AddAsync(db, new NewListEntry(list, body.Code, body.LabelFr, body.LabelDe, body.LabelEn,
                body.Position, body.ServiceId, body.FlagValue ?? FlagValue.None), cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{item.Id}", Document(item));
        }
        catch (DomainRuleException rule)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [JsonName(rule.Field)] = [rule.Message] });
        }
    }

    private static async Task<Results<Ok<ListItemDocument>, ProblemHttpResult>> Retire(Guid id, SuiviDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var item = await db.ListItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null)
        {
            return PeopleApi.NotFound();
        }
        item.Retire(clock.Today());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The entry was changed by someone else",
                detail: "Nothing was saved. Read the entry again and retry.");
        }
        return TypedResults.Ok(Document(item));
    }

    private static async Task<Ok<List<TypologySummary>>> Typologies(SuiviDbContext db, CancellationToken cancellationToken)
    {
        var schemes = await db.TypologySchemes.AsNoTracking().Include(s => s.Categories).ToListAsync(cancellationToken);
        return TypedResults.Ok(schemes.OrderBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => new TypologySummary(s.Id, s.Code, s.Name, s.Edition,
                s.Categories.Count(c => c.RetiredOn is null), s.Categories.Count(c => c.RetiredOn is not null)))
            .ToList());
    }

    private static async Task<Results<Ok<TypologyDocument>, ProblemHttpResult>> Typology(Guid id, SuiviDbContext db,
        CancellationToken cancellationToken)
    {
        var scheme = await db.TypologySchemes.AsNoTracking().Include(s => s.Categories).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scheme is null)
        {
            return PeopleApi.NotFound();
        }
        var categories = scheme.Categories.OrderBy(c => c.Position)
            .Select(c => new CategoryDocument(c.Id, c.Code, c.Label, c.Group, c.Position, c.SinceEdition, c.RetiredInEdition, c.RetiredOn))
            .ToList();
        return TypedResults.Ok(new TypologyDocument(scheme.Id, scheme.Code, scheme.Name, scheme.Edition, categories, scheme.Version));
    }

    private static ListItemDocument Document(ListItem i) =>
        new(i.Id, i.List, i.Code, i.Label, i.Position, i.ServiceId, i.FlagValue, i.RetiredOn, i.Version);

    private static string JsonName(string? field) => string.IsNullOrEmpty(field) ? "" : char.ToLowerInvariant(field[0]) + field[1..];
}
