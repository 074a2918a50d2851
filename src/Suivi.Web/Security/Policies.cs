using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Suivi.Security;

/// <summary>
/// The authorization policies. Every page and endpoint names one (or is on the short anonymous
/// allow-list); a test walks all endpoints to prove it. Policies that concern an organisation are
/// evaluated against the membership <see cref="OrganisationResolution"/> found for the URL.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person (choosing an organisation, changing language).</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Any member of the organisation in the URL, statisticians included: figures without names.</summary>
    public const string Member = nameof(Member);

    /// <summary>Members who may see who records are about: everyone except statisticians.</summary>
    public const string SeeNames = nameof(SeeNames);

    /// <summary>Members who record the daily work: administrators, coordinators, workers.</summary>
    public const string EditRecords = nameof(EditRecords);

    /// <summary>Organisation administrators: the audit log and the organisation's settings.</summary>
    public const string AdministerOrganisation = nameof(AdministerOrganisation);

    /// <summary>Network administrators: the organisations of the network.</summary>
    public const string AdministerNetwork = nameof(AdministerNetwork);

    public const string NetworkAdministratorClaim = "suivi:network-admin";

    public static IServiceCollection AddSuiviAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Member, p => p.RequireAuthenticatedUser().RequireAssertion(c => RoleIn(c)))
            .AddPolicy(SeeNames, p => p.RequireAuthenticatedUser().RequireAssertion(c => RoleIn(c,
                OrganisationRole.OrganisationAdministrator, OrganisationRole.Coordinator, OrganisationRole.Worker)))
            .AddPolicy(EditRecords, p => p.RequireAuthenticatedUser().RequireAssertion(c => RoleIn(c,
                OrganisationRole.OrganisationAdministrator, OrganisationRole.Coordinator, OrganisationRole.Worker)))
            .AddPolicy(AdministerOrganisation, p => p.RequireAuthenticatedUser().RequireAssertion(c => RoleIn(c,
                OrganisationRole.OrganisationAdministrator)))
            .AddPolicy(AdministerNetwork, p => p.RequireAuthenticatedUser().RequireClaim(NetworkAdministratorClaim, "true"));
        // A page never renders without the handler that loads, and checks access to, what it shows.
        services.Configure<MvcOptions>(options => options.Filters.Add(new PageHandlerRequired()));
        return services;
    }

    private static bool RoleIn(AuthorizationHandlerContext context, params OrganisationRole[] roles)
    {
        var http = context.Resource switch
        {
            HttpContext h => h,
            Microsoft.AspNetCore.Mvc.Filters.AuthorizationFilterContext f => f.HttpContext,
            _ => null,
        };
        var current = http?.RequestServices.GetRequiredService<CurrentOrganisation>();
        if (current is null || !current.IsSet || current.Role is null)
        {
            return false;
        }
        return roles.Length == 0 || current.Has(roles);
    }
}
