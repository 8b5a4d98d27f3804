using System.Globalization;

namespace Integration.Sandbox.Shopify;

/// <summary>
/// Numeric ids and GraphQL global ids ("gid://shopify/Order/820982911946154509"). Ids start from large bases, as
/// Shopify's do (above 2^53), so a client that reads them as doubles fails here rather than in production.
/// </summary>
internal sealed class ShopifyIds
{
    public const long OrderBase = 820982911946154508;
    private const long LineItemBase = 866550311766439020;
    private const long FulfillmentOrderBase = 6381820428000;
    private const long FulfillmentOrderLineBase = 13410519580000;
    private const long FulfillmentBase = 5581374882000;
    private const long InventoryItemBase = 43729076000;
    private const long LocationBase = 655441491;
    private const long ProductBase = 788032119674000;
    private const long AdjustmentGroupBase = 39812716000;
    private const long CustomerBase = 207119551000;

    private long order;
    private long lineItem;
    private long fulfillmentOrder;
    private long fulfillmentOrderLine;
    private long fulfillment;
    private long inventoryItem;
    private long location;
    private long product;
    private long adjustmentGroup;
    private long customer;

    public long NextOrder() => OrderBase + Interlocked.Increment(ref order);

    public long NextLineItem() => LineItemBase + Interlocked.Increment(ref lineItem);

    public long NextFulfillmentOrder() => FulfillmentOrderBase + Interlocked.Increment(ref fulfillmentOrder);

    public long NextFulfillmentOrderLine() => FulfillmentOrderLineBase + Interlocked.Increment(ref fulfillmentOrderLine);

    public long NextFulfillment() => FulfillmentBase + Interlocked.Increment(ref fulfillment);

    public long NextInventoryItem() => InventoryItemBase + Interlocked.Increment(ref inventoryItem);

    public long NextLocation() => LocationBase + Interlocked.Increment(ref location);

    public long NextProduct() => ProductBase + Interlocked.Increment(ref product);

    public long NextAdjustmentGroup() => AdjustmentGroupBase + Interlocked.Increment(ref adjustmentGroup);

    public long NextCustomer() => CustomerBase + Interlocked.Increment(ref customer);

    public static string Gid(string type, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"gid://shopify/{type}/{id}");

    /// <summary>The number of "gid://shopify/{type}/{n}"; false for another type or anything malformed.</summary>
    public static bool TryParseGid(string? gid, string type, out long id)
    {
        id = 0;
        var prefix = $"gid://shopify/{type}/";
        return gid is not null
            && gid.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(gid.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }
}
