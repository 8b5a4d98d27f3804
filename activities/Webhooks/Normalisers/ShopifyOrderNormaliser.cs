using System.Globalization;
using System.Text.Json;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Orders;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Webhooks.Normalisers;

/// <summary>
/// Shopify webhooks: the topic (<c>X-Shopify-Topic</c>) gives the type (orders/create → placed, orders/updated →
/// updated, orders/cancelled → cancelled; any other topic → <c>shop.{topic with / as .}.v1</c>, which no one subscribes
/// to), the delivery id is <c>X-Shopify-Webhook-Id</c> (the same on every retry), the subject the order key
/// <c>{shop}-{orderId}</c>, and the data the REST Order untouched. An orders/* body that is not an order is a 400.
/// </summary>
public sealed class ShopifyOrderNormaliser : IWebhookNormaliser
{
    public const string TopicHeader = "X-Shopify-Topic";
    public const string WebhookIdHeader = "X-Shopify-Webhook-Id";
    public const string TriggeredAtHeader = "X-Shopify-Triggered-At";

    public const string OrdersCreate = "orders/create";
    public const string OrdersUpdated = "orders/updated";
    public const string OrdersCancelled = "orders/cancelled";

    public IReadOnlyList<EventEnvelope> Normalise(string source, WebhookRequest request, string correlationId, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!WebhookHeaders.TryGet(request.Headers, TopicHeader, out string topic))
        {
            throw new WebhookPayloadException($"The '{TopicHeader}' header is missing.");
        }

        string deliveryId = WebhookHeaders.TryGet(request.Headers, WebhookIdHeader, out string id)
            ? JsonFields.CheckDeliveryId(id, $"The '{WebhookIdHeader}' header")
            : throw new WebhookPayloadException($"The '{WebhookIdHeader}' header is missing.");
        string shop = WebhookHeaders.TryGet(request.Headers, ShopifyShopSecrets.ShopDomainHeader, out string domain) && OrderKeys.ShopFromDomain(domain) is { } s
            ? s
            : throw new WebhookPayloadException($"The '{ShopifyShopSecrets.ShopDomainHeader}' header does not name a shop.");
        string type = EventTypeOf(topic);

        using JsonDocument doc = JsonFields.Parse(request.Body);
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException("A Shopify webhook body is a JSON object.");
        }

        string subject;
        DateTimeOffset? stamped = null;
        if (type is EventTypes.ShopOrderPlaced or EventTypes.ShopOrderUpdated or EventTypes.ShopOrderCancelled)
        {
            ShopOrder order;
            try
            {
                order = ShopOrderReader.Read(shop, root);
            }
            catch (FormatException ex)
            {
                throw new WebhookPayloadException($"The {topic} body is not a Shopify order: {ex.Message}", ex);
            }

            subject = JsonFields.CheckSubject(order.Key, $"The order key '{order.Key}'");
            stamped = order.UpdatedAt ?? order.CreatedAt;
        }
        else
        {
            // Another topic: about the shop's object with this id, when it has one; no one subscribes to it.
            subject = root.TryGetProperty("id", out JsonElement objectId) && objectId.ValueKind is JsonValueKind.Number or JsonValueKind.String
                ? $"{shop}-{(objectId.ValueKind == JsonValueKind.String ? objectId.GetString() : objectId.GetRawText())}"
                : shop;
            if (EventIdLimits.SubjectProblem(subject) is not null)
            {
                subject = shop;
            }
        }

        DateTimeOffset occurredAt = WebhookHeaders.TryGet(request.Headers, TriggeredAtHeader, out string triggered) &&
            DateTimeOffset.TryParse(triggered, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            ? at
            : stamped ?? receivedAt;
        return [new EventEnvelope($"{source}-{deliveryId}", source, type, occurredAt, receivedAt, correlationId, subject, root.Clone())];
    }

    /// <summary>The event type of a topic; an unknown but well-formed topic becomes a type with no subscriber, never an error.</summary>
    /// <exception cref="WebhookPayloadException">The topic is not "resource/action" of letters, digits and underscores.</exception>
    public static string EventTypeOf(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        switch (topic.Trim().ToLowerInvariant())
        {
            case OrdersCreate:
                return EventTypes.ShopOrderPlaced;
            case OrdersUpdated:
                return EventTypes.ShopOrderUpdated;
            case OrdersCancelled:
                return EventTypes.ShopOrderCancelled;
            case var other when other.Length is > 0 and <= 100 && other.Split('/') is { Length: >= 2 } parts &&
                parts.All(p => p.Length > 0 && char.IsAsciiLetterLower(p[0]) && p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')):
                return $"shop.{string.Join('.', parts)}.v1";
            default:
                throw new WebhookPayloadException($"'{TopicHeader}' is not a Shopify topic such as '{OrdersCreate}'.");
        }
    }
}
