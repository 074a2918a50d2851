using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Localization;

namespace Suivi.Tests.Features.Errors;

public sealed class ErrorPageTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Secret = "Lost the connection while reading the file of Ana Gonçalves";

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task UnhandledFailureOnAPage_ShowsTheGenericPageWithTheLoggedReferenceAndNoDetails(string method)
    {
        var log = new CapturedLog();
        await using var failing = FailingApp(log);
        using var client = await SignedInAsync(failing);

        var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/test-boom"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = TestClient.Parse(html);
        Assert.NotNull(page.QuerySelector("header.topbar"));
        Assert.Equal(app.Shown("Something went wrong"), page.QuerySelector("main h1")!.TextContent.Trim());
        var reference = Assert.Single(log.CorrelationIdsOf(Secret));
        Assert.Contains(reference, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Gonçalves", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Suivi", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnhandledFailureInTheApi_AnswersProblemDetailsWithTheLoggedReferenceAndNoDetails()
    {
        var log = new CapturedLog();
        await using var failing = FailingApp(log);
        using var client = await SignedInAsync(failing);

        var response = await client.GetAsync("/api/test-boom");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal(Assert.Single(log.CorrelationIdsOf(Secret)), problem.GetProperty("correlationId").GetString());
        Assert.DoesNotContain("Gonçalves", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/nothing-here")]
    [InlineData("/o/alpha/nothing-here")]
    public async Task UnknownUrl_ShowsTheNotFoundPageInTheAppLayoutInFrench(string url)
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var (response, page) = await client.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("header.topbar"));
        Assert.Equal("Page introuvable", page.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task UnknownApiUrl_Answers404ProblemDetails()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.GetAsync("/api/o/alpha/nothing-here");

        await Problems.ReadAsync(response, HttpStatusCode.NotFound);
    }

    private WebApplicationFactory<Program> FailingApp(CapturedLog log) =>
        app.Factory.WithWebHostBuilder(web => web.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, FailingEndpoints>();
            services.AddSingleton<ILoggerProvider>(log);
        }));

    private static async Task<TestClient> SignedInAsync(WebApplicationFactory<Program> factory)
    {
        var client = new TestClient(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await client.SignInAsync("worker@alpha.test", TestWorld.Password);
        return client;
    }

    /// <summary>
    /// Adds two addresses that fail, one for pages and one under /api. They are added after the app's
    /// own pipeline (<c>next(app)</c> first), so a request for them passes through everything Program.cs
    /// sets up (exception handler, authentication, routing, …), finds no endpoint of the app, and fails
    /// inside the app's exception handler, as a failing page would. Middleware added before
    /// <c>next(app)</c> would sit outside the handler and prove nothing.
    /// </summary>
    private sealed class FailingEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            next(builder);
            builder.Map("/test-boom", failing => failing.Run(_ => throw new InvalidOperationException(Secret)));
            builder.Map("/api/test-boom", failing => failing.Run(_ => throw new InvalidOperationException(Secret)));
        };
    }

    /// <summary>The app's log, as support reads it: which correlation id was logged with which failure.</summary>
    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<(Exception? Failure, string? CorrelationId)> _entries = new();

        public IEnumerable<string> CorrelationIdsOf(string failure) =>
            _entries.Where(e => e.Failure?.Message == failure && e.CorrelationId is not null).Select(e => e.CorrelationId!);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var correlationId = (state as IEnumerable<KeyValuePair<string, object?>>)?
                .FirstOrDefault(p => p.Key == "CorrelationId").Value?.ToString();
            _entries.Enqueue((exception, correlationId));
        }

        public void Dispose()
        {
        }
    }
}
