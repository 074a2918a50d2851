using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Suivi.Infrastructure;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Localization;

/// <summary>
/// The text the app shows for an English key, for tests about something else than the wording (which
/// relation a page shows, which message a form gives): they stay true whatever the translators write.
/// </summary>
internal static class Texts
{
    public static string Shown(this SuiviApp app, string key, string language = "fr")
    {
        var localizer = app.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Suivi.Infrastructure.Localization.Culture(language);
        try
        {
            return localizer[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = reader;
        }
    }
}
