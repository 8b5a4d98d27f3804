using System.Text;
using System.Text.Json;
using Integration.Activities.Webhooks;
using Integration.Activities.Webhooks.Normalisers;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;
using Integration.SendEvent;
using Xunit;

namespace Integration.Tests.Unit.Activities.Webhooks.Normalisers;

/// <summary>HubSpot deliveries (a JSON array of events) become the product's envelopes, or a 400 that names the problem.</summary>
public sealed class HubSpotEventNormaliserTests
{
    private const string Source = "crm";
    private const string CorrelationId = "corr-hs";

    private static readonly DateTimeOffset OccurredAt = new(2026, 3, 1, 10, 15, 30, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 1, 10, 15, 31, TimeSpan.Zero);

    private readonly HubSpotEventNormaliser normaliser = new();

    [Fact]
    public void Closed_won_deal_becomes_one_deal_closed_envelope()
    {
        byte[] body = SampleEvents.HubSpotDealClosedWon(dealId: 1001, eventId: 555, occurredAt: OccurredAt);

        EventEnvelope envelope = Assert.Single(Normalise(body));

        Assert.Equal("crm-555", envelope.Id);
        Assert.Equal(Source, envelope.Source);
        Assert.Equal("crm.deal.closed.v1", envelope.Type);
        Assert.Equal("1001", envelope.Subject);
        Assert.Equal(OccurredAt, envelope.OccurredAt);
        Assert.Equal(ReceivedAt, envelope.ReceivedAt);
        Assert.Equal(CorrelationId, envelope.CorrelationId);
        Assert.Equal(JsonValueKind.Object, envelope.Data.ValueKind);
        Assert.Equal(1001, envelope.Data.GetProperty("objectId").GetInt64());
        Assert.Equal("closedwon", envelope.Data.GetProperty("propertyValue").GetString());
    }

    [Theory]
    [InlineData("deal.propertyChange", "dealstage", "closedwon", "crm.deal.closed.v1")]
    [InlineData("deal.propertyChange", "dealstage", "closedlost", "crm.deal.stage_changed.v1")]
    [InlineData("deal.propertyChange", "dealstage", "appointmentscheduled", "crm.deal.stage_changed.v1")]
    [InlineData("deal.propertyChange", "amount", "1200", "crm.deal.amount_changed.v1")]
    [InlineData("deal.propertyChange", "erp_invoice_id", "55", "crm.deal.property_changed.v1")]
    [InlineData("deal.propertyChange", "closedwon", "closedwon", "crm.deal.property_changed.v1")]
    [InlineData("contact.creation", null, null, "crm.contact.creation.v1")]
    [InlineData("deal.creation", null, null, "crm.deal.creation.v1")]
    [InlineData("contact.propertyChange", "email", "a@b.example", "crm.contact.propertychange.v1")]
    public void Subscription_types_map_to_product_event_types(string subscriptionType, string? propertyName, string? propertyValue, string expected)
    {
        Assert.Equal(expected, HubSpotEventNormaliser.EventTypeOf(subscriptionType, propertyName, propertyValue));
    }

    [Fact]
    public void Contact_creation_event_in_a_delivery_gets_its_own_type()
    {
        string json = $$"""[{"eventId":9,"subscriptionType":"contact.creation","objectId":314,"occurredAt":{{OccurredAt.ToUnixTimeMilliseconds()}}}]""";

        EventEnvelope envelope = Assert.Single(Normalise(json));

        Assert.Equal("crm.contact.creation.v1", envelope.Type);
        Assert.Equal("314", envelope.Subject);
        Assert.Equal("crm-9", envelope.Id);
    }

    [Fact]
    public void Subscription_type_characters_outside_the_event_vocabulary_are_dropped()
    {
        Assert.Equal("crm.contact.deletionscript.v1", HubSpotEventNormaliser.EventTypeOf("Contact.Deletion<script>", null, null));
        Assert.Equal("crm.company.property_x.v1", HubSpotEventNormaliser.EventTypeOf("company.property_x \r\n", null, null));
    }

    [Fact]
    public void A_batch_becomes_one_envelope_per_event_in_order()
    {
        byte[] body = SampleEvents.HubSpotBatch(
            SampleEvents.DealPropertyChangeEvent(11, "dealstage", "closedwon", eventId: 1, occurredAt: OccurredAt),
            SampleEvents.DealPropertyChangeEvent(12, "dealstage", "qualifiedtobuy", eventId: 2, occurredAt: OccurredAt.AddSeconds(1)),
            SampleEvents.DealPropertyChangeEvent(13, "amount", "99", eventId: 3, occurredAt: OccurredAt.AddSeconds(2)));

        IReadOnlyList<EventEnvelope> envelopes = Normalise(body);

        Assert.Equal(["crm-1", "crm-2", "crm-3"], envelopes.Select(e => e.Id));
        Assert.Equal(["11", "12", "13"], envelopes.Select(e => e.Subject));
        Assert.Equal(["crm.deal.closed.v1", "crm.deal.stage_changed.v1", "crm.deal.amount_changed.v1"], envelopes.Select(e => e.Type));
        Assert.Equal([OccurredAt, OccurredAt.AddSeconds(1), OccurredAt.AddSeconds(2)], envelopes.Select(e => e.OccurredAt));
        Assert.All(envelopes, e => Assert.Equal(CorrelationId, e.CorrelationId));
    }

    [Fact]
    public void Ids_written_as_strings_are_accepted()
    {
        string json = """[{"eventId":"ev-1","subscriptionType":"deal.propertyChange","objectId":"77","occurredAt":"1700000000000","propertyName":"dealstage","propertyValue":"closedwon"}]""";

        EventEnvelope envelope = Assert.Single(Normalise(json));

        Assert.Equal("crm-ev-1", envelope.Id);
        Assert.Equal("77", envelope.Subject);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), envelope.OccurredAt);
    }

    [Fact]
    public void Exactly_one_hundred_events_are_accepted()
    {
        byte[] body = SampleEvents.HubSpotBatch(Enumerable.Range(1, 100)
            .Select(i => SampleEvents.DealPropertyChangeEvent(i, "amount", "1", eventId: i, occurredAt: OccurredAt)));

        Assert.Equal(100, Normalise(body).Count);
    }

    [Fact]
    public void A_body_that_is_not_an_array_is_rejected()
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise("""{"eventId":1}"""));

        Assert.Contains("array", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_array_is_rejected()
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise("[]"));

        Assert.Contains("has 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_one_hundred_events_are_rejected()
    {
        byte[] body = SampleEvents.HubSpotBatch(Enumerable.Range(1, 101)
            .Select(i => SampleEvents.DealPropertyChangeEvent(i, "amount", "1", eventId: i, occurredAt: OccurredAt)));

        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(body));

        Assert.Contains("has 101", ex.Message, StringComparison.Ordinal);
        Assert.Contains("100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_array_element_that_is_not_an_object_is_rejected_naming_its_index()
    {
        string json = $$"""[{"eventId":1,"subscriptionType":"deal.creation","objectId":5,"occurredAt":1},42]""";

        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(json));

        Assert.Contains("Event [1]", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("subscriptionType")]
    [InlineData("objectId")]
    [InlineData("occurredAt")]
    public void A_missing_required_field_is_rejected_naming_the_field(string field)
    {
        var fields = new Dictionary<string, object>
        {
            ["eventId"] = 1,
            ["subscriptionType"] = "deal.propertyChange",
            ["objectId"] = 5,
            ["occurredAt"] = 1_700_000_000_000,
        };
        fields.Remove(field);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new[] { fields });

        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(body));

        Assert.Contains($"'{field}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Event [0]", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[1]")]
    public void An_empty_or_non_scalar_object_id_is_rejected(string objectIdJson)
    {
        string json = $$"""[{"eventId":1,"subscriptionType":"deal.creation","objectId":{{objectIdJson}},"occurredAt":1}]""";

        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(json));

        Assert.Contains("'objectId'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1700000000000.5")]
    [InlineData("\"yesterday\"")]
    [InlineData("1.7e12")]
    public void A_non_integer_occurred_at_is_rejected(string occurredAtJson)
    {
        string json = $$"""[{"eventId":1,"subscriptionType":"deal.creation","objectId":5,"occurredAt":{{occurredAtJson}}}]""";

        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(json));

        Assert.Contains("non-integer 'occurredAt'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_range_occurred_at_is_rejected()
    {
        string json = """[{"eventId":1,"subscriptionType":"deal.creation","objectId":5,"occurredAt":9223372036854775807}]""";

        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(json));

        Assert.Contains("out-of-range 'occurredAt'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[{\"eventId\":1,")]
    [InlineData("")]
    public void Invalid_json_is_rejected(string body)
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Normalise(body));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    private IReadOnlyList<EventEnvelope> Normalise(string body) => Normalise(Encoding.UTF8.GetBytes(body));

    private IReadOnlyList<EventEnvelope> Normalise(byte[] body) =>
        normaliser.Normalise(
            Source,
            new WebhookRequest("POST", new Uri("https://hooks.example/api/v1/webhooks/crm"), new Dictionary<string, string>(), body),
            CorrelationId,
            ReceivedAt);
}
