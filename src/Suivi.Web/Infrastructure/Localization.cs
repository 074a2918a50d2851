using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Suivi.Infrastructure;

/// <summary>Marker for the one resource file set (Resources/SharedResource.{fr,de}.resx); English texts are the keys.</summary>
public sealed class SharedResource;

public static class Localization
{
    public const string LanguageClaim = "suivi:lang";
    public static readonly string[] Languages = ["fr", "de", "en"];
    public const string DefaultLanguage = "fr";

    public static IServiceCollection AddSuiviLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Select(Culture).ToList();
            options.DefaultRequestCulture = new RequestCulture(DefaultLanguage);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The signed-in person's own choice first, then the choice made on the sign-in page; French otherwise.
            options.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(http => Task.FromResult(
                    http.User.FindFirst(LanguageClaim)?.Value is { } lang && Languages.Contains(lang)
                        ? new ProviderCultureResult(lang)
                        : null)),
                new CookieRequestCultureProvider(),
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
