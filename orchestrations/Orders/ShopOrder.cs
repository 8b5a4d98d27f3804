namespace Integration.Orchestrations.Orders;

/// <summary>
/// A web-store order as the workflows need it, independent of Shopify's wire format; read from the webhook's
/// REST Order payload by <c>ShopOrderReader</c>, so every subscriber sees the same order.
/// </summary>
/// <param name="Shop">The shop handle, the domain without ".myshopify.com" (e.g. "store-a").</param>
/// <param name="OrderId">Shopify's order id (int64; ids exceed 2^53, so never a double).</param>
/// <param name="Name">The order name people use, e.g. "#1001".</param>
/// <param name="Email">The customer's email, if any (the CRM note finds the contact by it).</param>
/// <param name="ShippingAddress">Null when the order has none: the workflow asks a person.</param>
/// <param name="CancelledAt">Set when Shopify says the order is cancelled.</param>
/// <param name="UpdatedAt">Shopify's updated_at, so a stale retry is told from newer data.</param>
public sealed record ShopOrder(
    string Shop,
    long OrderId,
    string Name,
    string? Email,
    string Currency,
    ShippingAddress? ShippingAddress,
    IReadOnlyList<ShopOrderLine> Lines,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? CancelledAt,
    string? CancelReason)
{
    /// <summary>The order's business key, "{shop}-{orderId}": the warehouse order's reference, the workflows' key.</summary>
    public string Key => OrderKeys.Key(Shop, OrderId);
}

/// <summary>One order line: the store SKU and how many; <paramref name="LineItemId"/> is Shopify's line id.</summary>
public sealed record ShopOrderLine(long LineItemId, string? Sku, string Title, int Quantity, decimal Price);

/// <summary>Where the order ships; country and province codes drive the warehouse routing rule.</summary>
public sealed record ShippingAddress(
    string Name,
    string Address1,
    string? Address2,
    string City,
    string? ProvinceCode,
    string CountryCode,
    string Zip,
    string? Phone);
