namespace Integration.Orchestrations.Orders;

/// <summary>
/// What the dispatcher raises on a live order workflow: a newer copy of the order (updated or cancelled in the
/// store) or a shipment fact from a warehouse. Exactly one of <paramref name="Order"/> and
/// <paramref name="Shipment"/> is set; <paramref name="Type"/> is the event type it came as.
/// </summary>
public sealed record OrderEvent(string EventId, string CorrelationId, string Type, ShopOrder? Order, WarehouseShipment? Shipment)
{
    public const string EventName = "order-event";
}

/// <summary>
/// A warehouse's shipment (or shipment problem) for one of our orders, independent of the vendor's format.
/// <paramref name="OrderKey"/> is the reference we gave the warehouse order; lines carry the warehouse SKU.
/// </summary>
/// <param name="Status">"shipped", "exception" (on hold, lost...) or "cancelled" (the warehouse cancelled the shipment).</param>
public sealed record WarehouseShipment(
    string Warehouse,
    string OrderKey,
    string? WarehouseOrderId,
    string ShipmentId,
    string Status,
    string? Carrier,
    string? TrackingNumber,
    string? TrackingUrl,
    IReadOnlyList<ShipmentLine> Lines,
    string? Detail)
{
    public const string Shipped = "shipped";
    public const string Exception = "exception";
    public const string Cancelled = "cancelled";
}

/// <summary>One shipped line: the warehouse SKU and the units in this shipment.</summary>
public sealed record ShipmentLine(string WarehouseSku, int Quantity);
