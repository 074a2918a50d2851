using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;
using Suivi.Features.Appointments;
using Suivi.Features.Attendance;
using Suivi.Features.CaseFiles;
using Suivi.Features.Contacts;
using Suivi.Features.Deliveries;
using Suivi.Features.Imports;
using Suivi.Features.Partners;
using Suivi.Features.People;
using Suivi.Features.Reports;
using Suivi.Features.Requests;
using Suivi.Features.Settings;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features;

/// <summary>
/// Razor Pages are rooted in Features/: one folder per capability. The table below gives each
/// folder its authorization policy, so a new page inherits its folder's protection; pages that need
/// more (editing) add their own policy on top.
/// </summary>
public static class Pages
{
    public static IServiceCollection AddSuiviPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Features";
                options.Conventions
                    .AuthorizeFolder("/Home", Policies.SignedIn)
                    .AuthorizeFolder("/Network", Policies.AdministerNetwork)
                    .AuthorizeFolder("/Organisations", Policies.Member)
                    .AuthorizeFolder("/People", Policies.SeeNames)
                    .AuthorizeFolder("/CaseFiles", Policies.SeeNames)
                    .AuthorizeFolder("/Requests", Policies.SeeNames)
                    .AuthorizeFolder("/Partners", Policies.Member)
                    .AuthorizeFolder("/Reports", Policies.Member)
                    .AuthorizeFolder("/Notifications", Policies.SeeNames)
                    .AuthorizeFolder("/Activities", Policies.SeeNames)
                    .AuthorizeFolder("/Deliveries", Policies.SeeNames)
                    .AuthorizeFolder("/Appointments", Policies.SeeNames)
                    .AuthorizeFolder("/Contacts", Policies.SeeNames)
                    .AuthorizeFolder("/Alarms", Policies.SeeNames)
                    .AuthorizeFolder("/Attendance", Policies.SeeNames)
                    .AuthorizeFolder("/Imports", Policies.AdministerOrganisation)
                    .AuthorizeFolder("/Settings", Policies.AdministerOrganisation)
                    .AuthorizeFolder("/Audit", Policies.AdministerOrganisation)
                    .AuthorizeFolder("/Account", Policies.SignedIn)
                    .AllowAnonymousToPage("/Account/SignIn")
                    .AllowAnonymousToPage("/Account/Language")
                    .AllowAnonymousToFolder("/Errors");
            })
            .AddSuiviViewLocalization();
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((options, localizers) =>
            options.ModelBindingMessageProvider.UseLocalizedMessages(localizers.Create(typeof(SharedResource))));
        services.AddAntiforgery(options => options.Cookie.Name = "suivi.antiforgery");
        // Names like "Gonçalves" and French texts are written as they are, not as character references.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        // The API names enum values ("Female", "Centre", "Open"), so adding a value never changes the meaning of another.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi();
        return services;
    }

    public static WebApplication MapSuiviPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    public static WebApplication MapSuiviApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/o/{org}");
        api.MapPeopleApi();
        api.MapCaseFilesApi();
        api.MapRequestsApi();
        api.MapPartnersApi();
        api.MapSettingsApi();
        api.MapDeliveriesApi();
        api.MapAppointmentsApi();
        api.MapContactsApi();
        api.MapAttendanceApi();
        api.MapImportsApi();
        api.MapReportsApi();
        app.MapGet("/api/me", MeApi.Get).RequireAuthorization(Policies.SignedIn);
        // The API's description, for integrators: /openapi/v1.json.
        app.MapOpenApi().RequireAuthorization(Policies.SignedIn);
        return app;
    }

    public static WebApplication UseSuiviSecurityHeaders(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
            // Pages show sensitive records: no copy in shared caches or the back-forward cache of a shared computer.
            // Antiforgery asks for the same two directives; with them it has nothing to override (and log).
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
            await next(http);
        });
        return app;
    }
}

/// <summary>Model-binding messages (a date that is not a date, a missing value) in the reader's language.</summary>
internal static class LocalizedBindingMessages
{
    public static void UseLocalizedMessages(this DefaultModelBindingMessageProvider provider, IStringLocalizer localizer)
    {
        provider.SetAttemptedValueIsInvalidAccessor((value, _) => localizer["The value '{0}' is not valid.", value]);
        provider.SetValueMustNotBeNullAccessor(_ => localizer["This field is required."]);
        provider.SetMissingBindRequiredValueAccessor(_ => localizer["This field is required."]);
        provider.SetValueIsInvalidAccessor(value => localizer["The value '{0}' is not valid.", value]);
        provider.SetValueMustBeANumberAccessor(_ => localizer["Enter a number."]);
        provider.SetUnknownValueIsInvalidAccessor(_ => localizer["The value is not valid."]);
        provider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["The value '{0}' is not valid.", value]);
        provider.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["The value is not valid."]);
        provider.SetNonPropertyValueMustBeANumberAccessor(() => localizer["Enter a number."]);
    }
}
