using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Security;

/// <summary>Reflects over every endpoint of the app to prove that each one is protected by a named policy.</summary>
public sealed class AuthorizationCoverageTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    /// <summary>The only endpoints a person reaches before signing in.</summary>
    private static readonly string[] AnonymousRoutes = ["/sign-in", "/language", "/error/{code:int?}", "/health"];

    [Fact]
    public void EveryEndpoint_NamesAPolicy_OrIsOnTheAnonymousAllowList()
    {
        var failures = new List<string>();

        foreach (var endpoint in RouteWalk.Endpoints(app))
        {
            var route = RouteWalk.Route(endpoint);
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                if (!AnonymousRoutes.Contains(route))
                {
                    failures.Add($"{route} ({endpoint.DisplayName}) allows anonymous access but is not on the allow-list");
                }
                continue;
            }
            if (!endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrWhiteSpace(a.Policy)))
            {
                failures.Add($"{route} ({endpoint.DisplayName}) names no authorization policy");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void EveryRouteOnTheAnonymousAllowList_Exists()
    {
        var routes = RouteWalk.Endpoints(app).Select(RouteWalk.Route).ToList();

        Assert.All(AnonymousRoutes, route => Assert.Contains(route, routes));
    }

    [Fact]
    public async Task EveryOrganisationEndpoint_RequiresAMembershipOfTheOrganisation()
    {
        // Evaluated, not read by name: the combined policies of each /o/{org} endpoint must refuse a
        // signed-in person (even a network administrator) who holds no membership, and let a member in.
        var policies = app.Factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = app.Factory.Services.GetRequiredService<IAuthorizationService>();
        var networkAdministrator = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "someone"), new Claim(Policies.NetworkAdministratorClaim, "true")], "Test"));
        var failures = new List<string>();

        foreach (var endpoint in RouteWalk.Endpoints(app).Where(RouteWalk.IsInOrganisation))
        {
            var route = RouteWalk.Route(endpoint);
            var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
            if (policy is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                failures.Add($"{route} has no authorization policy of its own");
                continue;
            }
            if ((await AuthorizeAsync(authorization, networkAdministrator, policy, role: null)).Succeeded)
            {
                failures.Add($"{route} lets in a signed-in person who is not a member of the organisation");
            }
            var admitsAMember = false;
            foreach (var role in Enum.GetValues<OrganisationRole>())
            {
                admitsAMember |= (await AuthorizeAsync(authorization, networkAdministrator, policy, role)).Succeeded;
            }
            if (!admitsAMember)
            {
                failures.Add($"{route} lets in no member at all");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task AnonymousPageRequest_IsSentToSignIn()
    {
        using var client = app.Client();

        using var response = await client.GetAsync("/o/alpha/people");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task AnonymousApiRequest_AnswersUnauthorizedProblem()
    {
        using var client = app.Client();

        using var response = await client.GetAsync("/api/o/alpha/people");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(app.World.Alpha.Child.LastName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_AnswersAnonymously()
    {
        using var client = app.Client();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<AuthorizationResult> AuthorizeAsync(IAuthorizationService authorization, ClaimsPrincipal user,
        AuthorizationPolicy policy, OrganisationRole? role)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        if (role is { } member)
        {
            var alpha = app.World.Alpha.Organisation;
            scope.ServiceProvider.GetRequiredService<CurrentOrganisation>().Enter(alpha.Id, alpha.Slug, alpha.Name, member);
        }
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = user };
        return await authorization.AuthorizeAsync(user, http, policy);
    }
}
