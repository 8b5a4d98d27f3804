using System.Net;
using System.Text;
using System.Text.Json;
using Integration.Activities.Webhooks.Signatures;
using Integration.SendEvent;
using Integration.SendEvent.Cli;
using Xunit;

namespace Integration.Tests.Unit.Webhooks;

public sealed class SenderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private static readonly HubSpotSignatureV3 HubSpot = new();
    private static readonly StandardWebhooksSignature Standard = new();

    [Fact]
    public async Task SendCrmAsync_posts_a_closed_won_delivery_that_hubspot_v3_verifies()
    {
        var (sender, handler) = NewSender();
        var body = SampleEvents.HubSpotDealClosedWon(1001, eventId: 42, occurredAt: Now);

        using var response = await sender.SendCrmAsync(body);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("POST", request.Method);
        Assert.Equal("http://127.0.0.1:7071/api/v1/webhooks/crm", request.Url.OriginalString);
        Assert.Equal(body, request.Body);
        Assert.Equal(Now.ToUnixTimeMilliseconds().ToString(), request.Headers["X-HubSpot-Request-Timestamp"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        Assert.Equal(SignatureVerification.Valid, HubSpot.Verify(request, [DevSecrets.Crm], Now, Tolerance));
    }

    [Fact]
    public async Task SendCrmAsync_signs_with_the_given_secret_and_base_url()
    {
        var (sender, handler) = NewSender("https://hub.example.com/");

        using var _ = await sender.SendCrmAsync(SampleEvents.HubSpotDealClosedWon(7, 1), secret: "tenant-secret");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://hub.example.com/api/v1/webhooks/crm", request.Url.OriginalString);
        Assert.True(HubSpot.Verify(request, ["tenant-secret"], Now, Tolerance).IsValid);
        Assert.False(HubSpot.Verify(request, [DevSecrets.Crm], Now, Tolerance).IsValid);
    }

    [Fact]
    public async Task SendCrmAsync_overrides_produce_deliveries_the_verifier_rejects()
    {
        var (sender, handler) = NewSender();
        var body = SampleEvents.HubSpotDealClosedWon(1001, 1);

        using var stale = await sender.SendCrmAsync(body, timestamp: Now - TimeSpan.FromMinutes(6));
        using var forged = await sender.SendCrmAsync(body, signature: Convert.ToBase64String(new byte[32]));
        using var tampered = await sender.SendCrmAsync(body, configure: r => r.Content = new ByteArrayContent([.. body, (byte)' ']));
        using var unsigned = await sender.SendCrmAsync(body, configure: r => r.Headers.Remove(HubSpotSignatureV3.SignatureHeader));

        Assert.Equal(
            [SignatureFailures.TimestampTooOld, SignatureFailures.Mismatch, SignatureFailures.Mismatch, SignatureFailures.MissingHeader(HubSpotSignatureV3.SignatureHeader)],
            handler.Requests.Select(r => HubSpot.Verify(r, [DevSecrets.Crm], Now, Tolerance).Failure));
    }

    [Fact]
    public async Task SendAppAsync_posts_a_delivery_that_standard_webhooks_verifies()
    {
        var (sender, handler) = NewSender();
        var body = SampleEvents.AppEvent("crm.deal.closed.v1", """{"dealId":"1001"}""", Now);

        using var response = await sender.SendAppAsync(body, webhookId: "msg_x");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:7071/api/v1/webhooks/app", request.Url.OriginalString);
        Assert.Equal("msg_x", request.Headers["webhook-id"]);
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(), request.Headers["webhook-timestamp"]);
        Assert.StartsWith("v1,", request.Headers["webhook-signature"]);
        Assert.Equal(SignatureVerification.Valid, Standard.Verify(request, [DevSecrets.App], Now, Tolerance));
    }

    [Fact]
    public async Task SendAppAsync_uses_a_fresh_id_per_send_unless_one_is_given()
    {
        var (sender, handler) = NewSender();
        var body = SampleEvents.AppEvent("hr.employee.terminated.v1", "{}", Now);

        using var first = await sender.SendAppAsync(body);
        using var second = await sender.SendAppAsync(body);

        var ids = handler.Requests.Select(r => r.Headers["webhook-id"]).ToArray();
        Assert.All(ids, id => Assert.StartsWith("msg_", id));
        Assert.NotEqual(ids[0], ids[1]);
        Assert.All(handler.Requests, r => Assert.True(Standard.Verify(r, [DevSecrets.App], Now, Tolerance).IsValid));
    }

    [Fact]
    public async Task SendAppAsync_with_another_secret_only_verifies_with_that_secret()
    {
        var (sender, handler) = NewSender();
        var secret = "whsec_" + Convert.ToBase64String(Encoding.ASCII.GetBytes("a-tenant-specific-secret-32bytes"));

        using var _ = await sender.SendAppAsync(SampleEvents.AppEvent("t.v1", "{}", Now), secret: secret);

        var request = Assert.Single(handler.Requests);
        Assert.True(Standard.Verify(request, [secret], Now, Tolerance).IsValid);
        Assert.False(Standard.Verify(request, [DevSecrets.App], Now, Tolerance).IsValid);
    }

    [Fact]
    public void DevSecrets_app_is_the_base64_of_the_documented_32_bytes()
    {
        Assert.True(StandardWebhooksSignature.TryDecodeSecret(DevSecrets.App, out var key));
        Assert.Equal("dev-app-webhook-secret-32-bytes!", Encoding.ASCII.GetString(key));
        Assert.Equal(32, key.Length);
    }

    [Fact]
    public void HubSpotDealClosedWon_is_an_array_with_hubspots_field_names_and_types()
    {
        var body = SampleEvents.HubSpotDealClosedWon(1001, 42, Now);

        using var json = JsonDocument.Parse(body);
        var item = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(42, item.GetProperty("eventId").GetInt64());
        Assert.Equal(SampleEvents.SubscriptionId, item.GetProperty("subscriptionId").GetInt64());
        Assert.Equal(SampleEvents.PortalId, item.GetProperty("portalId").GetInt64());
        Assert.Equal(SampleEvents.AppId, item.GetProperty("appId").GetInt64());
        Assert.Equal(Now.ToUnixTimeMilliseconds(), item.GetProperty("occurredAt").GetInt64());
        Assert.Equal("deal.propertyChange", item.GetProperty("subscriptionType").GetString());
        Assert.Equal(0, item.GetProperty("attemptNumber").GetInt32());
        Assert.Equal(1001, item.GetProperty("objectId").GetInt64());
        Assert.Equal("dealstage", item.GetProperty("propertyName").GetString());
        Assert.Equal("closedwon", item.GetProperty("propertyValue").GetString());
        Assert.Equal("CRM_UI", item.GetProperty("changeSource").GetString());
        Assert.False(item.TryGetProperty("changeFlag", out _));
    }

    [Fact]
    public void HubSpotBatch_puts_several_events_in_one_array_in_order()
    {
        var body = SampleEvents.HubSpotBatch(
            SampleEvents.DealPropertyChangeEvent(1, "amount", "1500", 10, Now),
            SampleEvents.DealPropertyChangeEvent(2, "dealstage", "closedwon", 11, Now));

        using var json = JsonDocument.Parse(body);
        var events = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal([10L, 11L], events.Select(e => e.GetProperty("eventId").GetInt64()));
        Assert.Equal(["amount", "dealstage"], events.Select(e => e.GetProperty("propertyName").GetString()));
    }

    [Fact]
    public void HubSpotPropertyChange_carries_the_property_and_value()
    {
        using var json = JsonDocument.Parse(SampleEvents.HubSpotPropertyChange(5, "dealstage", "appointmentscheduled", 3));

        var item = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("appointmentscheduled", item.GetProperty("propertyValue").GetString());
        Assert.Equal(5, item.GetProperty("objectId").GetInt64());
    }

    [Fact]
    public void AppEvent_wraps_the_data_with_type_and_an_iso_timestamp()
    {
        var body = SampleEvents.AppEvent("crm.deal.closed.v1", """{"dealId":"1001","amount":12.5}""", Now);

        Assert.Equal(
            """{"type":"crm.deal.closed.v1","timestamp":"2025-03-14T09:26:53.000Z","data":{"dealId":"1001","amount":12.5}}""",
            Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public void AppEvent_refuses_data_that_is_not_a_json_object(string data)
    {
        Assert.Throws<ArgumentException>(() => SampleEvents.AppEvent("t.v1", data));
    }

    [Fact]
    public void EventIds_are_fresh_on_every_call()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => EventIds.NewEventId()).ToHashSet();

        Assert.Equal(1000, ids.Count);
        Assert.All(ids, id => Assert.True(id > 0));
    }

    [Fact]
    public void Plan_reads_the_common_and_verb_options()
    {
        var plan = SendEventCli.Plan(["deal-closed", "--deal", "1001", "--url", "http://localhost:5000", "--repeat", "5", "--event-id", "42"]);

        Assert.NotNull(plan);
        Assert.IsType<DealClosedVerb>(plan.Verb);
        Assert.Equal("http://localhost:5000", plan.BaseUrl);
        Assert.Equal(5, plan.Repeat);
    }

    [Fact]
    public void Parse_accepts_name_equals_value_and_help_anywhere()
    {
        var parsed = CliParser.Parse(["app", "--type=crm.deal.closed.v1", "--data", """{"a":1}""", "--help"]);

        Assert.Equal("app", parsed.Verb);
        Assert.Equal("crm.deal.closed.v1", parsed.Get("type"));
        Assert.Equal("""{"a":1}""", parsed.Get("data"));
        Assert.True(parsed.HelpRequested);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Plan_returns_null_for_help(string help)
    {
        Assert.Null(SendEventCli.Plan([help]));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Plan_returns_null_for_help_after_a_verb_even_without_its_required_options(string help)
    {
        Assert.Null(SendEventCli.Plan(["deal-closed", help]));
    }

    [Theory]
    [InlineData]
    [InlineData("--deal", "1")]
    [InlineData("fly")]
    [InlineData("deal-closed")]
    [InlineData("deal-closed", "--deal")]
    [InlineData("deal-closed", "--deal", "abc")]
    [InlineData("deal-closed", "--deal", "1", "--deal", "2")]
    [InlineData("deal-closed", "--deal", "1", "--property", "x")]
    [InlineData("deal-closed", "--deal", "1", "stray")]
    [InlineData("deal-closed", "--deal", "1", "--repeat", "0")]
    [InlineData("deal-closed", "--deal", "1", "--repeat", "many")]
    [InlineData("deal-closed", "--deal", "1", "--url", "not-a-url")]
    [InlineData("deal-closed", "--deal", "1", "--event-id", "x")]
    [InlineData("deal-changed", "--deal", "1", "--value", "closedwon")]
    [InlineData("deal-changed", "--deal", "1", "--property", "dealstage")]
    [InlineData("app")]
    [InlineData("app", "--type", "t.v1", "--data", "[1]")]
    [InlineData("app", "--type", "t.v1", "--id", "msg.1")]
    [InlineData("app", "--type", "t.v1", "--secret", "whsec_%%%")]
    public void Plan_rejects_bad_arguments(params string[] args)
    {
        Assert.Throws<CliUsageException>(() => SendEventCli.Plan(args));
    }

    [Fact]
    public async Task Cli_repeat_with_a_pinned_event_id_sends_the_same_delivery_each_time()
    {
        var (http, handler) = NewClient();
        var output = new StringWriter();

        var exit = await SendEventCli.RunAsync(["deal-closed", "--deal", "1001", "--repeat", "5", "--event-id", "42"], http, output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Equal(5, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.True(HubSpot.Verify(r, [DevSecrets.Crm], DateTimeOffset.UtcNow, Tolerance).IsValid));
        Assert.All(handler.Requests, r => Assert.Equal(42, EventIdOf(r)));
        Assert.All(handler.Requests, r => Assert.Equal(handler.Requests[0].Body, r.Body));
        Assert.Equal(5, CountOccurrences(output.ToString(), "-> 202 Accepted"));
        Assert.Contains("""{"accepted":true}""", output.ToString());
    }

    [Fact]
    public async Task Cli_repeat_without_an_event_id_sends_fresh_ids()
    {
        var (http, handler) = NewClient();

        var exit = await SendEventCli.RunAsync(["deal-changed", "--deal", "1001", "--property", "dealstage", "--value", "appointmentscheduled", "--repeat", "3"], http, new StringWriter(), new StringWriter());

        Assert.Equal(0, exit);
        Assert.Equal(3, handler.Requests.Select(EventIdOf).Distinct().Count());
        Assert.All(handler.Requests, r => Assert.True(HubSpot.Verify(r, [DevSecrets.Crm], DateTimeOffset.UtcNow, Tolerance).IsValid));
    }

    [Fact]
    public async Task Cli_app_verb_sends_a_verified_standard_webhooks_delivery_to_the_given_url()
    {
        var (http, handler) = NewClient();

        var exit = await SendEventCli.RunAsync(
            ["app", "--type", "crm.deal.closed.v1", "--data", """{"dealId":"1001"}""", "--id", "msg_x", "--url", "http://localhost:5000"],
            http, new StringWriter(), new StringWriter());

        Assert.Equal(0, exit);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://localhost:5000/api/v1/webhooks/app", request.Url.OriginalString);
        Assert.Equal("msg_x", request.Headers["webhook-id"]);
        Assert.True(Standard.Verify(request, [DevSecrets.App], DateTimeOffset.UtcNow, Tolerance).IsValid);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("crm.deal.closed.v1", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("1001", json.RootElement.GetProperty("data").GetProperty("dealId").GetString());
    }

    [Fact]
    public async Task Cli_app_verb_with_a_pinned_id_repeats_the_same_body_and_otherwise_sends_new_messages()
    {
        var (http, handler) = NewClient();

        await SendEventCli.RunAsync(["app", "--type", "t.v1", "--id", "msg_same", "--repeat", "2"], http, new StringWriter(), new StringWriter());
        await SendEventCli.RunAsync(["app", "--type", "t.v1", "--repeat", "2"], http, new StringWriter(), new StringWriter());

        Assert.Equal(["msg_same", "msg_same"], handler.Requests.Take(2).Select(r => r.Headers["webhook-id"]));
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        Assert.NotEqual(handler.Requests[2].Headers["webhook-id"], handler.Requests[3].Headers["webhook-id"]);
        Assert.All(handler.Requests, r => Assert.True(Standard.Verify(r, [DevSecrets.App], DateTimeOffset.UtcNow, Tolerance).IsValid));
    }

    [Fact]
    public async Task Cli_secret_option_changes_the_signing_secret()
    {
        var (http, handler) = NewClient();

        await SendEventCli.RunAsync(["deal-closed", "--deal", "1", "--secret", "S"], http, new StringWriter(), new StringWriter());

        Assert.True(HubSpot.Verify(Assert.Single(handler.Requests), ["S"], DateTimeOffset.UtcNow, Tolerance).IsValid);
    }

    [Fact]
    public async Task Cli_exits_1_when_a_response_is_not_2xx()
    {
        var (http, _) = NewClient(HttpStatusCode.Unauthorized);
        var output = new StringWriter();

        var exit = await SendEventCli.RunAsync(["deal-closed", "--deal", "1"], http, output, new StringWriter());

        Assert.Equal(1, exit);
        Assert.Contains("401", output.ToString());
    }

    [Fact]
    public async Task Cli_exits_2_with_usage_for_bad_arguments_and_sends_nothing()
    {
        var (http, handler) = NewClient();
        var error = new StringWriter();

        var exit = await SendEventCli.RunAsync(["deal-closed"], http, new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Empty(handler.Requests);
        Assert.Contains("--deal is required", error.ToString());
        Assert.Contains("usage:", error.ToString());
    }

    [Fact]
    public async Task Cli_help_prints_every_verb_and_exits_0()
    {
        var (http, handler) = NewClient();
        var output = new StringWriter();

        var exit = await SendEventCli.RunAsync(["--help"], http, output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Empty(handler.Requests);
        Assert.All(SendVerbs.All, verb => Assert.Contains(verb.Name, output.ToString()));
    }

    private static (WebhookSender Sender, CapturingHandler Handler) NewSender(string? baseUrl = null)
    {
        var (http, handler) = NewClient();
        return (new WebhookSender(http, baseUrl, new FixedClock(Now)), handler);
    }

    private static (HttpClient Http, CapturingHandler Handler) NewClient(HttpStatusCode status = HttpStatusCode.Accepted)
    {
        var handler = new CapturingHandler(status);
        return (new HttpClient(handler), handler);
    }

    private static long EventIdOf(WebhookRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        return json.RootElement[0].GetProperty("eventId").GetInt64();
    }

    private static int CountOccurrences(string text, string value) =>
        (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    /// <summary>Records each request instead of sending it, so sender tests need no network.</summary>
    private sealed class CapturingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        public List<WebhookRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Copied now: the sender disposes the request and its content once it has the response.
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var contentHeaders = request.Content?.Headers.AsEnumerable() ?? [];
            foreach (var (name, values) in request.Headers.Concat(contentHeaders))
            {
                headers[name] = string.Join(",", values);
            }

            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            Requests.Add(new WebhookRequest(request.Method.Method, request.RequestUri!, headers, body));
            return new HttpResponseMessage(status)
            {
                RequestMessage = request,
                Content = new StringContent("""{"accepted":true}""", Encoding.UTF8, "application/json"),
            };
        }
    }

    /// <summary>A clock stopped at one instant, so signed timestamps are predictable.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
