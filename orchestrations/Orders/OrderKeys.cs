using System.Globalization;

namespace Integration.Orchestrations.Orders;

/// <summary>
/// The one encoding of an order's business key, "{shop}-{orderId}", and the instance ids built on it. The key is
/// also the warehouse order's reference (ShipBob reference_id, ShipStation orderKey), so a shipment event leads
/// back to its order without a lookup. Shop handles are [a-z0-9-] and order ids digits, so the last '-' splits it.
/// </summary>
public static class OrderKeys
{
    public const string ShopDomainSuffix = ".myshopify.com";

    public static string Key(string shop, long orderId) => $"{shop}-{orderId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"store-a.myshopify.com" → "store-a"; null when the domain is not a Shopify shop domain with a valid handle.</summary>
    public static string? ShopFromDomain(string? domain)
    {
        if (domain is null || !domain.EndsWith(ShopDomainSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string shop = domain[..^ShopDomainSuffix.Length].ToLowerInvariant();
        return IsShopHandle(shop) ? shop : null;
    }

    /// <summary>A Shopify shop handle: 1-60 of [a-z0-9-], not starting or ending with '-'.</summary>
    public static bool IsShopHandle(string shop) =>
        shop.Length is > 0 and <= 60 && shop[0] != '-' && shop[^1] != '-' &&
        shop.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>Splits a key made by <see cref="Key"/>; false for anything else (a reference this product did not make).</summary>
    public static bool TryParse(string? key, out string shop, out long orderId)
    {
        shop = string.Empty;
        orderId = 0;
        int dash = key?.LastIndexOf('-') ?? -1;
        if (dash <= 0 || !long.TryParse(key.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out orderId) || orderId <= 0)
        {
            return false;
        }

        shop = key![..dash];
        return IsShopHandle(shop);
    }
}
