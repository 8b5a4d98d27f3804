using Integration.Orchestrations.Orders;

namespace Integration.Activities.Connectors.Shopify;

/// <summary>
/// The Shopify Admin GraphQL calls the order workflows make, per shop handle ("store-a"). Every call checks
/// userErrors on HTTP 200 and waits out THROTTLED answers; a userError a retry cannot fix throws
/// <see cref="ShopifyUserErrorException"/>.
/// </summary>
public interface IShopifyAdmin
{
    /// <summary>The configured shop handles, in configuration order.</summary>
    IReadOnlyList<string> Shops { get; }

    /// <summary>The order's fulfilment orders with each line's SKU and remaining quantity.</summary>
    Task<IReadOnlyList<ShopFulfilmentOrder>> GetFulfilmentOrdersAsync(string shop, long orderId, string correlationId, CancellationToken cancellationToken);

    /// <summary>The order's existing fulfilments with their tracking numbers, to tell a retry from a new shipment.</summary>
    Task<IReadOnlyList<ShopFulfilment>> GetFulfilmentsAsync(string shop, long orderId, string correlationId, CancellationToken cancellationToken);

    /// <summary>fulfillmentCreate for the given fulfilment-order lines, with tracking.</summary>
    Task<ShopFulfilment> CreateFulfilmentAsync(string shop, ShopFulfilmentRequest request, string correlationId, CancellationToken cancellationToken);

    /// <summary>The store's inventory item and location for a store SKU, with its available quantity; null when the store does not sell it.</summary>
    Task<ShopInventoryLevel?> GetInventoryLevelAsync(string shop, string sku, string correlationId, CancellationToken cancellationToken);

    /// <summary>
    /// inventorySetQuantities (name "available") with compare-and-set against <paramref name="compareQuantity"/> and
    /// the @idempotent key; false when the store's quantity was no longer <paramref name="compareQuantity"/> (stale).
    /// </summary>
    Task<bool> SetAvailableAsync(string shop, ShopInventoryLevel level, int quantity, int compareQuantity, string idempotencyKey, string correlationId, CancellationToken cancellationToken);
}

/// <summary>A Shopify fulfilment order and its lines.</summary>
public sealed record ShopFulfilmentOrder(string Id, string Status, IReadOnlyList<ShopFulfilmentOrderLine> Lines);

/// <summary>One fulfilment-order line: fulfilments are sent by this id, not the order line's.</summary>
public sealed record ShopFulfilmentOrderLine(string Id, string? Sku, long? LineItemId, int TotalQuantity, int RemainingQuantity);

/// <summary>A fulfilment as created or listed.</summary>
public sealed record ShopFulfilment(string Id, string Status, string? TrackingCompany, string? TrackingNumber);

/// <summary>What to fulfil: per fulfilment order, its line ids and quantities; and the tracking.</summary>
public sealed record ShopFulfilmentRequest(
    IReadOnlyList<ShopFulfilmentOrderLines> LineItemsByFulfilmentOrder, string? TrackingCompany, string? TrackingNumber, string? TrackingUrl, bool NotifyCustomer);

/// <summary>Lines of one fulfilment order to fulfil.</summary>
public sealed record ShopFulfilmentOrderLines(string FulfilmentOrderId, IReadOnlyList<ShopFulfilmentLineQuantity> Lines);

/// <summary>A fulfilment-order line id and the units to fulfil.</summary>
public sealed record ShopFulfilmentLineQuantity(string Id, int Quantity);

/// <summary>One store's stock of one SKU at its location.</summary>
public sealed record ShopInventoryLevel(string InventoryItemId, string LocationId, int Available);

/// <summary>Shopify answered with userErrors a retry cannot fix; the message lists them.</summary>
public sealed class ShopifyUserErrorException(string message) : Exception(message);
