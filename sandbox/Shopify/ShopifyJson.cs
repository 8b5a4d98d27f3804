using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Shopify;

/// <summary>
/// Renders stored store state in Shopify's shapes: the REST Order of the order webhooks (vendor-apis.md §4.1; money
/// as decimal strings, ids as int64) and the GraphQL nodes of the Admin API (vendor-apis-2.md §1, §3).
/// </summary>
internal static class ShopifyJson
{
    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Shopify's REST timestamp: shop-local offset time without fractions (the sandbox's shops are on UTC).</summary>
    public static string Time(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>GraphQL DateTime: ISO-8601 UTC with a Z.</summary>
    public static string GraphTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject RestOrder(ShopifyShop shop, ShopifyOrder order)
    {
        var lines = new JsonArray();
        foreach (var line in order.Lines)
        {
            lines.Add(RestLine(line));
        }

        var subtotal = order.Lines.Sum(l => l.Price * l.CurrentQuantity);
        var (firstName, lastName) = CustomerName(order);
        return new JsonObject
        {
            ["id"] = order.Id,
            ["admin_graphql_api_id"] = ShopifyIds.Gid("Order", order.Id),
            ["name"] = order.Name,
            ["order_number"] = order.Number,
            ["number"] = order.Number - 1000,
            ["email"] = order.Email,
            ["contact_email"] = order.Email,
            ["created_at"] = Time(order.CreatedAt),
            ["processed_at"] = Time(order.CreatedAt),
            ["updated_at"] = Time(order.UpdatedAt),
            ["currency"] = "USD",
            ["presentment_currency"] = "USD",
            ["test"] = false,
            ["source_name"] = "web",
            ["tags"] = string.Empty,
            ["note"] = null,
            ["cancelled_at"] = order.CancelledAt is { } cancelled ? Time(cancelled) : null,
            ["cancel_reason"] = order.CancelReason,
            ["financial_status"] = "paid",
            ["fulfillment_status"] = order.FulfillmentStatus,
            ["subtotal_price"] = Money(subtotal),
            ["total_price"] = Money(subtotal),
            ["total_tax"] = Money(0),
            ["total_discounts"] = Money(0),
            ["customer"] = new JsonObject
            {
                ["id"] = order.CustomerId,
                ["email"] = order.Email,
                ["first_name"] = firstName,
                ["last_name"] = lastName,
                ["admin_graphql_api_id"] = ShopifyIds.Gid("Customer", order.CustomerId),
            },
            ["shipping_address"] = order.ShippingAddress?.DeepClone(),
            ["billing_address"] = order.ShippingAddress?.DeepClone(),
            ["line_items"] = lines,
            ["shipping_lines"] = new JsonArray(),
            ["order_status_url"] = $"https://{shop.Domain}/orders/{order.Id.ToString(CultureInfo.InvariantCulture)}/authenticate",
        };
    }

    /// <summary>The admin view of an order: the REST order, its fulfilment orders and fulfilments (with tracking) and the webhooks sent.</summary>
    public static JsonObject AdminOrder(ShopifyShop shop, ShopifyOrder order)
    {
        var fulfillmentOrders = new JsonArray();
        foreach (var fo in order.FulfillmentOrders)
        {
            fulfillmentOrders.Add(FulfillmentOrderNode(fo));
        }

        var fulfillments = new JsonArray();
        foreach (var fulfillment in order.Fulfillments)
        {
            var node = FulfillmentNode(fulfillment);
            var lines = new JsonArray();
            foreach (var line in fulfillment.Lines)
            {
                lines.Add(new JsonObject
                {
                    ["fulfillmentOrderId"] = ShopifyIds.Gid("FulfillmentOrder", line.FulfillmentOrderId),
                    ["fulfillmentOrderLineItemId"] = ShopifyIds.Gid("FulfillmentOrderLineItem", line.FulfillmentOrderLineId),
                    ["lineItemId"] = line.LineItemId,
                    ["sku"] = line.Sku,
                    ["quantity"] = line.Quantity,
                });
            }

            node["lineItems"] = lines;
            node["notifyCustomer"] = fulfillment.NotifyCustomer;
            fulfillments.Add(node);
        }

        var webhooks = new JsonArray();
        foreach (var webhook in order.Webhooks)
        {
            webhooks.Add(new JsonObject
            {
                ["topic"] = webhook.Topic,
                ["webhookId"] = webhook.WebhookId,
                ["eventId"] = webhook.EventId,
                ["triggeredAt"] = GraphTime(webhook.TriggeredAt),
                ["deliveries"] = new JsonArray([.. webhook.Deliveries.Select(d => (JsonNode?)d)]),
            });
        }

        return new JsonObject
        {
            ["shop"] = shop.Handle,
            ["order"] = RestOrder(shop, order),
            ["fulfillmentOrders"] = fulfillmentOrders,
            ["fulfillments"] = fulfillments,
            ["webhooks"] = webhooks,
        };
    }

    public static JsonObject AdminInventory(ShopifyShop shop, ShopifyInventoryItem item) => new()
    {
        ["sku"] = item.Sku,
        ["title"] = item.Title,
        ["inventoryItemId"] = ShopifyIds.Gid("InventoryItem", item.Id),
        ["locationId"] = ShopifyIds.Gid("Location", shop.LocationId),
        ["available"] = item.Available,
        ["committed"] = item.Committed,
        ["on_hand"] = item.OnHand,
        ["lastSet"] = item.LastSet is { } set
            ? new JsonObject
            {
                ["name"] = set.Name,
                ["quantity"] = set.Quantity,
                ["referenceDocumentUri"] = set.ReferenceDocumentUri,
                ["idempotencyKey"] = set.IdempotencyKey,
                ["at"] = GraphTime(set.At),
            }
            : null,
    };

    /// <summary>FulfillmentOrder { id status lineItems { nodes { id sku totalQuantity remainingQuantity lineItem { id } } } }.</summary>
    public static JsonObject FulfillmentOrderNode(ShopifyFulfillmentOrder fo)
    {
        var lines = new JsonArray();
        foreach (var line in fo.Lines)
        {
            lines.Add(new JsonObject
            {
                ["id"] = ShopifyIds.Gid("FulfillmentOrderLineItem", line.Id),
                ["sku"] = line.LineItem.Item.Sku,
                ["totalQuantity"] = line.TotalQuantity,
                ["remainingQuantity"] = line.RemainingQuantity,
                ["lineItem"] = new JsonObject { ["id"] = ShopifyIds.Gid("LineItem", line.LineItem.Id) },
            });
        }

        return new JsonObject
        {
            ["id"] = ShopifyIds.Gid("FulfillmentOrder", fo.Id),
            ["status"] = fo.Status,
            ["lineItems"] = new JsonObject { ["nodes"] = lines },
        };
    }

    /// <summary>Fulfillment { id status createdAt trackingInfo { company number url } }; trackingInfo is a list, as in the Admin API.</summary>
    public static JsonObject FulfillmentNode(ShopifyFulfillment fulfillment)
    {
        var tracking = new JsonArray();
        foreach (var t in fulfillment.Tracking)
        {
            tracking.Add(new JsonObject { ["company"] = t.Company, ["number"] = t.Number, ["url"] = t.Url });
        }

        return new JsonObject
        {
            ["id"] = ShopifyIds.Gid("Fulfillment", fulfillment.Id),
            ["status"] = fulfillment.Status,
            ["createdAt"] = GraphTime(fulfillment.CreatedAt),
            ["trackingInfo"] = tracking,
        };
    }

    private static JsonObject RestLine(ShopifyLineItem line) => new()
    {
        ["id"] = line.Id,
        ["admin_graphql_api_id"] = ShopifyIds.Gid("LineItem", line.Id),
        ["variant_id"] = line.Item.VariantId,
        ["product_id"] = line.Item.ProductId,
        ["sku"] = line.Item.Sku,
        ["title"] = line.Title,
        ["variant_title"] = null,
        ["name"] = line.Title,
        ["quantity"] = line.Quantity,
        ["current_quantity"] = line.CurrentQuantity,
        ["fulfillable_quantity"] = line.FulfillableQuantity,
        ["fulfillment_status"] = line.FulfillmentStatus,
        ["price"] = Money(line.Price),
        ["requires_shipping"] = true,
        ["grams"] = line.Item.Grams,
        ["tax_lines"] = new JsonArray(),
        ["discount_allocations"] = new JsonArray(),
    };

    private static (string? First, string? Last) CustomerName(ShopifyOrder order) =>
        (JsonValues.StringAt(order.ShippingAddress, "first_name") ?? "Alex",
         JsonValues.StringAt(order.ShippingAddress, "last_name") ?? "Doe");
}
