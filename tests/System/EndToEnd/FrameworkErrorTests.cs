using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Integration.Activities.Http;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// The errors the framework answers by itself, over real HTTP against the standalone host: an unknown route (404), a
/// route under the wrong method (405 with Allow), and what Kestrel refuses before any middleware (400, 414, 431) or
/// while a body is read (400, 408). Every one is problem+json with a stable type and a correlation id.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class FrameworkErrorTests(StandaloneHostFixture fixture)
{
    private int Port => fixture.Host.ApiPort;

    [Theory]
    [InlineData("GET", "/api/nope")]
    [InlineData("GET", "/")]
    [InlineData("POST", "/api/v1/webhooks")]
    [InlineData("DELETE", "/api/v1/webhooks/crm/extra")]
    [InlineData("GET", "/favicon.ico")]
    public async Task An_unknown_route_is_404_route_not_found(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);

        JsonNode problem = await AssertProblemAsync(response, HttpStatusCode.NotFound, "route-not-found");
        Assert.Contains($"{method} {path}", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_product_route_is_served_and_under_any_other_method_is_405_with_allow()
    {
        foreach (ProductRoute route in ProductRoutes.All)
        {
            string path = "/api/" + route.Template.Replace("{", "e2e-", StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal);

            using (var served = new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = route.Method == "POST" ? new StringContent("{}") : null })
            using (HttpResponseMessage response = await fixture.Api.SendAsync(served))
            {
                string body = await response.Content.ReadAsStringAsync();
                Assert.True(
                    response.StatusCode != HttpStatusCode.MethodNotAllowed && !body.Contains("route-not-found", StringComparison.Ordinal),
                    $"{route.Method} {path} was not routed to {route.Name}: {(int)response.StatusCode} {body}");
            }

            foreach (string other in new[] { "GET", "POST", "PUT", "PATCH", "DELETE" }.Where(m => m != route.Method))
            {
                using var request = new HttpRequestMessage(new HttpMethod(other), path);
                using HttpResponseMessage response = await fixture.Api.SendAsync(request);
                await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
                Assert.Equal([route.Method], response.Content.Headers.Allow);
            }
        }
    }

    [Fact]
    public async Task A_malformed_request_line_is_400_request_malformed()
    {
        RawResponse response = await RawHttp.SendAsync(Port, RawHttp.Head(Port, "GET /api/health with spaces HTTP/1.1"));

        AssertProblem(response, 400, "request-malformed");
    }

    [Fact]
    public async Task A_header_value_that_is_not_ascii_is_400_request_malformed()
    {
        RawResponse response = await RawHttp.SendAsync(Port, RawHttp.Head(Port, "GET /api/health HTTP/1.1", "X-Name: Zo\u00eb\r\n"));

        AssertProblem(response, 400, "request-malformed");
    }

    [Fact]
    public async Task A_request_line_over_8_KiB_is_414_naming_the_limit()
    {
        RawResponse response = await RawHttp.SendAsync(Port, RawHttp.Head(Port, $"GET /api/v1/instances/{new string('a', 8200)} HTTP/1.1"));

        JsonNode problem = AssertProblem(response, 414, "uri-too-long");
        Assert.Contains("8192 bytes", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_over_32_KiB_are_431_naming_the_limit()
    {
        RawResponse response = await RawHttp.SendAsync(Port, RawHttp.Head(Port, "GET /api/health HTTP/1.1", $"X-Big: {new string('a', 33_000)}\r\n"));

        JsonNode problem = AssertProblem(response, 431, "request-headers-too-large");
        Assert.Contains("32768 bytes", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_100_headers_are_431()
    {
        string headers = string.Concat(Enumerable.Range(0, 101).Select(i => $"X-H{i}: {i}\r\n"));

        RawResponse response = await RawHttp.SendAsync(Port, RawHttp.Head(Port, "GET /api/health HTTP/1.1", headers));

        AssertProblem(response, 431, "request-headers-too-large");
    }

    [Fact]
    public async Task A_broken_chunked_body_is_400_with_the_servers_reason_and_the_callers_correlation_id()
    {
        byte[] head = RawHttp.Head(Port, "POST /api/v1/webhooks/crm HTTP/1.1", "Transfer-Encoding: chunked\r\nX-Correlation-Id: raw-chunks-1\r\n");

        RawResponse response = await RawHttp.SendAsync(Port, [.. head, .. "zz\r\nabc\r\n0\r\n\r\n"u8]);

        JsonNode problem = AssertProblem(response, 400, "request-malformed");
        Assert.Equal("raw-chunks-1", (string?)problem["correlationId"]);
        Assert.Contains("chunk", (string?)problem["detail"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_body_that_stalls_below_the_minimum_data_rate_is_408()
    {
        // 240 bytes/s after a 5 s grace period is Kestrel's minimum; one byte a second falls below it.
        byte[] head = RawHttp.Head(Port, "POST /api/v1/webhooks/crm HTTP/1.1", "Content-Length: 100\r\n");

        RawResponse response = await RawHttp.SendAsync(Port, head, trickle: Encoding.ASCII.GetBytes(new string('[', 20)));

        AssertProblem(response, 408, "request-timeout");
    }

    [Fact]
    public async Task The_host_still_answers_after_the_rejections()
    {
        await RawHttp.SendAsync(Port, RawHttp.Head(Port, "GET /a b HTTP/1.1"));

        using HttpResponseMessage health = await fixture.Api.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static JsonNode AssertProblem(RawResponse response, int status, string kind)
    {
        Assert.Equal(status, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        JsonNode problem = response.Json;
        Assert.Equal($"urn:integration:problem:{kind}", (string?)problem["type"]);
        Assert.Equal(status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        Assert.False(string.IsNullOrEmpty((string?)problem["correlationId"]), "the problem carries a correlation id");
        return problem;
    }

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string kind)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonNode problem = JsonNode.Parse(text)!;
        Assert.Equal($"urn:integration:problem:{kind}", (string?)problem["type"]);
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["correlationId"]), "the problem carries a correlation id");
        return problem;
    }
}
