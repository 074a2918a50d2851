using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Suivi.Data;
using Suivi.Infrastructure;

namespace Suivi.Security;

public static class Accounts
{
    public static IServiceCollection AddSuiviAccounts(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentOrganisation>();
        services.AddScoped<CurrentUser>();
        services.AddIdentity<UserAccount, IdentityRole<Guid>>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<SuiviDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<SuiviClaimsFactory>();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/sign-in";
            options.LogoutPath = "/sign-out";
            options.AccessDeniedPath = "/access-denied";
            options.Cookie.Name = "suivi.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // The API answers with status codes (as problem details), never with a redirect to a page.
            options.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        return services;
    }

    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.IsApi())
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Puts the person's language and network-administrator flag into their sign-in cookie.</summary>
public sealed class SuiviClaimsFactory(UserManager<UserAccount> users, RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<UserAccount, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Localization.LanguageClaim, user.PreferredLanguage));
        identity.AddClaim(new Claim("suivi:display-name", user.DisplayName));
        if (user.IsNetworkAdministrator)
        {
            identity.AddClaim(new Claim(Policies.NetworkAdministratorClaim, "true"));
        }
        return identity;
    }
}
