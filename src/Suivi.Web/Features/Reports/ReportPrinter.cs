using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Suivi.Infrastructure;

namespace Suivi.Features.Reports;

/// <summary>Printing needs a Chromium on the server, and there is none where the configuration says.</summary>
public sealed class PrintingUnavailableException(string message) : Exception(message);

/// <summary>
/// Prints a report to PDF with headless Chromium: the same markup as the report page (<see cref="ReportBody"/>), a
/// print style sheet (A4, running footer with the page number), in the report's language. The page is written to a
/// private temporary folder and printed from there, with Chromium's network features off: nothing is fetched, and
/// nothing outlives the call. At most two prints run at once, so a burst of downloads cannot swamp the server.
/// </summary>
public sealed class ReportPrinter(IServiceProvider services, ILoggerFactory loggers, IConfiguration configuration, TimeProvider clock,
    IWebHostEnvironment environment, ILogger<ReportPrinter> log)
{
    public const string ContentType = "application/pdf";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly SemaphoreSlim Turns = new(2);
    private static readonly Lazy<string> PrintStyles = new(() =>
    {
        using var stream = typeof(ReportPrinter).Assembly.GetManifestResourceStream("Suivi.Features.Reports.report-print.css")
            ?? throw new InvalidOperationException("The print style sheet is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Where Chromium is: <c>Suivi:Chromium</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public string ChromiumPath => configuration["Suivi:Chromium"] is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task<byte[]> PdfAsync(ReportDocument report, CancellationToken cancellationToken)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new PrintingUnavailableException(
                $"PDF printing needs Chromium on the server, and there is none at {ChromiumPath}: install Debian's chromium package or set Suivi__Chromium.");
        }
        var html = await PageAsync(report);
        await Turns.WaitAsync(cancellationToken);
        try
        {
            var folder = Directory.CreateTempSubdirectory("suivi-print-");
            try
            {
                var page = Path.Combine(folder.FullName, "report.html");
                var pdf = Path.Combine(folder.FullName, "report.pdf");
                await File.WriteAllTextAsync(page, html, Encoding.UTF8, cancellationToken);
                await PrintAsync(page, pdf, Path.Combine(folder.FullName, "profile"), cancellationToken);
                return await File.ReadAllBytesAsync(pdf, cancellationToken);
            }
            finally
            {
                Remove(folder);
            }
        }
        finally
        {
            Turns.Release();
        }
    }

    private void Remove(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException exception)
        {
            log.LogWarning(exception, "Could not remove the print folder {Folder}", folder.FullName);
        }
    }

    /// <summary>The whole printable page: heading, the report's body as the app shows it, and the print styles.</summary>
    internal async Task<string> PageAsync(ReportDocument report)
    {
        var culture = CultureInfo.GetCultureInfo(report.Language);
        var (previousCulture, previousUiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            // Components resolve scoped services (their activity source among them): the render gets a scope of its own.
            await using var scope = services.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
            var body = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<ReportBody>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(ReportBody.Report)] = report,
                }));
                return output.ToHtmlString();
            });
            var localizer = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
            var e = HtmlEncoder.Default;
            var organisations = string.Join(", ", report.Organisations.Select(o => o.Name));
            var printedOn = clock.Today().ToString("d", culture);
            // The charts' scripts, inlined: the printed page fetches nothing.
            var charts = report.Sections.Any(s => s.Blocks.Any(b => b.Type == "chart"))
                ? $"<script>{await ScriptAsync("lib/chart.js/chart.umd.min.js")}</script><script>{await ScriptAsync("js/report-charts.js")}</script>"
                : "";
            var published = report.Publication is { } publication
                ? $"<p>{e.Encode(localizer["Published on {0}.", publication.At.ToString("d", culture)])}</p>"
                : "";
            var footer = "@page { @bottom-left { content: \"" + CssString($"{report.Title} {report.Year}") + "\"; } }";
            return $"""
                <!DOCTYPE html>
                <html lang="{e.Encode(report.Language)}">
                <head>
                <meta charset="utf-8">
                <title>{e.Encode(report.Title)} {report.Year}</title>
                <style>{PrintStyles.Value}
                {footer}</style>
                </head>
                <body>
                <header class="report-cover">
                <h1>{e.Encode(report.Title)} — {report.Year}</h1>
                <p>{e.Encode(localizer["Computed from the records of: {0}.", organisations])} {e.Encode(localizer["Definition version {0}.", report.DefinitionVersion])} {e.Encode(localizer["Printed on {0}.", printedOn])}</p>
                {published}
                </header>
                {body}
                {charts}
                </body>
                </html>
                """;
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previousCulture, previousUiCulture);
        }
    }

    private async Task<string> ScriptAsync(string path)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists)
        {
            throw new InvalidOperationException($"The script {path} is missing from wwwroot: build the project (npm ci copies the libraries there).");
        }
        await using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        // A script's text may not close its element early.
        return (await reader.ReadToEndAsync()).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Text inside a CSS string in a style element: quotes, backslashes, line ends and '&lt;' escaped as code points.</summary>
    private static string CssString(string text) =>
        string.Concat(text.Select(c => c is '"' or '\\' or '<' or '>' or '&' || char.IsControl(c) ? $"\\{(int)c:X} " : c.ToString()));

    private async Task PrintAsync(string page, string pdf, string profile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ChromiumPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--disable-quic", $"--user-data-dir={profile}", "--no-pdf-header-footer",
            // Scripts (the charts) run to the end before the page is printed.
            "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000",
            $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }
        // Chromium's sandbox refuses to run as root (a container, the CI machine); as any other user it stays on.
        if (Environment.UserName == "root")
        {
            start.ArgumentList.Insert(0, "--no-sandbox");
        }
        using var process = Process.Start(start) ?? throw new PrintingUnavailableException($"Chromium at {ChromiumPath} did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"Chromium did not print the report within {Patience.TotalSeconds:F0} s.");
        }
        if (process.ExitCode != 0 || !File.Exists(pdf))
        {
            log.LogError("Chromium exited with {ExitCode} while printing a report: {Errors}", process.ExitCode, await errors);
            throw new InvalidOperationException($"Chromium could not print the report (exit code {process.ExitCode}).");
        }
    }
}
