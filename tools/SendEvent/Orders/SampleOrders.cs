using System.Globalization;
using System.Text.Json.Nodes;

namespace Integration.SendEvent.Orders;

/// <summary>The sandbox stores' catalogue and the sample orders the order verbs and scenarios place.</summary>
public static class SampleOrders
{
    /// <summary>The development shops (their secrets are in the host's development defaults).</summary>
    public static readonly IReadOnlyList<string> Shops = ["store-a", "store-b", "store-c"];

    public const string DefaultSku = "TEE-BLK-M";

    /// <summary>Sold in the stores but absent from the data dictionary's warehouseSkus: the unmapped-SKU scenario.</summary>
    public const string UnmappedSku = "SKU-UNMAPPED-2";

    /// <summary>The SKU the last-units race fights over, and its warehouse SKU.</summary>
    public const string LimitedSku = "LIMITED-DROP";
    public const string LimitedWarehouseSku = "WH-LIMITED-DROP";

    private static long last = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 100;

    /// <summary>A fresh order id, well inside int64 and above 2^53 as Shopify's are.</summary>
    public static long NewOrderId() => 9_000_000_000_000_000 + (Interlocked.Increment(ref last) % 999_999_999_999_999);

    /// <summary>A REST-shaped order for the sandbox store to hold; the store fills in ids, prices and the rest.</summary>
    /// <param name="shipTo">The ship-to country (ISO code); null leaves the order without a shipping address.</param>
    public static JsonObject Order(long orderId, IReadOnlyList<(string Sku, int Quantity)> lines, string? email = "alex@example.com", string? shipTo = "US")
    {
        var order = new JsonObject
        {
            ["id"] = orderId,
            ["email"] = email,
            ["line_items"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["sku"] = l.Sku, ["quantity"] = l.Quantity, ["title"] = Title(l.Sku) })]),
        };
        order["shipping_address"] = shipTo is null ? null : Address(shipTo);
        return order;
    }

    public static JsonObject Address(string country) => country.ToUpperInvariant() switch
    {
        "US" => new JsonObject
        {
            ["first_name"] = "Alex", ["last_name"] = "Doe", ["name"] = "Alex Doe", ["address1"] = "100 N Racine Ave", ["address2"] = "Suite 100",
            ["city"] = "Chicago", ["province"] = "Illinois", ["province_code"] = "IL", ["country"] = "United States", ["country_code"] = "US", ["zip"] = "60607", ["phone"] = "555-555-5555",
        },
        "GB" => new JsonObject
        {
            ["first_name"] = "Sam", ["last_name"] = "Smith", ["name"] = "Sam Smith", ["address1"] = "1 High Street", ["address2"] = null,
            ["city"] = "London", ["province"] = "England", ["province_code"] = "ENG", ["country"] = "United Kingdom", ["country_code"] = "GB", ["zip"] = "SW1A 1AA", ["phone"] = "+44 20 7946 0000",
        },
        var other => new JsonObject
        {
            ["first_name"] = "Kim", ["last_name"] = "Lee", ["name"] = "Kim Lee", ["address1"] = "1 Main Street", ["address2"] = null,
            ["city"] = "Capital", ["province"] = null, ["province_code"] = null, ["country"] = other, ["country_code"] = other, ["zip"] = "10000", ["phone"] = null,
        },
    };

    /// <summary>The order's business key, as the product builds it (shop handle and order id).</summary>
    public static string Key(string shop, long orderId) => $"{shop}-{orderId.ToString(CultureInfo.InvariantCulture)}";

    private static string Title(string sku) => sku.ToUpperInvariant() switch
    {
        "TEE-BLK-M" => "T-shirt, black, M",
        "TEE-WHT-L" => "T-shirt, white, L",
        "MUG-CLASSIC" => "Classic mug",
        "HAT-RED" => "Red hat",
        "LIMITED-DROP" => "Limited drop hoodie",
        _ => sku,
    };
}
