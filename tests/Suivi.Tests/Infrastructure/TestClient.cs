using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Suivi.Tests.Infrastructure;

/// <summary>An HTTP client that behaves like a person's browser without JavaScript: reads pages, fills forms with the antiforgery token.</summary>
public sealed class TestClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public async Task SignInAsync(string email, string password)
    {
        var response = await PostFormAsync("/sign-in", "/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        }
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Posts a form the way the browser would after showing <paramref name="formPage"/>: with that page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, string formPage, Dictionary<string, string> fields)
    {
        var token = await AntiforgeryTokenAsync(formPage);
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await Http.PostAsync(url, content);
    }

    public async Task<string> AntiforgeryTokenAsync(string page)
    {
        var (_, document) = await GetPageAsync(page);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {page}");
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public void Dispose() => Http.Dispose();
}
