using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Activities.Webhooks;
using Integration.Activities.Webhooks.Signatures;
using Integration.SendEvent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Webhooks;

/// <summary>
/// The ingress handler's refusals: each returns problem+json with a stable type and the correlation id,
/// before anything touches storage (the clients point at a development account that is never contacted).
/// </summary>
public sealed class WebhookIngressHandlerTests : IDisposable
{
    private const string Host = "localhost:7071";
    private const string CrmPath = "/api/v1/webhooks/crm";
    private const string AppPath = "/api/v1/webhooks/app";
    private const string HrPath = "/api/v1/webhooks/hr";
    private const string CrmUrl = "http://" + Host + CrmPath;
    private const int MaxBodyBytes = 2048;

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task Unknown_source_is_404()
    {
        var problem = await SendAsync(NewRequest("nope", "/api/v1/webhooks/nope", "[]"), "nope");

        problem.AssertProblem(StatusCodes.Status404NotFound, "unknown-source");
        Assert.Contains("'nope'", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_configured_with_an_unknown_scheme_is_404()
    {
        var problem = await SendAsync(NewRequest("legacy", "/api/v1/webhooks/legacy", "[]"), "legacy");

        problem.AssertProblem(StatusCodes.Status404NotFound, "unknown-source");
    }

    [Fact]
    public async Task A_body_over_the_limit_declared_by_content_length_is_413()
    {
        byte[] body = new byte[MaxBodyBytes + 1];
        var problem = await SendAsync(SignedCrm(body), "crm");

        problem.AssertProblem(StatusCodes.Status413PayloadTooLarge, "payload-too-large");
        Assert.Contains(MaxBodyBytes.ToString(CultureInfo.InvariantCulture), problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_without_content_length_is_413()
    {
        HttpContext context = SignedCrm(Encoding.UTF8.GetBytes(new string(' ', MaxBodyBytes * 20)));
        context.Request.ContentLength = null;

        var problem = await SendAsync(context, "crm");

        problem.AssertProblem(StatusCodes.Status413PayloadTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task A_body_larger_than_its_declared_content_length_is_413()
    {
        HttpContext context = SignedCrm(Encoding.UTF8.GetBytes(new string(' ', MaxBodyBytes + 10)));
        context.Request.ContentLength = 10;

        var problem = await SendAsync(context, "crm");

        problem.AssertProblem(StatusCodes.Status413PayloadTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task Missing_hubspot_signature_headers_are_401()
    {
        var problem = await SendAsync(NewRequest("crm", CrmPath, ClosedWonJson()), "crm");

        problem.AssertProblem(StatusCodes.Status401Unauthorized, "signature-invalid");
        Assert.Contains(HubSpotSignatureV3.SignatureHeader, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_standard_webhooks_headers_are_401()
    {
        var problem = await SendAsync(NewRequest("app", AppPath, AppJson()), "app");

        problem.AssertProblem(StatusCodes.Status401Unauthorized, "signature-invalid");
        Assert.Contains(StandardWebhooksSignature.IdHeader, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hubspot_signature_made_with_another_secret_is_401()
    {
        var problem = await SendAsync(SignedCrm(Encoding.UTF8.GetBytes(ClosedWonJson()), secret: "someone-elses-secret"), "crm");

        problem.AssertProblem(StatusCodes.Status401Unauthorized, "signature-invalid");
        Assert.Equal(SignatureFailures.Mismatch, problem.Detail);
    }

    [Fact]
    public async Task A_hubspot_body_changed_after_signing_is_401()
    {
        HttpContext context = SignedCrm(Encoding.UTF8.GetBytes(ClosedWonJson()));
        SetBody(context.Request, Encoding.UTF8.GetBytes(ClosedWonJson().Replace("closedwon", "closedlost", StringComparison.Ordinal)));

        var problem = await SendAsync(context, "crm");

        problem.AssertProblem(StatusCodes.Status401Unauthorized, "signature-invalid");
    }

    [Fact]
    public async Task A_bad_standard_webhooks_signature_is_401()
    {
        byte[] body = Encoding.UTF8.GetBytes(AppJson());
        HttpContext context = SignedApp(body);
        context.Request.Headers[StandardWebhooksSignature.SignatureHeader] = "v1," + Convert.ToBase64String(new byte[32]);

        var problem = await SendAsync(context, "app");

        problem.AssertProblem(StatusCodes.Status401Unauthorized, "signature-invalid");
        Assert.Equal(SignatureFailures.Mismatch, problem.Detail);
    }

    [Fact]
    public async Task A_hubspot_timestamp_six_minutes_old_is_401()
    {
        var problem = await SendAsync(SignedCrm(Encoding.UTF8.GetBytes(ClosedWonJson()), signedAt: Now.AddMinutes(-6)), "crm");

        problem.AssertProblem(StatusCodes.Status401Unauthorized, "signature-invalid");
        Assert.Equal(SignatureFailures.TimestampTooOld, problem.Detail);
    }

    [Fact]
    public async Task A_standard_webhooks_timestamp_six_minutes_old_is_401()
    {
        var problem = await SendAsync(SignedApp(Encoding.UTF8.GetBytes(AppJson()), signedAt: Now.AddMinutes(-6)), "app");

        problem.AssertProblem(StatusCodes.Status401Unauthorized, "signature-invalid");
        Assert.Equal(SignatureFailures.TimestampTooOld, problem.Detail);
    }

    [Fact]
    public async Task Malformed_json_with_a_valid_signature_is_400()
    {
        var problem = await SendAsync(SignedCrm(Encoding.UTF8.GetBytes("[{\"eventId\":1,")), "crm");

        problem.AssertProblem(StatusCodes.Status400BadRequest, "payload-invalid");
        Assert.Contains("not valid JSON", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_json_missing_object_id_with_a_valid_signature_is_400()
    {
        string json = $$"""[{"eventId":1,"subscriptionType":"deal.propertyChange","occurredAt":{{Now.ToUnixTimeMilliseconds()}},"propertyName":"dealstage","propertyValue":"closedwon"}]""";

        var problem = await SendAsync(SignedCrm(Encoding.UTF8.GetBytes(json)), "crm");

        problem.AssertProblem(StatusCodes.Status400BadRequest, "payload-invalid");
        Assert.Contains("'objectId'", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_standard_webhooks_event_with_a_bad_type_and_a_valid_signature_is_400()
    {
        byte[] body = SampleEvents.AppEvent("Not A Type", """{"id":"1"}""", Now);

        var problem = await SendAsync(SignedApp(body), "app");

        problem.AssertProblem(StatusCodes.Status400BadRequest, "payload-invalid");
        Assert.Contains("'type'", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bamboohr_event_missing_the_employee_id_with_a_valid_signature_is_400()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"type":"employee.updated","timestamp":"2026-03-01T12:00:00+0000","data":{"companyId":"1"}}""");

        var problem = await SendAsync(SignedHr(body), "hr");

        problem.AssertProblem(StatusCodes.Status400BadRequest, "payload-invalid");
        Assert.Contains("'employeeId'", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_ff_fe_in_a_signed_hubspot_field_are_400_not_a_server_error()
    {
        byte[] json = Encoding.UTF8.GetBytes(ClosedWonJson());
        int at = Encoding.UTF8.GetBytes(ClosedWonJson().Replace("\"closedwon\"", "\"closedwon", StringComparison.Ordinal)).Length;
        byte[] body = [.. json.AsSpan(0, at), 0xFF, 0xFE, .. json.AsSpan(at)];

        var problem = await SendAsync(SignedCrm(body), "crm");

        problem.AssertProblem(StatusCodes.Status400BadRequest, "payload-invalid");
        Assert.Contains("not valid UTF-8", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_signed_hubspot_field_is_400_not_a_server_error()
    {
        byte[] body = Encoding.UTF8.GetBytes(ClosedWonJson().Replace("\"closedwon\"", "\"closedwon\\ud800\"", StringComparison.Ordinal));

        var problem = await SendAsync(SignedCrm(body), "crm");

        problem.AssertProblem(StatusCodes.Status400BadRequest, "payload-invalid");
        Assert.Contains("unpaired surrogate", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_surrogate_in_event_data_the_normaliser_never_reads_is_400()
    {
        // The data is queued as it came; before the check it failed only when the envelope was serialized.
        byte[] body = Encoding.UTF8.GetBytes("""{"type":"crm.deal.closed.v1","timestamp":"2026-03-01T12:00:00Z","data":{"id":"1001","note":"\udc00"}}""");

        var problem = await SendAsync(SignedApp(body), "app");

        problem.AssertProblem(StatusCodes.Status400BadRequest, "payload-invalid");
    }

    [Fact]
    public async Task Invalid_utf8_with_a_wrong_signature_is_still_401()
    {
        byte[] body = [.. "[{\"eventId\":\""u8, 0xFF, .. "\"}]"u8];

        var problem = await SendAsync(SignedCrm(body, secret: "someone-elses-secret"), "crm");

        problem.AssertProblem(StatusCodes.Status401Unauthorized, "signature-invalid");
    }

    [Fact]
    public async Task A_bamboohr_timestamp_six_minutes_old_is_401()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"type":"employee.updated","timestamp":"2026-03-01T12:00:00+0000","data":{"employeeId":"7"}}""");

        var problem = await SendAsync(SignedHr(body, signedAt: Now.AddMinutes(-6)), "hr");

        problem.AssertProblem(StatusCodes.Status401Unauthorized, "signature-invalid");
        Assert.Equal(SignatureFailures.TimestampTooOld, problem.Detail);
    }

    [Fact]
    public async Task The_public_base_url_is_what_the_hubspot_signature_covers()
    {
        // Behind a front door the sender signs the public URL; the request reaching the app has an internal host.
        const string publicBase = "https://hooks.example.com";
        byte[] body = Encoding.UTF8.GetBytes("[{\"eventId\":1,");
        HttpContext context = SignedCrm(body, signedUrl: publicBase + CrmPath);

        var withBase = await SendAsync(context, "crm", options => options.PublicBaseUrl = publicBase + "/");
        var withoutBase = await SendAsync(SignedCrm(body, signedUrl: publicBase + CrmPath), "crm");

        withBase.AssertProblem(StatusCodes.Status400BadRequest, "payload-invalid");
        withoutBase.AssertProblem(StatusCodes.Status401Unauthorized, "signature-invalid");
    }

    [Fact]
    public async Task The_callers_correlation_id_is_carried_by_the_problem()
    {
        HttpContext context = NewRequest("crm", CrmPath, ClosedWonJson());
        context.Request.Headers["X-Correlation-Id"] = "abc-123";

        var problem = await SendAsync(context, "crm");

        problem.AssertProblem(StatusCodes.Status401Unauthorized, "signature-invalid");
        Assert.Equal("abc-123", problem.CorrelationId);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("crm")]
    public async Task The_callers_correlation_id_is_carried_by_404_and_401_problems(string source)
    {
        HttpContext context = NewRequest(source, "/api/v1/webhooks/" + source, "[]");
        context.Request.Headers["X-Correlation-Id"] = "abc-123";

        var problem = await SendAsync(context, source);

        Assert.Equal("abc-123", problem.CorrelationId);
    }

    [Fact]
    public async Task The_callers_correlation_id_is_carried_by_413_and_400_problems()
    {
        HttpContext tooLarge = SignedCrm(new byte[MaxBodyBytes + 1]);
        tooLarge.Request.Headers["X-Correlation-Id"] = "abc-123";
        HttpContext invalid = SignedCrm(Encoding.UTF8.GetBytes("{"));
        invalid.Request.Headers["X-Correlation-Id"] = "abc-123";

        var tooLargeProblem = await SendAsync(tooLarge, "crm");
        var invalidProblem = await SendAsync(invalid, "crm");

        tooLargeProblem.AssertProblem(StatusCodes.Status413PayloadTooLarge, "payload-too-large");
        invalidProblem.AssertProblem(StatusCodes.Status400BadRequest, "payload-invalid");
        Assert.Equal("abc-123", tooLargeProblem.CorrelationId);
        Assert.Equal("abc-123", invalidProblem.CorrelationId);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task An_unacceptable_correlation_id_is_replaced_with_a_new_one(string offered)
    {
        HttpContext context = NewRequest("crm", CrmPath, ClosedWonJson());
        context.Request.Headers["X-Correlation-Id"] = offered;

        var problem = await SendAsync(context, "crm");

        Assert.NotEqual(offered, problem.CorrelationId);
        Assert.Matches("^[0-9a-f]{32}$", problem.CorrelationId);
    }

    [Fact]
    public async Task Without_a_correlation_header_each_problem_gets_a_fresh_correlation_id()
    {
        var first = await SendAsync(NewRequest("nope", "/api/v1/webhooks/nope", "[]"), "nope");
        var second = await SendAsync(NewRequest("nope", "/api/v1/webhooks/nope", "[]"), "nope");

        Assert.Matches("^[0-9a-f]{32}$", first.CorrelationId);
        Assert.NotEqual(first.CorrelationId, second.CorrelationId);
    }

    private static string ClosedWonJson() =>
        Encoding.UTF8.GetString(SampleEvents.HubSpotDealClosedWon(dealId: 1001, eventId: 42, occurredAt: Now));

    private static string AppJson() => Encoding.UTF8.GetString(SampleEvents.AppEvent("crm.deal.closed.v1", """{"id":"1001"}""", Now));

    private static void SetBody(HttpRequest request, byte[] body)
    {
        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
    }

    private static WebhookOptions Options() => new()
    {
        MaxBodyBytes = MaxBodyBytes,
        TimestampToleranceSeconds = 300,
        Sources =
        {
            ["crm"] = new WebhookSourceOptions { Scheme = HubSpotSignatureV3.SchemeName, Secrets = [DevSecrets.Crm] },
            ["app"] = new WebhookSourceOptions { Scheme = StandardWebhooksSignature.SchemeName, Secrets = [DevSecrets.App] },
            ["hr"] = new WebhookSourceOptions { Scheme = BambooHrSignature.SchemeName, Secrets = [DevelopmentSecrets.Hr] },
            ["legacy"] = new WebhookSourceOptions { Scheme = "hubspot-v1", Secrets = ["x"] },
        },
    };

    private HttpContext NewRequest(string source, string path, string body) => NewRequest(source, path, Encoding.UTF8.GetBytes(body));

    private HttpContext NewRequest(string source, string path, byte[] body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(Host);
        context.Request.Path = path;
        context.Request.ContentType = "application/json";
        context.Request.RouteValues["source"] = source;
        SetBody(context.Request, body);
        context.Response.Body = new MemoryStream();
        return context;
    }

    private HttpContext SignedCrm(byte[] body, string secret = DevSecrets.Crm, DateTimeOffset? signedAt = null, string signedUrl = CrmUrl)
    {
        HttpContext context = NewRequest("crm", CrmPath, body);
        string timestamp = (signedAt ?? Now).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.Request.Headers[HubSpotSignatureV3.SignatureHeader] = HubSpotSignatureV3.Sign(secret, "POST", signedUrl, body, timestamp);
        context.Request.Headers[HubSpotSignatureV3.TimestampHeader] = timestamp;
        return context;
    }

    private HttpContext SignedApp(byte[] body, DateTimeOffset? signedAt = null)
    {
        HttpContext context = NewRequest("app", AppPath, body);
        long seconds = (signedAt ?? Now).ToUnixTimeSeconds();
        const string id = "msg_test0001";
        context.Request.Headers[StandardWebhooksSignature.IdHeader] = id;
        context.Request.Headers[StandardWebhooksSignature.TimestampHeader] = seconds.ToString(CultureInfo.InvariantCulture);
        context.Request.Headers[StandardWebhooksSignature.SignatureHeader] = StandardWebhooksSignature.Sign(DevSecrets.App, id, seconds, body);
        return context;
    }

    private HttpContext SignedHr(byte[] body, DateTimeOffset? signedAt = null)
    {
        HttpContext context = NewRequest("hr", HrPath, body);
        string timestamp = (signedAt ?? Now).ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture);
        context.Request.Headers[BambooHrSignature.TimestampHeader] = timestamp;
        context.Request.Headers[BambooHrSignature.SignatureHeader] = BambooHrSignature.Sign(DevelopmentSecrets.Hr, body, timestamp);
        return context;
    }

    private async Task<Problem> SendAsync(HttpContext context, string source, Action<WebhookOptions>? configure = null)
    {
        WebhookOptions options = Options();
        configure?.Invoke(options);
        var storage = new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.SettingName] = "UseDevelopmentStorage=true" })
            .Build());
        var handler = new WebhookIngressHandler(
            Mock.Of<IOptionsMonitor<WebhookOptions>>(m => m.CurrentValue == options),
            new EventQueue(storage),
            new ReceivedEventStore(storage),
            new FixedTime(Now),
            NullLogger<WebhookIngressHandler>.Instance);

        IResult result = await handler.HandleAsync(context.Request, source, CancellationToken.None);
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using JsonDocument json = await JsonDocument.ParseAsync(context.Response.Body);
        return new Problem(context.Response.StatusCode, context.Response.ContentType, json.RootElement.Clone());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The response as a client sees it.</summary>
    private sealed record Problem(int Status, string? ContentType, JsonElement Body)
    {
        public string Detail => Body.GetProperty("detail").GetString() ?? string.Empty;

        public string CorrelationId => Body.GetProperty("correlationId").GetString() ?? string.Empty;

        public void AssertProblem(int status, string kind)
        {
            Assert.Equal(status, Status);
            Assert.NotNull(ContentType);
            Assert.Equal("application/problem+json", MediaTypeHeaderValue.Parse(ContentType).MediaType);
            string? type = Body.GetProperty("type").GetString();
            Assert.StartsWith("urn:integration:problem:", type, StringComparison.Ordinal);
            Assert.Equal("urn:integration:problem:" + kind, type);
            Assert.Equal(status, Body.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(Body.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(CorrelationId));
        }
    }
}
