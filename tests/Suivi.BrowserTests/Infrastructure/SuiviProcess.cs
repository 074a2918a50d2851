using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Suivi.BrowserTests.Infrastructure;

/// <summary>
/// The app as a newcomer runs it: <c>dotnet Suivi.Web.dll</c> from the build output, Development
/// environment (so the demo network is created), on its own embedded SQLite file in a temporary
/// folder and a free localhost port. Built in the test assembly's own configuration, so
/// <c>dotnet test -c Release</c> tests the Release build.
/// </summary>
public sealed class SuiviProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly string dataFolder;
    private readonly List<string> output = [];

    private SuiviProcess(Process process, string dataFolder, Uri address)
    {
        this.process = process;
        this.dataFolder = dataFolder;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>How many lines the app has written so far; pass it to <see cref="OutputSince"/>.</summary>
    public int OutputLineCount
    {
        get
        {
            lock (output)
            {
                return output.Count;
            }
        }
    }

    public string OutputSince(int line, int maxLines = 60)
    {
        lock (output)
        {
            var lines = output.Skip(line).ToList();
            return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - maxLines)));
        }
    }

    public static async Task<SuiviProcess> StartAsync()
    {
        var repository = RepositoryFolder;
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        // The test assembly lives in tests/Suivi.BrowserTests/bin/<Configuration>/<tfm>/: the app was built beside it.
        var configuration = testOutput.Parent?.Name ?? "Debug";
        var appFolder = Path.Combine(repository, "src", "Suivi.Web", "bin", configuration, testOutput.Name);
        var appAssembly = Path.Combine(appFolder, "Suivi.Web.dll");
        if (!File.Exists(appAssembly))
        {
            throw new InvalidOperationException(
                $"{appAssembly} does not exist: build first (dotnet build tests/Suivi.BrowserTests -c {configuration}).");
        }

        var dataFolder = Directory.CreateTempSubdirectory("suivi-browser-").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { appAssembly, "--urls", address.ToString().TrimEnd('/'), "--contentRoot", appFolder })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(dataFolder, "suivi.db")}";
        // A PostgreSQL connection string in the developer's environment would otherwise win over SQLite.
        start.Environment["ConnectionStrings__Postgres"] = "";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("ASPNETCORE_HTTPS_PORTS");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Start();
        var app = new SuiviProcess(process, dataFolder, address);
        // Should the test host be stopped (Ctrl-C, SIGTERM) before the fixture is disposed, the app must not outlive it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.Kill();
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await app.WaitUntilHealthyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.Add(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var lastProblem = "no answer yet";
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(); // lets the last lines of output arrive
                throw new InvalidOperationException(
                    $"Suivi stopped (exit code {process.ExitCode}) before answering /health. Its output:\n{OutputSince(0, 200)}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    await CheckStylesheetAsync(http);
                    return;
                }
                lastProblem = $"/health answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException)
            {
                lastProblem = "/health did not answer within 5 s";
            }
            await Task.Delay(250);
        }
        throw new TimeoutException(
            $"Suivi did not answer 200 on {Address}health within {StartTimeout.TotalSeconds:0} s ({lastProblem}). Its output:\n{OutputSince(0, 200)}");
    }

    /// <summary>The folder holding Suivi.slnx, found from the test assembly; <c>artifacts/</c> goes there.</summary>
    public static string RepositoryFolder => FindRepositoryFolder();

    /// <summary>Pages without their stylesheet would pass every journey while looking broken to a person.</summary>
    private async Task CheckStylesheetAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/css/site.css", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/css")
        {
            throw new InvalidOperationException(
                $"Suivi answers /health but /css/site.css answers {(int)response.StatusCode} " +
                $"({response.Content.Headers.ContentType?.MediaType}): static files are not served from src/Suivi.Web/wwwroot. Its output:\n{OutputSince(0, 200)}");
        }
    }

    private static string FindRepositoryFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Suivi.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Suivi.slnx.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone, or already disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        catch (OperationCanceledException)
        {
            // Killed but not yet reaped; the temporary folder is removed anyway below, as far as possible.
        }
        process.Dispose();
        for (var attempt = 0; attempt < 5 && Directory.Exists(dataFolder); attempt++)
        {
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException) when (attempt < 4)
            {
                await Task.Delay(200);
            }
            catch (UnauthorizedAccessException) when (attempt < 4)
            {
                await Task.Delay(200);
            }
        }
    }
}
