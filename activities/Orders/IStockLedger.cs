using Integration.Orchestrations.Orders;

namespace Integration.Activities.Orders;

/// <summary>
/// The product's stock ledger: per warehouse SKU and warehouse, on-hand (the warehouse's figure) and what orders
/// not yet shipped hold. Every change is compare-and-set, so concurrent orders for the last units never oversell.
/// </summary>
public interface IStockLedger
{
    Task<StockReservation> ReserveAsync(ReserveStockInput request, CancellationToken cancellationToken);

    /// <returns>The reservation as it was before the release.</returns>
    Task<StockReservation> ReleaseAsync(string orderKey, CancellationToken cancellationToken);

    /// <returns>The reservation after the shipment.</returns>
    Task<StockReservation> CommitShipmentAsync(CommitShipmentInput request, CancellationToken cancellationToken);

    Task<StockReservation> GetReservationAsync(string orderKey, CancellationToken cancellationToken);

    /// <summary>Records a warehouse's on-hand figure as read at <paramref name="readAt"/>; false when unchanged (or older than a local change).</summary>
    Task<bool> SetOnHandAsync(string warehouse, string warehouseSku, int onHand, DateTimeOffset readAt, CancellationToken cancellationToken);

    /// <summary>What every store may sell of a warehouse SKU: the sum over warehouses of on-hand minus reserved (never below 0), and the ledger version it was read at.</summary>
    Task<SkuAvailability> GetAvailabilityAsync(string warehouseSku, CancellationToken cancellationToken);
}

/// <summary>A SKU's sellable units and the version of the ledger row they were computed from (it grows with every change).</summary>
public sealed record SkuAvailability(string WarehouseSku, int Available, long Version);

/// <summary>Pushes the ledger's availability of SKUs to every store (inventorySetQuantities, compare-and-set, idempotency key).</summary>
public interface IStoreStockSync
{
    Task<SyncStoreStockResult> SyncAsync(IReadOnlyList<string> warehouseSkus, string correlationId, CancellationToken cancellationToken);

    /// <summary>
    /// The stock loop's catch-up: reads every store's level and corrects it to the ledger whatever the version record says,
    /// because a store can be wrong at a recorded version (a racing push that left an older figure, or the store's own
    /// decrement for an order the ledger backordered).
    /// </summary>
    Task<SyncStoreStockResult> CheckStoresAsync(IReadOnlyList<string> warehouseSkus, string correlationId, CancellationToken cancellationToken);
}
