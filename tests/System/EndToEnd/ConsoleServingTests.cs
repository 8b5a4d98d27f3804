using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Integration.Activities.Operations;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// The browser console as the real standalone host serves it over HTTP: the page with its strict security headers, a
/// module revalidated by ETag, the redirect to the trailing slash, and the caller route the page signs in with.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class ConsoleServingTests(StandaloneHostFixture fixture)
{
    [Fact]
    public async Task The_standalone_host_serves_the_console_page_with_a_strict_content_security_policy()
    {
        using HttpResponseMessage response = await fixture.Api.GetAsync("/api/console/");
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"app.js\"></script>", body, StringComparison.Ordinal);
        string csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_module_is_revalidated_by_its_etag_and_the_chart_library_is_built_in()
    {
        using HttpResponseMessage first = await fixture.Api.GetAsync("/api/console/lib/uPlot.esm.js");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        EntityTagHeaderValue etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/console/lib/uPlot.esm.js");
        again.Headers.IfNoneMatch.Add(etag);
        using HttpResponseMessage second = await fixture.Api.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task The_console_without_its_slash_redirects_and_an_unknown_file_is_a_problem_404()
    {
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Api.BaseAddress };
        using HttpResponseMessage redirect = await noRedirect.GetAsync("/api/console");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/api/console/", redirect.Headers.Location?.OriginalString);

        using HttpResponseMessage missing = await fixture.Api.GetAsync("/api/console/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:integration:problem:console-file-not-found", (string?)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["type"]);
    }

    [Theory]
    [InlineData(StandaloneHostFixture.ReaderKey, "reader")]
    [InlineData(StandaloneHostFixture.OperationsKey, "operator")]
    public async Task The_caller_route_names_the_role_of_the_key(string key, string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/caller");
        request.Headers.Add(OperationsAccess.HeaderName, key);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode caller = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(role, (string?)caller["role"]);
        Assert.False(string.IsNullOrEmpty((string?)caller["name"]));
        Assert.False((bool)caller["readOnly"]!);
    }
}
