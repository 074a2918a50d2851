using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Features.Referrals;
using Suivi.Security;

namespace Suivi.Features.Partners;

/// <summary>
/// The partner directory as JSON, for integrations, and its Open Referral (HSDS) export. The directory holds
/// no personal data of beneficiaries: every member reads it, members who record the daily work change it.
/// Errors are RFC 9457 problem details.
/// </summary>
public static class PartnersApi
{
    public sealed record PartnerSummary(Guid Id, string Name, string? Theme, Region? Region, string? Phone, string? Email);

    public sealed record ServiceDocument(Guid Id, Guid PartnerId, string Name, string? Theme, string? Description, string? Phone,
        string? Email, IReadOnlyList<string> Languages, long Version);

    public sealed record PartnerDocument(Guid Id, string Name, string? Theme, string? Address, Region? Region, string? Phone,
        string? Email, string? Website, IReadOnlyList<string> Languages, IReadOnlyList<ServiceDocument> Services, long Version);

    public sealed record PartnerWrite(string? Name, string? Theme, string? Address, Region? Region, string? Phone, string? Email,
        string? Website, IReadOnlyList<string>? Languages, long? Version);

    public sealed record ServiceWrite(string? Name, string? Theme, string? Description, string? Phone, string? Email,
        IReadOnlyList<string>? Languages, long? Version);

    public static RouteGroupBuilder MapPartnersApi(this RouteGroupBuilder api)
    {
        var partners = api.MapGroup("/partners").RequireAuthorization(Policies.Member).WithTags("Partners");
        partners.MapGet("/", List).WithName("ListPartners").WithSummary("Partners matching a search, by name or theme, region and theme");
        partners.MapGet("/hsds", Hsds).WithName("ExportPartnersHsds")
            .WithSummary("The whole directory in the Open Referral Human Services Data Specification (HSDS 3.x) shape, as a file");
        partners.MapGet("/{id:guid}", Get).WithName("GetPartner").WithSummary("A partner with its services");
        partners.MapPost("/", Create).RequireAuthorization(Policies.EditRecords).WithName("CreatePartner").WithSummary("Adds a partner");
        partners.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.EditRecords).WithName("UpdatePartner")
            .WithSummary("Changes a partner; send the version you read");
        partners.MapPost("/{id:guid}/services", AddService).RequireAuthorization(Policies.EditRecords).WithName("AddPartnerService")
            .WithSummary("Adds a service to a partner");
        partners.MapPut("/{id:guid}/services/{serviceId:guid}", UpdateService).RequireAuthorization(Policies.EditRecords)
            .WithName("UpdatePartnerService").WithSummary("Changes a service of a partner; send the version you read");
        api.MapReferralsApi();
        return api;
    }

    private static async Task<Ok<PeopleApi.PageOf<PartnerSummary>>> List(SuiviDbContext db, string? q, Region? region, string? theme,
        int? page, CancellationToken cancellationToken)
    {
        const int pageSize = 50;
        var query = db.Matching(q, region, theme);
        var total = await query.CountAsync(cancellationToken);
        var number = Math.Max(1, page ?? 1);
        var items = await query.InListOrder()
            .Skip((number - 1) * pageSize).Take(pageSize)
            .Select(p => new PartnerSummary(p.Id, p.Name, p.Theme, p.Region, p.Phone, p.Email))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PeopleApi.PageOf<PartnerSummary>(items, total, number, pageSize));
    }

    private static async Task<JsonHttpResult<HsdsExport.Document>> Hsds(SuiviDbContext db, CurrentOrganisation organisation,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var document = await HsdsExport.BuildAsync(db, cancellationToken);
        var today = clock.Today();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"partners-{organisation.Slug}-hsds-{today:yyyy-MM-dd}.json\"";
        return TypedResults.Json(document, HsdsExport.Json);
    }

    private static async Task<Results<Ok<PartnerDocument>, ProblemHttpResult>> Get(Guid id, SuiviDbContext db, CancellationToken cancellationToken)
    {
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return PeopleApi.NotFound();
        }
        return TypedResults.Ok(await DocumentAsync(db, partner, cancellationToken));
    }

    private static async Task<Results<Created<PartnerDocument>, ValidationProblem>> Create(PartnerWrite body, SuiviDbContext db,
        HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            var partner = new Partner(Details(body));
            db.Partners.Add(partner);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{partner.Id}", Document(partner, []));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
    }

    private static async Task<Results<Ok<PartnerDocument>, ValidationProblem, ProblemHttpResult>> Update(Guid id, PartnerWrite body,
        SuiviDbContext db, CancellationToken cancellationToken)
    {
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return PeopleApi.NotFound();
        }
        if (body.Version is not { } version)
        {
            return VersionMissing();
        }
        try
        {
            partner.Update(Details(body));
            db.Entry(partner).Property(p => p.Version).OriginalValue = version;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(await DocumentAsync(db, partner, cancellationToken));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict("The partner was changed by someone else", "Nothing was saved. Read the partner again and apply your change to the current version.");
        }
    }

    private static async Task<Results<Created<ServiceDocument>, ValidationProblem, ProblemHttpResult>> AddService(Guid id, ServiceWrite body,
        SuiviDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.Partners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return PeopleApi.NotFound();
        }
        try
        {
            var service = new PartnerService(id, body.Name ?? "", body.Theme, body.Description, body.Phone, body.Email,
                PartnerLanguages.Join(body.Languages));
            db.PartnerServices.Add(service);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{service.Id}", ServiceDocumentOf(service));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
    }

    private static async Task<Results<Ok<ServiceDocument>, ValidationProblem, ProblemHttpResult>> UpdateService(Guid id, Guid serviceId,
        ServiceWrite body, SuiviDbContext db, CancellationToken cancellationToken)
    {
        var service = await db.PartnerServices.SingleOrDefaultAsync(s => s.Id == serviceId && s.PartnerId == id, cancellationToken);
        if (service is null)
        {
            return PeopleApi.NotFound();
        }
        if (body.Version is not { } version)
        {
            return VersionMissing();
        }
        try
        {
            service.Update(body.Name ?? "", body.Theme, body.Description, body.Phone, body.Email, PartnerLanguages.Join(body.Languages));
            db.Entry(service).Property(s => s.Version).OriginalValue = version;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(ServiceDocumentOf(service));
        }
        catch (DomainRuleException rule)
        {
            return Invalid(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict("The service was changed by someone else", "Nothing was saved. Read the partner again and apply your change to the current version.");
        }
    }

    private static PartnerDetails Details(PartnerWrite body)
    {
        // The directory page links the website: only a web address may be stored, never a javascript: or data: one.
        if (!string.IsNullOrWhiteSpace(body.Website) && !(Uri.TryCreate(body.Website.Trim(), UriKind.Absolute, out var website)
            && (website.Scheme == Uri.UriSchemeHttps || website.Scheme == Uri.UriSchemeHttp)))
        {
            throw new DomainRuleException("Enter a full web address, such as https://www.example.lu.", nameof(PartnerWrite.Website));
        }
        return new(body.Name ?? "", body.Theme, body.Address, body.Region, body.Phone, body.Email, body.Website,
            PartnerLanguages.Join(body.Languages));
    }

    private static async Task<PartnerDocument> DocumentAsync(SuiviDbContext db, Partner partner, CancellationToken cancellationToken)
    {
        var services = await db.PartnerServices.AsNoTracking().Where(s => s.PartnerId == partner.Id).ToListAsync(cancellationToken);
        return Document(partner, services.OrderBy(s => s.Name, StringComparer.Ordinal).Select(ServiceDocumentOf).ToList());
    }

    private static PartnerDocument Document(Partner p, IReadOnlyList<ServiceDocument> services) =>
        new(p.Id, p.Name, p.Theme, p.Address, p.Region, p.Phone, p.Email, p.Website, PartnerLanguages.Split(p.Languages), services, p.Version);

    private static ServiceDocument ServiceDocumentOf(PartnerService s) =>
        new(s.Id, s.PartnerId, s.Name, s.Theme, s.Description, s.Phone, s.Email, PartnerLanguages.Split(s.Languages), s.Version);

    internal static ValidationProblem Invalid(DomainRuleException rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [JsonName(rule.Field ?? "")] = [rule.Message],
        });

    internal static ValidationProblem VersionMissing() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["version"] = ["Send the version you read, so that a concurrent change is not overwritten."],
        });

    internal static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    private static string JsonName(string field) => field.Length == 0 ? "" : char.ToLowerInvariant(field[0]) + field[1..];
}
