using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Suivi.Infrastructure;

public static class Localization
{
    public const string LanguageClaim = "suivi:lang";
    public static readonly string[] Languages = ["fr", "de", "en"];
    public const string DefaultLanguage = "fr";

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

    /// <summary>Cultures are created with the regional conventions of Luxembourg-based users (dates dd/MM/yyyy, "7 543,5").</summary>
    public static CultureInfo Culture(string language) => language switch
    {
        "fr" => new CultureInfo("fr-LU"),
        "de" => new CultureInfo("de-LU"),
        _ => new CultureInfo("en-GB"),
    };

    public static IMvcBuilder AddSuiviViewLocalization(this IMvcBuilder mvc) =>
        mvc.AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
}
