using System.Text.Json.Nodes;
using Integration.Sandbox.Warehouses;

namespace Integration.Sandbox.ShipBob;

/// <summary>One product line of a ShipBob order: the warehouse SKU (its reference_id) and the units ordered.</summary>
internal sealed record ShipBobProduct(long Id, string ReferenceId, string Name, int Quantity);

/// <summary>ShipBob's shipment statuses the emulation uses.</summary>
internal static class ShipBobShipmentStatus
{
    public const string Processing = "Processing";
    public const string Completed = "Completed";
    public const string Exception = "Exception";
    public const string OnHold = "OnHold";
    public const string Cancelled = "Cancelled";
}

/// <summary>The tracking ShipBob puts on a shipment once its label is bought.</summary>
internal sealed record ShipBobTracking(string Carrier, string CarrierService, string TrackingNumber, string TrackingUrl, DateTimeOffset ShippingDate);

/// <summary>
/// One shipment of an order. An order starts with one shipment holding every product; a partial ship
/// completes this shipment with the units shipped and moves the rest to a new one.
/// </summary>
internal sealed class ShipBobShipment(long id, List<ShipBobProduct> products, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public List<ShipBobProduct> Products { get; set; } = products;

    public string Status { get; set; } = ShipBobShipmentStatus.Processing;

    public List<(string Name, string Description)> StatusDetails { get; } = [];

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset LastUpdateAt { get; set; } = createdAt;

    public ShipBobTracking? Tracking { get; set; }

    /// <summary>Neither shipped nor cancelled: its units are committed stock.</summary>
    public bool IsOpen => Status is not (ShipBobShipmentStatus.Completed or ShipBobShipmentStatus.Cancelled);
}

/// <summary>One ShipBob order as created through POST /{version}/order, with its shipments and the webhooks sent for it.</summary>
internal sealed class ShipBobOrder(long id, long channelId, string referenceId, JsonObject request, List<ShipBobProduct> products, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public long ChannelId { get; } = channelId;

    public string ReferenceId { get; } = referenceId;

    /// <summary>The create body as sent (order_number, shipping_method, recipient, tags ...).</summary>
    public JsonObject Request { get; } = request;

    public List<ShipBobProduct> Products { get; } = products;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public List<ShipBobShipment> Shipments { get; } = [];

    public List<WebhookRecord> Webhooks { get; } = [];

    public ShipBobShipment? OpenShipment => Shipments.FirstOrDefault(s => s.IsOpen);

    /// <summary>Derived from the shipments, as ShipBob reports it.</summary>
    public string Status
    {
        get
        {
            if (Shipments.All(s => s.Status == ShipBobShipmentStatus.Cancelled))
            {
                return "Cancelled";
            }

            var completed = Shipments.Any(s => s.Status == ShipBobShipmentStatus.Completed);
            var open = OpenShipment;
            if (open is null)
            {
                // What shipped is all there will be; a cancelled remainder leaves the order part-fulfilled.
                return Shipments.Any(s => s.Status == ShipBobShipmentStatus.Cancelled) ? "PartiallyFulfilled" : "Fulfilled";
            }

            if (open.Status is ShipBobShipmentStatus.Exception or ShipBobShipmentStatus.OnHold)
            {
                return "Exception";
            }

            return completed ? "PartiallyFulfilled" : "Processing";
        }
    }

    public int Shipped(string sku) => Shipments
        .Where(s => s.Status == ShipBobShipmentStatus.Completed)
        .SelectMany(s => s.Products)
        .Where(p => string.Equals(p.ReferenceId, sku, StringComparison.OrdinalIgnoreCase))
        .Sum(p => p.Quantity);
}
