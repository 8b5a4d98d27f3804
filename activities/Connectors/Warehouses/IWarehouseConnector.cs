using Integration.Orchestrations.Orders;

namespace Integration.Activities.Connectors.Warehouses;

/// <summary>
/// One warehouse system (ShipBob, ShipStation) as the order workflows use it, so the routing rule can choose
/// either per order. Implementations log every call redacted by correlation id through the standard pipeline.
/// </summary>
public interface IWarehouseConnector
{
    /// <summary>The configuration and routing name: "shipbob" or "shipstation".</summary>
    string Name { get; }

    /// <summary>
    /// Creates the order keyed by <see cref="WarehouseOrderRequest.OrderKey"/> (ShipBob reference_id, ShipStation
    /// orderKey); a repeat returns the existing order as <see cref="WarehouseOrderResult.Existing"/>. A validation
    /// refusal is <see cref="WarehouseOrderResult.Refused"/>; transient failures throw.
    /// </summary>
    Task<WarehouseOrderResult> CreateOrderAsync(WarehouseOrderRequest request, CancellationToken cancellationToken);

    Task<WarehouseCancelResult> CancelOrderAsync(CancelWarehouseOrderInput request, CancellationToken cancellationToken);

    /// <summary>On-hand units per warehouse SKU; null when the account has no stock API (ShipStation without v2 inventory).</summary>
    Task<IReadOnlyList<WarehouseStockLevel>?> GetStockAsync(string correlationId, CancellationToken cancellationToken);
}

/// <summary>What a warehouse physically holds of one SKU (ShipBob total_on_hand_quantity, ShipStation v2 on_hand).</summary>
public sealed record WarehouseStockLevel(string WarehouseSku, int OnHand);
