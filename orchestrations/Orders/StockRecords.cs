namespace Integration.Orchestrations.Orders;

/// <summary>
/// Reserve an order's lines at the first candidate warehouse that has all of them (all or nothing per warehouse),
/// or at <paramref name="PinnedWarehouse"/> when a person chose one. Idempotent per order: asking again returns the
/// order's reservation as it stands; a released or shipped order is never reserved again, except that a reserve with
/// <paramref name="PinnedWarehouse"/> after a release (a person's ship-from) reserves a released order that shipped nothing.
/// </summary>
public sealed record ReserveStockInput(string OrderKey, IReadOnlyList<StockLine> Lines, IReadOnlyList<string> Warehouses, string? PinnedWarehouse, string CorrelationId);

/// <summary>Units of one warehouse SKU.</summary>
public sealed record StockLine(string WarehouseSku, int Quantity);

/// <summary>An order's reservation as the ledger holds it after the call.</summary>
/// <param name="Status">One of the constants below.</param>
/// <param name="Warehouse">Where the units are held (reserved, shipped); null when none.</param>
/// <param name="Shortages">When backordered: per SKU, what was needed and the most any candidate warehouse had.</param>
public sealed record StockReservation(string OrderKey, string Status, string? Warehouse, IReadOnlyList<StockShortage> Shortages)
{
    /// <summary>The ledger has no reservation for the order.</summary>
    public const string None = "none";
    public const string Reserved = "reserved";

    /// <summary>No candidate warehouse had every line; nothing is held. The order waits for a person (or stock).</summary>
    public const string Backordered = "backordered";
    public const string Released = "released";
    public const string PartiallyShipped = "partially-shipped";
    public const string Shipped = "shipped";
}

/// <summary>A SKU the order could not get enough of.</summary>
public sealed record StockShortage(string WarehouseSku, int Needed, int Available);

/// <summary>Release what the order still holds (cancelled, or moved by a person). Returns the reservation as it was before.</summary>
public sealed record ReleaseStockInput(string OrderKey, string CorrelationId);

/// <summary>A shipment turns its units from reserved into a decrement of on-hand; idempotent per shipment id.</summary>
public sealed record CommitShipmentInput(string OrderKey, string Warehouse, string ShipmentId, IReadOnlyList<ShipmentLine> Lines, string CorrelationId);

/// <summary>Push the available quantity of these warehouse SKUs to every store now.</summary>
public sealed record SyncStoreStockInput(IReadOnlyList<string> WarehouseSkus, string CorrelationId);

/// <summary>What the push did; a store that could not be updated is named in <paramref name="Problems"/> and caught up by the stock loop.</summary>
public sealed record SyncStoreStockResult(int Stores, int Updated, IReadOnlyList<string> Problems);
