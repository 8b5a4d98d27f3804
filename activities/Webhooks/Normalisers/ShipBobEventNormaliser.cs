using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Orders;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Webhooks.Normalisers;

/// <summary>
/// ShipBob's shipment webhooks (Standard Webhooks signed): the topic header <c>x-webhook-topic</c> gives the type
/// (order.shipped → shipped; order.shipment.exception and order.shipment.on_hold → exception; order.shipment.cancelled →
/// cancelled; any other topic → <c>wms.order.shipment_updated.v1</c>, no subscriber), the id is <c>webhook-id</c>, the
/// subject the shipment's <c>reference_id</c> (our order key; a reference we did not make is accepted and ignored), the
/// data the body untouched.
/// </summary>
public sealed class ShipBobEventNormaliser : IWebhookNormaliser
{
    public const string TopicHeader = "x-webhook-topic";

    public IReadOnlyList<EventEnvelope> Normalise(string source, WebhookRequest request, string correlationId, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!WebhookHeaders.TryGet(request.Headers, TopicHeader, out string topic))
        {
            throw new WebhookPayloadException($"The '{TopicHeader}' header is missing.");
        }

        string deliveryId = WebhookHeaders.TryGet(request.Headers, StandardWebhooksSignature.IdHeader, out string id)
            ? JsonFields.CheckDeliveryId(id, $"The '{StandardWebhooksSignature.IdHeader}' header")
            : throw new WebhookPayloadException($"The '{StandardWebhooksSignature.IdHeader}' header is missing.");
        string type = EventTypeOf(topic);

        using JsonDocument doc = JsonFields.Parse(request.Body);
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException("A ShipBob webhook body is a JSON object.");
        }

        string? reference = JsonFields.OptionalString(root, "reference_id");
        if (type != EventTypes.WmsShipmentUpdated)
        {
            try
            {
                // Read now, so a shipment the order workflow could not read is refused here, not dead-lettered later.
                WarehouseShipmentReader.Read(WarehouseShipmentReader.ShipBob, root);
            }
            catch (FormatException ex)
            {
                throw new WebhookPayloadException($"The {topic} body is not a ShipBob shipment: {ex.Message}", ex);
            }
        }

        // A reference that cannot be a business key is not one of ours: it is kept under a hash, and routed as ignored.
        string subject = reference is not null && EventIdLimits.SubjectProblem(reference) is null
            ? reference
            : "reference-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference ?? deliveryId)).AsSpan(0, 16));
        DateTimeOffset occurredAt = WebhookHeaders.TryGet(request.Headers, StandardWebhooksSignature.TimestampHeader, out string ts) &&
            long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) && seconds < 253402300800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : receivedAt;
        return [new EventEnvelope($"{source}-{deliveryId}", source, type, occurredAt, receivedAt, correlationId, subject, root.Clone())];
    }

    /// <summary>ShipBob's topic (the current names and the legacy v1/v2 ones) as the product's event type.</summary>
    public static string EventTypeOf(string topic) => topic.Trim().ToLowerInvariant() switch
    {
        "order.shipped" or "order_shipped" => EventTypes.WmsOrderShipped,
        "order.shipment.exception" or "order.shipment.on_hold" or "shipment_exception" or "shipment_onhold" => EventTypes.WmsShipmentException,
        "order.shipment.cancelled" or "shipment_cancelled" => EventTypes.WmsShipmentCancelled,
        _ => EventTypes.WmsShipmentUpdated,
    };
}
