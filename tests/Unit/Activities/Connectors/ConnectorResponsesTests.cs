using System.Net;
using System.Text;
using Integration.Activities.Connectors;
using Integration.Orchestrations.Common;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors;

/// <summary>A vendor's final answer in the workflow's terms: permanent failures are not retried, transient ones are.</summary>
public sealed class ConnectorResponsesTests
{
    private const string Secret = "s3cr3t-value-0042";

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(422)]
    public async Task Caller_errors_are_permanent(int status)
    {
        using HttpResponseMessage response = Response(status, """{"message":"no"}""");

        var ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => ConnectorResponses.EnsureSuccessAsync(response, "hubspot", CancellationToken.None));

        Assert.Contains($"hubspot answered {status}", ex.Message, StringComparison.Ordinal);
        Assert.True(ConnectorResponses.IsPermanent((HttpStatusCode)status));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(423)]
    [InlineData(425)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Timeouts_conflicts_throttling_and_server_errors_are_transient(int status)
    {
        using HttpResponseMessage response = Response(status, """{"message":"later"}""");

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectorResponses.EnsureSuccessAsync(response, "quickbooks", CancellationToken.None));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Contains($"quickbooks answered {status}", ex.Message, StringComparison.Ordinal);
        Assert.False(ConnectorResponses.IsPermanent((HttpStatusCode)status));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(204)]
    public async Task Success_does_not_throw(int status)
    {
        using HttpResponseMessage response = Response(status, """{"id":"1"}""");

        Exception? ex = await Record.ExceptionAsync(() => ConnectorResponses.EnsureSuccessAsync(response, "hubspot", CancellationToken.None));

        Assert.Null(ex);
    }

    [Fact]
    public async Task The_message_names_the_method_and_the_redacted_url()
    {
        using HttpResponseMessage response = Response(404, """{"message":"not found"}""", "https://api.example/crm/v3/objects/deals/7?hapikey=" + Secret + "&archived=false");

        var ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => ConnectorResponses.EnsureSuccessAsync(response, "hubspot", CancellationToken.None));

        Assert.Contains("GET https://api.example/crm/v3/objects/deals/7?hapikey=***&archived=false", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task The_message_never_contains_a_secret_from_the_body(int status)
    {
        string body = $$$"""{"error":"invalid_grant","access_token":"{{{Secret}}}","detail":{"client_secret":"{{{Secret}}}","email":"ann@acme.example"}}""";
        using HttpResponseMessage response = Response(status, body);

        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => ConnectorResponses.EnsureSuccessAsync(response, "quickbooks", CancellationToken.None));

        Assert.True(ex is PermanentActivityFailureException or HttpRequestException, ex.GetType().FullName);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ann@acme.example", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_json_error_body_is_not_echoed()
    {
        using HttpResponseMessage response = Response(500, "token=" + Secret + " upstream exploded");

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectorResponses.EnsureSuccessAsync(response, "hubspot", CancellationToken.None));

        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not JSON, not logged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_without_a_request_still_produces_a_message()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{}") };

        var ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => ConnectorResponses.EnsureSuccessAsync(response, "hubspot", CancellationToken.None));

        Assert.Contains("hubspot answered 400", ex.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Response(int status, string body, string url = "https://api.example/v1/things") => new((HttpStatusCode)status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
        RequestMessage = new HttpRequestMessage(HttpMethod.Get, url),
    };
}
