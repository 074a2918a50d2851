using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Suivi.Infrastructure;

public static class Localization
{
    public const string LanguageClaim = "suivi:lang";
    public static readonly string[] Languages = ["fr", "de", "en"];
    public const string DefaultLanguage = "fr";

    /// <summary>The language asked for, when Suivi speaks it.</summary>
    public static string? Supported(string? language) => language is not null && Languages.Contains(language) ? language : null;

    public static IServiceCollection AddSuiviLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Select(Culture).ToList();
            options.DefaultRequestCulture = new RequestCulture(Culture(DefaultLanguage));
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The signed-in person's own choice first, then the choice made on the sign-in page; French otherwise.
            // Cookies and claims hold the language (fr, de, en); the culture used is its Luxembourg variant.
            options.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(http => Task.FromResult(
                    http.User.FindFirst(LanguageClaim)?.Value is { } lang && Languages.Contains(lang)
                        ? new ProviderCultureResult(Culture(lang).Name)
                        : null)),
                new CustomRequestCultureProvider(http => Task.FromResult(
                    http.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] is { } cookie &&
                    CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value is { } lang &&
                    Languages.Contains(lang)
                        ? new ProviderCultureResult(Culture(lang).Name)
                        : null)),
            ];
        });
        return services;
    }

    /// <summary>
    /// The culture for a language. French uses fr-FR conventions (dates 14/03/2015, numbers "7 543,5" with a
    /// narrow no-break space), as the organisations' published reports do; fr-LU would group with a dot.
    /// German uses de-LU ("7.543,5", 14.03.2015); English en-GB (14/03/2015, "7,543.5").
    /// </summary>
    public static CultureInfo Culture(string language) => language switch
    {
        "fr" => new CultureInfo("fr-FR"),
        "de" => new CultureInfo("de-LU"),
        _ => new CultureInfo("en-GB"),
    };

    public static IMvcBuilder AddSuiviViewLocalization(this IMvcBuilder mvc) =>
        mvc.AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
}
