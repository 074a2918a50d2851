using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Security;

/// <summary>
/// Every request the app answers under an organisation's URL, generated from the app's own endpoint
/// table: each page (with its GET, its POST and every named handler) and each API method. A new route
/// is walked by the security suites without anyone adding it to a list; a route with a parameter the
/// walk cannot fill fails loudly until <see cref="RecordIds"/> learns it.
/// </summary>
internal static partial class RouteWalk
{
    /// <summary>
    /// One request of the walk; <see cref="Route"/> is the endpoint's pattern, for messages.
    /// <see cref="ForAdministrators"/>: only the organisation's administrators may use the route at all.
    /// </summary>
    public sealed record Probe(string Method, string Url, bool IsPage, bool NamesARecord, string Route, bool ForAdministrators = false)
    {
        public override string ToString() => $"{Method} {Url}";
    }

    private static readonly string[] AnyMethod = [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    public static IReadOnlyList<RouteEndpoint> Endpoints(SuiviApp app) =>
        app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    public static bool IsInOrganisation(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.GetParameter(OrganisationResolution.RouteKey) is not null;

    public static string Route(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText?.TrimStart('/');

    /// <summary>
    /// The walk of every organisation route with <paramref name="slug"/> as the organisation and the
    /// records of <paramref name="records"/> in every other route parameter.
    /// </summary>
    public static async Task<IReadOnlyList<Probe>> ProbesAsync(SuiviApp app, string slug, TestWorld.OrganisationRecords records)
    {
        var probes = new List<Probe>();
        foreach (var endpoint in Endpoints(app).Where(IsInOrganisation))
        {
            var url = Url(endpoint.RoutePattern, slug, records);
            var route = Route(endpoint);
            var namesARecord = endpoint.RoutePattern.Parameters.Any(p => p.Name != OrganisationResolution.RouteKey);
            var forAdministrators = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.AdministerOrganisation);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                probes.Add(new(HttpMethods.Get, url, true, namesARecord, route, forAdministrators));
                probes.Add(new(HttpMethods.Post, url, true, namesARecord, route, forAdministrators));
                foreach (var handler in await HandlersAsync(app, page, endpoint))
                {
                    var method = handler.HttpMethod.ToUpperInvariant();
                    probes.Add(new(method, handler.Name is null ? url : $"{url}?handler={handler.Name}", true, namesARecord, route, forAdministrators));
                }
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? AnyMethod;
                probes.AddRange(methods.Select(method => new Probe(method, url, false, namesARecord, route, forAdministrators)));
            }
        }
        return probes.Distinct().ToList();
    }

    /// <summary>
    /// What the walk puts in each route parameter, by the path segment the parameter follows:
    /// "people/{id}" is a person, "case-files/{id}" a case file.
    /// </summary>
    private static string? RecordIds(string? segment, TestWorld.OrganisationRecords records) => segment switch
    {
        "reports" => records.Report.Key,
        "people" => records.Child.Id.ToString(),
        "case-files" => records.CaseFile.Id.ToString(),
        "requests" => records.WaitingRequest.Id.ToString(),
        "partners" => records.Partner.Id.ToString(),
        "services" => records.PartnerService.Id.ToString(),
        "referrals" => records.Referral.Id.ToString(),
        "notes" => records.Note.Id.ToString(),
        "notifications" => records.Notification.Id.ToString(),
        "lists" => records.Item(ListKind.RequestSource, "FAMILY").Id.ToString(),
        "typologies" => records.Scheme(ReadyMade.MainMotiveScheme).Id.ToString(),
        "categories" => records.Category(ReadyMade.MainMotiveScheme, "PHYS").Id.ToString(),
        "deliveries" => records.Activities.Delivery.Id.ToString(),
        "appointments" => records.Activities.Appointment.Id.ToString(),
        "contacts" => records.Activities.Contact.Id.ToString(),
        "alarm-subscriptions" => records.Activities.Subscription.Id.ToString(),
        "alarms" => records.Activities.Alarm.Id.ToString(),
        "day-centres" => records.Activities.DayCentre.Id.ToString(),
        "housing" => records.Activities.Residence.Id.ToString(),
        "housing-stays" => records.Activities.Stay.Id.ToString(),
        "group-activities" => records.Activities.GroupActivity.Id.ToString(),
        "care-insurance" => records.Activities.CarePeriod.Id.ToString(),
        "imports" => records.Activities.ImportRun.Id.ToString(),
        _ => null,
    };

    private static string Url(RoutePattern pattern, string slug, TestWorld.OrganisationRecords records)
    {
        var segments = new List<string>();
        string? previous = null;
        foreach (var segment in pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                text.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart { Name: OrganisationResolution.RouteKey } => slug,
                    // A report's year follows its key: any year will do, the walk is about whose report it is.
                    RoutePatternParameterPart { Name: "year" } => "2024",
                    RoutePatternParameterPart parameter => RecordIds(previous, records)
                        ?? throw new InvalidOperationException(
                            $"The route /{pattern.RawText?.TrimStart('/')} has a parameter {{{parameter.Name}}} after \"{previous}\" that the " +
                            "security walk cannot fill: teach RouteWalk.RecordIds which record of the organisation it names."),
                    _ => throw new InvalidOperationException($"The route /{pattern.RawText} has a part the security walk does not know."),
                });
            }
            previous = segment.Parts is [RoutePatternLiteralPart only] ? only.Content : previous;
            segments.Add(text.ToString());
        }
        return "/" + string.Join('/', segments);
    }

    private static async Task<IEnumerable<HandlerMethodDescriptor>> HandlersAsync(SuiviApp app, PageActionDescriptor page, Endpoint endpoint)
    {
        var compiled = page as CompiledPageActionDescriptor
            ?? await app.Factory.Services.GetRequiredService<PageLoader>().LoadAsync(page, endpoint.Metadata);
        return compiled.HandlerMethods;
    }

    /// <summary>
    /// Sends every probe and returns one line per answer that is not a bare 404 or that mentions any
    /// of <paramref name="secrets"/>. Forms carry a valid antiforgery token taken from
    /// <paramref name="formPage"/>, a page the caller may open, and fields that would make the known
    /// handlers write if they ever ran: the walk must be refused before anything is read or changed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> NotFoundFailuresAsync(TestClient client, string who, IEnumerable<Probe> probes,
        string formPage, TestWorld.OrganisationRecords target, IReadOnlyList<string> secrets)
    {
        var token = await client.AntiforgeryTokenAsync(formPage);
        var failures = new List<string>();
        foreach (var probe in probes)
        {
            using var request = Request(probe, token, target);
            using var response = await client.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{probe} as {who}: {(int)response.StatusCode} {response.StatusCode} instead of 404 ({probe.Route})");
            }
            foreach (var secret in secrets.Where(secret => Mentions(body, secret)))
            {
                failures.Add($"{probe} as {who}: the answer shows \"{secret}\"");
            }
        }
        return failures;
    }

    private static HttpRequestMessage Request(Probe probe, string antiforgeryToken, TestWorld.OrganisationRecords target)
    {
        var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url);
        if (probe.Method == HttpMethods.Get)
        {
            return request;
        }
        request.Content = probe.IsPage
            ? new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = antiforgeryToken,
                ["Input.FirstName"] = "Intruder",
                ["Input.LastName"] = "Intruder",
                ["Input.Version"] = "0",
                ["otherId"] = target.Mother.Id.ToString(),
                ["relation"] = "partner",
                ["linkId"] = target.Link.Id.ToString(),
            })
            : new StringContent("""{"firstName":"Intruder","lastName":"Intruder","version":0}""", Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>What an organisation's members know and nobody else may read: names, case reference, notes, the organisation's name.</summary>
    public static IReadOnlyList<string> Secrets(TestWorld.OrganisationRecords records) =>
    [
        records.Child.FirstName, records.Child.LastName, records.Mother.FirstName, records.CaseFile.Reference,
        records.Child.Notes!, records.Organisation.Name,
    ];

    /// <summary>Whether <paramref name="body"/> shows <paramref name="secret"/>, as written or as HTML or JSON encodes it.</summary>
    public static bool Mentions(string body, string secret)
    {
        // Antiforgery tokens are random base64: "…L7AnaRhR2…" is not a leak of the name "Ana".
        body = AntiforgeryValue().Replace(body, "");
        return body.Contains(secret, StringComparison.Ordinal)
        || body.Contains(HtmlEncoder.Default.Encode(secret), StringComparison.Ordinal)
        || body.Contains(JavaScriptEncoder.Default.Encode(secret), StringComparison.Ordinal)
        || body.Contains(WebUtility.HtmlEncode(secret), StringComparison.Ordinal);
    }

    [GeneratedRegex("CfDJ8[A-Za-z0-9_-]+")]
    private static partial Regex AntiforgeryValue();
}
