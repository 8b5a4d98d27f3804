using System.Text.Json.Nodes;

namespace Integration.Sandbox.Shopify;

/// <summary>A stored store order (mutable; guarded by its shop's gate), rendered as the REST Order by <see cref="ShopifyJson"/>.</summary>
internal sealed class ShopifyOrder
{
    public required long Id { get; init; }

    public required int Number { get; init; }

    public required string? Email { get; set; }

    public required long CustomerId { get; init; }

    public required JsonObject? ShippingAddress { get; set; }

    public required IReadOnlyList<ShopifyLineItem> Lines { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    public List<ShopifyFulfillmentOrder> FulfillmentOrders { get; } = [];

    public List<ShopifyFulfillment> Fulfillments { get; } = [];

    public List<ShopifyWebhookRecord> Webhooks { get; } = [];

    public string Name => $"#{Number}";

    /// <summary>REST fulfillment_status: null (nothing fulfilled), "partial" or "fulfilled".</summary>
    public string? FulfillmentStatus =>
        Lines.All(l => l.FulfilledQuantity == 0) ? null
        : Lines.All(l => l.FulfillableQuantity == 0) ? "fulfilled"
        : "partial";
}

/// <summary>One order line; quantities move as it is fulfilled (FulfilledQuantity) or cancelled and restocked (RemovedQuantity).</summary>
internal sealed class ShopifyLineItem
{
    public required long Id { get; init; }

    public required ShopifyInventoryItem Item { get; init; }

    public required string Title { get; init; }

    public required int Quantity { get; init; }

    public required decimal Price { get; init; }

    public int FulfilledQuantity { get; set; }

    public int RemovedQuantity { get; set; }

    public int CurrentQuantity => Quantity - RemovedQuantity;

    public int FulfillableQuantity => Quantity - RemovedQuantity - FulfilledQuantity;

    public string? FulfillmentStatus =>
        FulfilledQuantity == 0 ? null : FulfillableQuantity == 0 ? "fulfilled" : "partial";
}

/// <summary>A fulfilment order: OPEN → IN_PROGRESS (partly fulfilled) → CLOSED (nothing remains), or CANCELLED.</summary>
internal sealed class ShopifyFulfillmentOrder
{
    public const string Open = "OPEN";
    public const string InProgress = "IN_PROGRESS";
    public const string Closed = "CLOSED";
    public const string Cancelled = "CANCELLED";

    public required long Id { get; init; }

    public required long OrderId { get; init; }

    public required IReadOnlyList<ShopifyFulfillmentOrderLine> Lines { get; init; }

    public string Status { get; set; } = Open;

    public bool IsFulfillable => Status is Open or InProgress;
}

/// <summary>A fulfilment-order line: fulfilments name this id, not the order line's.</summary>
internal sealed class ShopifyFulfillmentOrderLine
{
    public required long Id { get; init; }

    public required ShopifyLineItem LineItem { get; init; }

    public required int TotalQuantity { get; init; }

    public int RemainingQuantity { get; set; }
}

/// <summary>One tracking entry of a fulfilment.</summary>
internal sealed record ShopifyTracking(string? Company, string? Number, string? Url);

/// <summary>What one fulfilment shipped, per fulfilment-order line.</summary>
internal sealed record ShopifyFulfillmentLine(long FulfillmentOrderId, long FulfillmentOrderLineId, long LineItemId, string Sku, int Quantity);

/// <summary>A created fulfilment (always SUCCESS: the sandbox has no carrier step).</summary>
internal sealed record ShopifyFulfillment(
    long Id, DateTimeOffset CreatedAt, IReadOnlyList<ShopifyTracking> Tracking, IReadOnlyList<ShopifyFulfillmentLine> Lines, bool NotifyCustomer)
{
    public string Status => "SUCCESS";
}

/// <summary>A webhook the store sent about an order and what the product answered to each delivery (0 = no answer).</summary>
internal sealed record ShopifyWebhookRecord(string Topic, string WebhookId, string EventId, DateTimeOffset TriggeredAt, IReadOnlyList<int> Deliveries);
