using System.Text;
using System.Text.Json;
using Integration.Activities.Webhooks;
using Integration.Activities.Webhooks.Normalisers;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;
using Integration.SendEvent;
using Xunit;

namespace Integration.Tests.Unit.Activities.Webhooks.Normalisers;

/// <summary>Our own systems' Standard Webhooks deliveries: one event per request, the webhook-id header is the delivery id.</summary>
public sealed class StandardWebhooksEventNormaliserTests
{
    private const string Source = "app";
    private const string CorrelationId = "corr-sw";
    private const string MessageId = "msg_2b1f0c";

    private static readonly DateTimeOffset Timestamp = new(2026, 3, 1, 9, 0, 0, 250, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 1, 9, 0, 1, TimeSpan.Zero);

    private readonly StandardWebhooksEventNormaliser normaliser = new();

    [Fact]
    public void An_event_becomes_one_envelope_keyed_by_the_webhook_id()
    {
        byte[] body = SampleEvents.AppEvent("billing.invoice.paid.v1", """{"id":"inv-7","amount":12.5}""", Timestamp);

        EventEnvelope envelope = Assert.Single(Normalise(body));

        Assert.Equal("app-msg_2b1f0c", envelope.Id);
        Assert.Equal(Source, envelope.Source);
        Assert.Equal("billing.invoice.paid.v1", envelope.Type);
        Assert.Equal("inv-7", envelope.Subject);
        Assert.Equal(Timestamp, envelope.OccurredAt);
        Assert.Equal(ReceivedAt, envelope.ReceivedAt);
        Assert.Equal(CorrelationId, envelope.CorrelationId);
        Assert.Equal(12.5m, envelope.Data.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public void A_top_level_subject_wins_over_data_id()
    {
        string json = """{"type":"crm.deal.closed.v1","timestamp":"2026-03-01T09:00:00Z","subject":"deal-1","data":{"id":"other"}}""";

        Assert.Equal("deal-1", Assert.Single(Normalise(json)).Subject);
    }

    [Fact]
    public void A_numeric_data_id_is_the_subject_when_there_is_no_subject()
    {
        string json = """{"type":"crm.deal.closed.v1","timestamp":"2026-03-01T09:00:00Z","data":{"id":4242}}""";

        Assert.Equal("4242", Assert.Single(Normalise(json)).Subject);
    }

    [Fact]
    public void A_blank_subject_falls_back_to_data_id()
    {
        string json = """{"type":"crm.deal.closed.v1","timestamp":"2026-03-01T09:00:00Z","subject":"  ","data":{"id":"d-9"}}""";

        Assert.Equal("d-9", Assert.Single(Normalise(json)).Subject);
    }

    [Theory]
    [InlineData("2026-03-01T09:00:00Z", "2026-03-01T09:00:00+00:00")]
    [InlineData("2026-03-01T10:00:00+01:00", "2026-03-01T09:00:00+00:00")]
    [InlineData("2026-03-01T09:00:00.250Z", "2026-03-01T09:00:00.250+00:00")]
    [InlineData("2026-03-01T09:00:00", "2026-03-01T09:00:00+00:00")]
    public void Timestamps_are_parsed_as_iso_8601_and_assumed_utc_without_an_offset(string timestamp, string expected)
    {
        string json = $$$"""{"type":"crm.deal.closed.v1","timestamp":"{{{timestamp}}}","data":{"id":"1"}}""";

        EventEnvelope envelope = Assert.Single(Normalise(json));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), envelope.OccurredAt);
    }

    [Theory]
    [InlineData("crm.deal.closed.v1")]
    [InlineData("billing.invoice.paid.v12")]
    [InlineData("a.b.v1")]
    [InlineData("crm.deal.stage_changed.v1")]
    public void Versioned_lower_case_types_are_accepted(string type)
    {
        Assert.Equal(type, Assert.Single(Normalise(Body(type))).Type);
    }

    [Theory]
    [InlineData("crm.deal.closed")]
    [InlineData("Crm.Deal.Closed.v1")]
    [InlineData("closed.v1")]
    [InlineData("crm.deal.closed.V1")]
    [InlineData("crm..deal.v1")]
    [InlineData("crm.deal closed.v1")]
    [InlineData("1crm.deal.v1")]
    public void Types_that_are_not_area_entity_fact_version_are_rejected(string type)
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(Body(type)));

        Assert.Contains("'type'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(type, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_type_is_rejected()
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise("""{"timestamp":"2026-03-01T09:00:00Z","data":{"id":"1"}}"""));

        Assert.Contains("'type'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_timestamp_is_rejected()
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise("""{"type":"crm.deal.closed.v1","data":{"id":"1"}}"""));

        Assert.Contains("'timestamp'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"2026-13-45T99:00:00Z\"")]
    [InlineData("1772355600")]
    public void A_timestamp_that_is_not_iso_8601_is_rejected(string timestampJson)
    {
        string json = $$$"""{"type":"crm.deal.closed.v1","timestamp":{{{timestampJson}}},"data":{"id":"1"}}""";

        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(json));

        Assert.Contains("'timestamp'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ISO-8601", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(",\"data\":[1,2]")]
    [InlineData(",\"data\":\"text\"")]
    [InlineData(",\"data\":null")]
    [InlineData("")]
    public void Data_must_be_an_object(string dataJson)
    {
        string json = $$"""{"type":"crm.deal.closed.v1","timestamp":"2026-03-01T09:00:00Z","subject":"s-1"{{dataJson}}}""";

        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(json));

        Assert.Contains("'data' must be a JSON object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_without_subject_or_data_id_is_rejected()
    {
        string json = """{"type":"crm.deal.closed.v1","timestamp":"2026-03-01T09:00:00Z","data":{"name":"no id"}}""";

        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(json));

        Assert.Contains("'subject'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("data.id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_scalar_data_id_is_rejected()
    {
        string json = """{"type":"crm.deal.closed.v1","timestamp":"2026-03-01T09:00:00Z","data":{"id":{"nested":1}}}""";

        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(json));

        Assert.Contains("'id'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void The_webhook_id_header_is_required(string? webhookId)
    {
        byte[] body = Body("crm.deal.closed.v1");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (webhookId is not null)
        {
            headers["webhook-id"] = webhookId;
        }

        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(body, headers));

        Assert.Contains("'webhook-id'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_webhook_id_header_is_found_whatever_its_case()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Webhook-Id"] = "msg_upper" };

        Assert.Equal("app-msg_upper", Assert.Single(Normalise(Body("crm.deal.closed.v1"), headers)).Id);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"event\"")]
    [InlineData("42")]
    public void A_body_that_is_not_an_object_is_rejected(string json)
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(json));

        Assert.Contains("JSON object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_is_rejected()
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise("{\"type\":"));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Body(string type) => SampleEvents.AppEvent(type, """{"id":"x-1"}""", Timestamp);

    private IReadOnlyList<EventEnvelope> Normalise(string json) => Normalise(Encoding.UTF8.GetBytes(json));

    private IReadOnlyList<EventEnvelope> Normalise(byte[] body, Dictionary<string, string>? headers = null) =>
        normaliser.Normalise(
            Source,
            new WebhookRequest(
                "POST",
                new Uri("https://hooks.example/api/v1/webhooks/app"),
                headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["webhook-id"] = MessageId },
                body),
            CorrelationId,
            ReceivedAt);
}
