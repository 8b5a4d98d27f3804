namespace Integration.Orchestrations.Orders;

/// <summary>Create the order at a warehouse, keyed by <paramref name="OrderKey"/> so a repeat finds the first.</summary>
public sealed record WarehouseOrderRequest(
    string Warehouse,
    string OrderKey,
    string OrderName,
    string? Email,
    ShippingAddress Address,
    IReadOnlyList<WarehouseOrderLine> Lines,
    string CorrelationId);

/// <summary>One line as the warehouse sees it; <paramref name="LineKey"/> is the store's line id.</summary>
public sealed record WarehouseOrderLine(string LineKey, string WarehouseSku, string Name, int Quantity, decimal UnitPrice);

/// <summary>The warehouse's answer: created, already there (a repeat), or refused with its reason.</summary>
public sealed record WarehouseOrderResult(string Warehouse, string OrderKey, string Outcome, string? WarehouseOrderId, string? Detail)
{
    public const string Created = "created";
    public const string Existing = "existing";

    /// <summary>The warehouse said no for a reason a retry cannot fix (validation, unknown SKU): a person decides.</summary>
    public const string Refused = "refused";
}

/// <summary>Cancel the order at the warehouse it was sent to.</summary>
public sealed record CancelWarehouseOrderInput(string Warehouse, string OrderKey, string? WarehouseOrderId, string CorrelationId);

/// <summary>What the warehouse did with the cancel.</summary>
public sealed record WarehouseCancelResult(string Outcome, string? Detail)
{
    public const string Cancelled = "cancelled";

    /// <summary>Too late: (part of) it was picked, packed or shipped.</summary>
    public const string TooLate = "too-late";
    public const string NotFound = "not-found";
}

/// <summary>Create the store's fulfilment for one shipment, with its tracking; reads the fulfilment orders first, as fulfillmentCreate is not idempotent.</summary>
public sealed record CreateShopFulfilmentInput(
    string Shop,
    long OrderId,
    string ShipmentId,
    string? Carrier,
    string? TrackingNumber,
    string? TrackingUrl,
    IReadOnlyList<FulfilmentLine> Lines,
    string CorrelationId);

/// <summary>Units of one store SKU to fulfil.</summary>
public sealed record FulfilmentLine(string Sku, int Quantity);

/// <summary>The store's fulfilment: created now, found already there (a retry), or nothing left to fulfil.</summary>
public sealed record ShopFulfilmentResult(string Outcome, string? FulfilmentId, string? Detail)
{
    public const string Created = "created";
    public const string Existing = "existing";
    public const string NothingToFulfil = "nothing-to-fulfil";
}

/// <summary>Add the placed order to the customer's CRM timeline, once.</summary>
public sealed record AddOrderCrmNoteInput(ShopOrder Order, string CorrelationId);

/// <summary>Fetch the shipments behind a ShipStation SHIP_NOTIFY and queue one shipped event per shipment.</summary>
public sealed record FetchShipStationShipmentsInput(string ResourceUrl, string CorrelationId);
