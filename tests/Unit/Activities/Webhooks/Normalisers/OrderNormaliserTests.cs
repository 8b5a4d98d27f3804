using System.Text;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Webhooks;
using Integration.Activities.Webhooks.Normalisers;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;
using Integration.Tests.Unit.Orchestrations.Orders;
using Integration.Tests.Unit.Webhooks.Signatures;
using Xunit;

namespace Integration.Tests.Unit.Activities.Webhooks.Normalisers;

/// <summary>Shopify, ShipBob and ShipStation deliveries as envelopes: the type from the topic, the id from the delivery, the subject the order key.</summary>
public sealed class OrderNormaliserTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 1, 12, 0, 5, TimeSpan.Zero);

    [Theory]
    [InlineData("orders/create", EventTypes.ShopOrderPlaced)]
    [InlineData("orders/updated", EventTypes.ShopOrderUpdated)]
    [InlineData("orders/cancelled", EventTypes.ShopOrderCancelled)]
    public void A_shopify_order_topic_becomes_its_event_keyed_by_the_webhook_id_about_the_order_key(string topic, string type)
    {
        EventEnvelope envelope = Assert.Single(Shopify(ShopifyOrderExamples.StoreOrder(1001), topic));

        Assert.Equal(("shopify-b54557e4", "shopify", type, "store-a-1001"), (envelope.Id, envelope.Source, envelope.Type, envelope.Subject));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 1, TimeSpan.Zero), envelope.OccurredAt);
        Assert.Equal(1001, envelope.Data.GetProperty("id").GetInt64());
    }

    [Fact]
    public void The_order_data_is_the_body_untouched_with_its_int64_id_exact()
    {
        EventEnvelope envelope = Assert.Single(Shopify(ShopifyOrderExamples.OrdersCreate, "orders/create"));

        Assert.Equal("store-a-820982911946154508", envelope.Subject);
        Assert.Equal("820982911946154508", envelope.Data.GetProperty("id").GetRawText());
        Assert.Equal("Generic Shipping", envelope.Data.GetProperty("shipping_lines")[0].GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("products/update", "shop.products.update.v1")]
    [InlineData("orders/paid", "shop.orders.paid.v1")]
    [InlineData("customers/data_request", "shop.customers.data_request.v1")]
    public void Another_topic_becomes_a_type_no_one_subscribes_to_never_an_error(string topic, string type)
    {
        EventEnvelope envelope = Assert.Single(Shopify("""{"id": 632910392, "title": "IPod Nano"}""", topic));

        Assert.Equal((type, "store-a-632910392"), (envelope.Type, envelope.Subject));
        Assert.Empty(EventSubscriptions.For(envelope.Type));
    }

    [Theory]
    [InlineData("""{"id": 1001}""", "line_items")]
    [InlineData("""{"line_items": []}""", "'id'")]
    [InlineData("""[]""", "JSON object")]
    [InlineData("""not json""", "not valid JSON")]
    public void An_order_topic_whose_body_is_not_an_order_is_a_payload_error(string body, string expected)
    {
        var error = Assert.Throws<WebhookPayloadException>(() => Shopify(body, "orders/create"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Shopify-Topic")]
    [InlineData("X-Shopify-Webhook-Id")]
    public void A_missing_topic_or_webhook_id_is_a_payload_error_naming_the_header(string header)
    {
        var error = Assert.Throws<WebhookPayloadException>(() => Shopify(ShopifyOrderExamples.StoreOrder(), "orders/create", without: header));

        Assert.Contains(header, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_topic_that_is_not_a_shopify_topic_is_a_payload_error()
    {
        Assert.Throws<WebhookPayloadException>(() => Shopify(ShopifyOrderExamples.StoreOrder(), "orders create"));
    }

    [Theory]
    [InlineData("order.shipped", EventTypes.WmsOrderShipped)]
    [InlineData("order.shipment.exception", EventTypes.WmsShipmentException)]
    [InlineData("order.shipment.on_hold", EventTypes.WmsShipmentException)]
    [InlineData("order.shipment.cancelled", EventTypes.WmsShipmentCancelled)]
    [InlineData("order.shipment.delivered", EventTypes.WmsShipmentUpdated)]
    [InlineData("order_shipped", EventTypes.WmsOrderShipped)]
    public void A_shipbob_topic_becomes_its_event_about_the_reference_we_gave(string topic, string type)
    {
        EventEnvelope envelope = Assert.Single(ShipBob(WarehouseShipmentReaderTests.ShipBobShipped, topic));

        Assert.Equal(("shipbob-msg_2xJ", type, "store-a-1001"), (envelope.Id, envelope.Type, envelope.Subject));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772366400), envelope.OccurredAt);
    }

    [Fact]
    public void A_shipbob_reference_this_product_did_not_make_is_still_accepted()
    {
        string body = WarehouseShipmentReaderTests.ShipBobShipped.Replace("store-a-1001", "PO/778 from another channel", StringComparison.Ordinal);

        EventEnvelope envelope = Assert.Single(ShipBob(body, "order.shipped"));

        Assert.StartsWith("reference-", envelope.Subject, StringComparison.Ordinal);
        Assert.IsType<EventRoute.Ignore>(EventRoutingTable.Route(envelope with { Subscription = EventSubscriptions.OrderFulfilment }));
    }

    [Fact]
    public void A_shipbob_shipment_topic_whose_body_is_not_a_shipment_is_a_payload_error()
    {
        Assert.Throws<WebhookPayloadException>(() => ShipBob("""{"reference_id": "store-a-1001"}""", "order.shipped"));
        Assert.Throws<WebhookPayloadException>(() => ShipBob(WarehouseShipmentReaderTests.ShipBobShipped, topic: null));
    }

    [Fact]
    public void A_ship_notify_on_the_shipstation_origin_is_keyed_by_a_hash_of_its_url()
    {
        const string url = "http://127.0.0.1:7080/shipstation/shipments?batchId=12&includeShipmentItems=True";

        EventEnvelope envelope = Assert.Single(ShipStation(url, "SHIP_NOTIFY"));

        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..32];
        Assert.Equal(("shipstation-" + hash, hash, EventTypes.WmsShipmentsNotified), (envelope.Id, envelope.Subject, envelope.Type));
        Assert.Equal(url, envelope.Data.GetProperty("resource_url").GetString());
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://127.0.0.1:7081/shipstation/shipments")]
    [InlineData("https://127.0.0.1:7080/shipstation/shipments")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/shipstation/shipments")]
    [InlineData("http://127.0.0.1:7080.evil.example/shipments")]
    public void A_resource_url_off_the_shipstation_origin_is_refused(string url)
    {
        var error = Assert.Throws<WebhookPayloadException>(() => ShipStation(url, "SHIP_NOTIFY"));

        Assert.Equal("resource_url does not point at ShipStation.", error.Message);
    }

    [Fact]
    public void Another_resource_type_becomes_a_type_no_one_subscribes_to()
    {
        EventEnvelope envelope = Assert.Single(ShipStation("http://127.0.0.1:7080/shipstation/orders?importBatch=3", "ORDER_NOTIFY"));

        Assert.Equal("wms.shipstation.order_notify.v1", envelope.Type);
        Assert.Empty(EventSubscriptions.For(envelope.Type));
    }

    private static IReadOnlyList<EventEnvelope> Shopify(string body, string topic, string? without = null)
    {
        WebhookRequest request = SignedRequests.Post(
            "https://hub.example.com/api/v1/webhooks/shopify",
            body,
            ("X-Shopify-Topic", topic),
            ("X-Shopify-Shop-Domain", "store-a.myshopify.com"),
            ("X-Shopify-Webhook-Id", "b54557e4"),
            ("X-Shopify-Triggered-At", "2026-03-01T12:00:01Z"));
        if (without is not null)
        {
            request = request.WithoutHeader(without);
        }

        return new ShopifyOrderNormaliser().Normalise("shopify", request, "corr-1", ReceivedAt);
    }

    private static IReadOnlyList<EventEnvelope> ShipBob(string body, string? topic)
    {
        WebhookRequest request = SignedRequests.Post("https://hub.example.com/api/v1/webhooks/shipbob", body, ("webhook-id", "msg_2xJ"), ("webhook-timestamp", "1772366400"));
        if (topic is not null)
        {
            request = request.WithHeader("x-webhook-topic", topic);
        }

        return new ShipBobEventNormaliser().Normalise("shipbob", request, "corr-1", ReceivedAt);
    }

    private static IReadOnlyList<EventEnvelope> ShipStation(string resourceUrl, string resourceType)
    {
        string body = JsonSerializer.Serialize(new { resource_url = resourceUrl, resource_type = resourceType });
        var options = new WebhookSourceOptions { Scheme = "shipstation", Secrets = ["t"], ResourceBaseUrl = "http://127.0.0.1:7080/shipstation" };
        IWebhookNormaliser normaliser = new ShipStationNotifyNormaliser();
        return normaliser.Normalise("shipstation", options, SignedRequests.Post("https://hub.example.com/api/v1/webhooks/shipstation?token=t", body), "corr-1", ReceivedAt);
    }
}
