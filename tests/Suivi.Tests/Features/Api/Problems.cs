using System.Net;
using System.Text.Json;

namespace Suivi.Tests.Features.Api;

/// <summary>What every API error must look like: RFC 9457 problem details with a correlation id, and nothing of the failure's internals.</summary>
internal static class Problems
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Suivi.", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("correlationId").GetString()), "a correlation id to quote to support");
        return problem.RootElement.Clone();
    }
}
