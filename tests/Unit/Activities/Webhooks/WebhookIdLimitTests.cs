using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Activities.Webhooks;
using Integration.Activities.Webhooks.Normalisers;
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
/// Ids over their documented limits are refused at the door with 400 payload-invalid naming the field and the
/// limit, before anything is queued (the storage clients point at an account the tests never reach).
/// </summary>
public sealed class WebhookIdLimitTests : IDisposable
{
    private const string Host = "localhost:7071";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri CrmUrl = new("http://" + Host + "/api/v1/webhooks/crm");

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Fact]
    public void A_hubspot_event_with_a_two_thousand_character_object_id_is_refused_naming_the_event_field_and_limit()
    {
        byte[] body = HubSpotBody(objectId: new string('7', 2000), eventId: "1");

        var refused = Assert.Throws<WebhookPayloadException>(() => Normalise(new HubSpotEventNormaliser(), body));

        Assert.Equal("Event [1] has an 'objectId' that is 2000 characters long; the limit is 1 to 64.", refused.Message);
    }

    [Theory]
    [InlineData("42/43", "'/'")]
    [InlineData("42\n43", "control character")]
    public void A_hubspot_object_id_with_a_character_no_instance_id_may_hold_is_refused(string objectId, string reason)
    {
        var refused = Assert.Throws<WebhookPayloadException>(() => Normalise(new HubSpotEventNormaliser(), HubSpotBody(objectId, "1")));

        Assert.Contains("'objectId'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hubspot_event_id_with_a_control_character_is_refused()
    {
        var refused = Assert.Throws<WebhookPayloadException>(() => Normalise(new HubSpotEventNormaliser(), HubSpotBody("42", "7\u001b[2J")));

        Assert.Contains("'eventId'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("control character", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bamboohr_employee_id_over_the_limit_is_refused()
    {
        byte[] body = SampleEvents.BambooHrEvent("employee.updated", new string('8', 65), ["status"], Now);

        var refused = Assert.Throws<WebhookPayloadException>(() => Normalise(new BambooHrEventNormaliser(), body));

        Assert.Equal("'data' has an 'employeeId' that is 65 characters long; the limit is 1 to 64.", refused.Message);
    }

    [Theory]
    [InlineData("""{"type":"crm.deal.closed.v1","timestamp":"2026-03-01T12:00:00Z","subject":"shop/1001","data":{}}""", "The event's 'subject'")]
    [InlineData("""{"type":"crm.deal.closed.v1","timestamp":"2026-03-01T12:00:00Z","data":{"id":"1001#2"}}""", "The event's 'data.id'")]
    public void An_app_subject_with_a_forbidden_character_is_refused_naming_where_it_came_from(string json, string field)
    {
        var refused = Assert.Throws<WebhookPayloadException>(() => Normalise(new StandardWebhooksEventNormaliser(), Encoding.UTF8.GetBytes(json), "msg_1"));

        Assert.StartsWith(field, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_id_over_128_characters_is_refused()
    {
        byte[] body = SampleEvents.AppEvent("crm.deal.closed.v1", """{"id":"1001"}""", Now);

        var refused = Assert.Throws<WebhookPayloadException>(() => Normalise(new StandardWebhooksEventNormaliser(), body, new string('m', 129)));

        Assert.Equal("The 'webhook-id' header is 129 characters long; the limit is 1 to 128.", refused.Message);
    }

    [Fact]
    public async Task The_ingress_answers_400_payload_invalid_for_an_object_id_over_the_limit_without_touching_storage()
    {
        byte[] body = HubSpotBody(objectId: new string('7', 2000), eventId: "1");

        (int status, string? contentType, JsonElement problem) = await SendCrmAsync(body);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("application/problem+json", MediaTypeHeaderValue.Parse(contentType!).MediaType);
        Assert.Equal("urn:integration:problem:payload-invalid", problem.GetProperty("type").GetString());
        Assert.Contains("'objectId'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("the limit is 1 to 64", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Two events: a good one, then one with the given object id and event id.</summary>
    private static byte[] HubSpotBody(string objectId, string eventId)
    {
        long at = Now.ToUnixTimeMilliseconds();
        return Encoding.UTF8.GetBytes(
            $$"""[{"eventId":100,"subscriptionType":"deal.propertyChange","objectId":1001,"occurredAt":{{at}},"propertyName":"dealstage","propertyValue":"closedwon"},""" +
            $$"""{"eventId":{{JsonSerializer.Serialize(eventId)}},"subscriptionType":"deal.propertyChange","objectId":{{JsonSerializer.Serialize(objectId)}},"occurredAt":{{at}},"propertyName":"dealstage","propertyValue":"closedwon"}]""");
    }

    private static void Normalise(IWebhookNormaliser normaliser, byte[] body, string? webhookId = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (webhookId is not null)
        {
            headers["webhook-id"] = webhookId;
        }

        normaliser.Normalise("src", new WebhookRequest("POST", CrmUrl, headers, body), "corr-1", Now);
    }

    private async Task<(int Status, string? ContentType, JsonElement Body)> SendCrmAsync(byte[] body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(Host);
        context.Request.Path = CrmUrl.AbsolutePath;
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        string timestamp = Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.Request.Headers[HubSpotSignatureV3.SignatureHeader] = HubSpotSignatureV3.Sign(DevSecrets.Crm, "POST", CrmUrl.ToString(), body, timestamp);
        context.Request.Headers[HubSpotSignatureV3.TimestampHeader] = timestamp;
        context.Response.Body = new MemoryStream();

        var options = new WebhookOptions
        {
            MaxBodyBytes = 1 << 20,
            TimestampToleranceSeconds = 300,
            Sources = { ["crm"] = new WebhookSourceOptions { Scheme = HubSpotSignatureV3.SchemeName, Secrets = [DevSecrets.Crm] } },
        };
        var storage = new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.SettingName] = "UseDevelopmentStorage=true" })
            .Build());
        var handler = new WebhookIngressHandler(
            Mock.Of<IOptionsMonitor<WebhookOptions>>(m => m.CurrentValue == options),
            new EventQueue(storage),
            new ReceivedEventStore(storage),
            new FixedClock(Now),
            NullLogger<WebhookIngressHandler>.Instance);

        IResult result = await handler.HandleAsync(context.Request, "crm", CancellationToken.None);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using JsonDocument json = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, context.Response.ContentType, json.RootElement.Clone());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
