using System.Text.Json.Nodes;
using Integration.Sandbox.Warehouses;

namespace Integration.Sandbox.ShipStation;

/// <summary>ShipStation's order statuses; shipped and cancelled orders are locked against updates.</summary>
internal static class ShipStationOrderStatus
{
    public const string AwaitingPayment = "awaiting_payment";
    public const string AwaitingShipment = "awaiting_shipment";
    public const string OnHold = "on_hold";
    public const string Shipped = "shipped";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        { AwaitingPayment, AwaitingShipment, OnHold, Shipped, Cancelled };

    public static bool IsLocked(string status) => status is Shipped or Cancelled;

    /// <summary>Orders whose unshipped units the warehouse holds back (v2 "allocated").</summary>
    public static bool Allocates(string status) => status is AwaitingShipment or OnHold;
}

/// <summary>One order line; <see cref="Shipped"/> survives updates of the order (matched by lineItemKey, else SKU).</summary>
internal sealed class ShipStationItem(long orderItemId, JsonObject body, string? lineItemKey, string? sku, int quantity)
{
    public long OrderItemId { get; } = orderItemId;

    /// <summary>The item as sent (name, unitPrice, options ...).</summary>
    public JsonObject Body { get; } = body;

    public string? LineItemKey { get; } = lineItemKey;

    public string? Sku { get; } = sku;

    public int Quantity { get; } = quantity;

    public int Shipped { get; set; }

    public string MatchKey => LineItemKey ?? Sku ?? string.Empty;

    public int Open => Math.Max(0, Quantity - Shipped);
}

/// <summary>One label-generated shipment; every admin ship makes its own batch, which the SHIP_NOTIFY points at.</summary>
internal sealed record ShipStationShipment(
    long ShipmentId, long BatchId, DateTimeOffset CreatedAt, string TrackingNumber, string CarrierCode, string ServiceCode,
    IReadOnlyList<(ShipStationItem Item, int Quantity)> Items);

/// <summary>One ShipStation order as createorder last left it, with its shipments and the webhooks sent for it.</summary>
internal sealed class ShipStationOrder(long orderId, string orderKey, DateTimeOffset createdAt)
{
    public long OrderId { get; } = orderId;

    public string OrderKey { get; } = orderKey;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset ModifiedAt { get; set; } = createdAt;

    /// <summary>The last createorder body as sent; an update replaces it whole, as ShipStation does.</summary>
    public JsonObject Body { get; set; } = [];

    public string OrderNumber => Body["orderNumber"]?.ToString() ?? string.Empty;

    public string Status { get; set; } = ShipStationOrderStatus.AwaitingShipment;

    public List<ShipStationItem> Items { get; set; } = [];

    public List<ShipStationShipment> Shipments { get; } = [];

    public List<WebhookRecord> Webhooks { get; } = [];
}
