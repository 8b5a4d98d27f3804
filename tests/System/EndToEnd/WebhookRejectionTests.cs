using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>Every bad request gets its 4xx as problem+json with a correlation id, over real HTTP, and queues nothing.</summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class WebhookRejectionTests(StandaloneHostFixture fixture)
{
    [Fact]
    public async Task Unknown_source_is_404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/nosuchsystem") { Content = new StringContent("[]") };
        await AssertProblem(await fixture.Api.SendAsync(request), HttpStatusCode.NotFound, "unknown-source");
    }

    [Fact]
    public async Task Body_over_one_mebibyte_is_413()
    {
        byte[] body = Encoding.UTF8.GetBytes("[" + new string(' ', 1024 * 1024) + "]");
        await AssertProblem(await fixture.Sender.SendCrmAsync(body), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task Wrong_signature_is_401()
    {
        byte[] body = SampleEvents.HubSpotDealClosedWon(1, EventIds.NewEventId());
        await AssertProblem(await fixture.Sender.SendCrmAsync(body, secret: "not-the-secret"), HttpStatusCode.Unauthorized, "signature-invalid");
    }

    [Fact]
    public async Task Timestamp_outside_the_five_minute_window_is_401()
    {
        byte[] body = SampleEvents.HubSpotDealClosedWon(1, EventIds.NewEventId());
        await AssertProblem(
            await fixture.Sender.SendCrmAsync(body, timestamp: DateTimeOffset.UtcNow.AddMinutes(-6)), HttpStatusCode.Unauthorized, "signature-invalid");
    }

    [Fact]
    public async Task Missing_signature_headers_are_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/crm")
        {
            Content = new ByteArrayContent(SampleEvents.HubSpotDealClosedWon(1, EventIds.NewEventId())),
        };
        await AssertProblem(await fixture.Api.SendAsync(request), HttpStatusCode.Unauthorized, "signature-invalid");
    }

    [Fact]
    public async Task Standard_webhooks_signature_from_another_secret_is_401()
    {
        byte[] body = SampleEvents.AppEvent("crm.deal.closed.v1", """{"id":"1"}""");
        await AssertProblem(
            await fixture.Sender.SendAppAsync(body, secret: "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("another-secret-of-32-bytes-long!!"))),
            HttpStatusCode.Unauthorized,
            "signature-invalid");
    }

    [Fact]
    public async Task Malformed_json_with_a_valid_signature_is_400()
    {
        await AssertProblem(await fixture.Sender.SendCrmAsync(Encoding.UTF8.GetBytes("[{\"eventId\": 1,")), HttpStatusCode.BadRequest, "payload-invalid");
    }

    [Fact]
    public async Task Event_missing_required_fields_is_400_naming_the_field()
    {
        HttpResponseMessage response = await fixture.Sender.SendCrmAsync(Encoding.UTF8.GetBytes("""[{"eventId":1,"subscriptionType":"deal.propertyChange","occurredAt":1}]"""));
        JsonNode problem = await AssertProblem(response, HttpStatusCode.BadRequest, "payload-invalid");
        Assert.Contains("objectId", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_signed_body_is_400_not_500()
    {
        byte[] body = [.. "[{\"eventId\":1,\"subscriptionType\":\"deal.propertyChange\",\"objectId\":\"1\",\"propertyName\":\"dealstage\",\"propertyValue\":\"closedwon"u8, 0xFF, 0xFE, .. "\",\"occurredAt\":1}]"u8];

        JsonNode problem = await AssertProblem(await fixture.Sender.SendCrmAsync(body), HttpStatusCode.BadRequest, "payload-invalid");
        Assert.Contains("UTF-8", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_signed_body_is_400_not_500()
    {
        string json = Encoding.UTF8.GetString(SampleEvents.HubSpotDealClosedWon(1, EventIds.NewEventId()))
            .Replace("\"closedwon\"", "\"closedwon\\ud800\"", StringComparison.Ordinal);

        JsonNode problem = await AssertProblem(await fixture.Sender.SendCrmAsync(Encoding.UTF8.GetBytes(json)), HttpStatusCode.BadRequest, "payload-invalid");
        Assert.Contains("surrogate", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_correlation_id_is_echoed_in_the_problem()
    {
        HttpResponseMessage response = await fixture.Sender.SendCrmAsync(
            SampleEvents.HubSpotDealClosedWon(1, EventIds.NewEventId()), secret: "wrong", configure: r => r.Headers.Add("X-Correlation-Id", "support-case-42"));
        JsonNode problem = await AssertProblem(response, HttpStatusCode.Unauthorized, "signature-invalid");
        Assert.Equal("support-case-42", (string?)problem["correlationId"]);
    }

    private static async Task<JsonNode> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string kind)
    {
        using (response)
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
}
