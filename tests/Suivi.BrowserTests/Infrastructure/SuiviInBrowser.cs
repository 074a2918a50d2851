using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace Suivi.BrowserTests.Infrastructure;

/// <summary>
/// One running Suivi and one headless Chromium shared by every browser test; each journey gets its
/// own browser context (its own cookies), so journeys do not see each other's sign-in.
/// </summary>
public sealed class SuiviInBrowser : IAsyncLifetime
{
    private static readonly string[] ChromiumArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"];

    private SuiviProcess? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public SuiviProcess App => app ?? throw new InvalidOperationException("Suivi is not started.");

    /// <summary>Debian's Chromium; never one downloaded by Playwright.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("SUIVI_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string ScreenshotFolder => Path.Combine(SuiviProcess.RepositoryFolder, "artifacts", "browser-screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ChromiumPath}: install Debian's package (apt-get install chromium) or set SUIVI_CHROMIUM.");
        }
        // The app needs a few seconds to create its demo network: start the browser meanwhile.
        var starting = SuiviProcess.StartAsync();
        try
        {
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArguments,
            });
        }
        catch
        {
            await (await starting).DisposeAsync();
            throw;
        }
        app = await starting;
    }

    /// <summary>
    /// Runs one journey in a fresh browser context. When it fails, a full-page screenshot goes to
    /// artifacts/browser-screenshots/&lt;test&gt;.png and the failure names it, with the page's address
    /// and what the app wrote meanwhile.
    /// </summary>
    public async Task JourneyAsync(Func<IPage, Task> journey, [CallerMemberName] string testName = "")
    {
        if (browser is null)
        {
            throw new InvalidOperationException("The browser is not started.");
        }
        var firstLine = App.OutputLineCount;
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = App.Address.ToString(),
            Locale = "fr-LU",
            TimezoneId = "Europe/Luxembourg",
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
        }
        catch (Exception failure)
        {
            var screenshot = await TryScreenshotAsync(page, testName);
            throw new XunitException(
                $"{testName} failed on {page.Url}\nScreenshot: {screenshot}\n" +
                $"Suivi's output during the test:\n{App.OutputSince(firstLine)}\n--- failure ---\n{failure.Message}", failure);
        }
    }

    private static async Task<string> TryScreenshotAsync(IPage page, string testName)
    {
        var path = Path.Combine(ScreenshotFolder, $"{testName}.png");
        try
        {
            Directory.CreateDirectory(ScreenshotFolder);
            await page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 10_000 });
            return path;
        }
        catch (PlaywrightException e)
        {
            return $"(none: {e.Message})";
        }
        catch (IOException e)
        {
            return $"(none: {e.Message})";
        }
        catch (TimeoutException e)
        {
            return $"(none: {e.Message})";
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<SuiviInBrowser>
{
    public const string Name = "Suivi in a browser";
}
