namespace Integration.Sandbox.Shopify;

/// <summary>One product variant every emulated store sells at start-up.</summary>
internal sealed record ShopifyCatalogueItem(string Sku, string Title, decimal Price, int Grams);

/// <summary>
/// The store SKUs of the design's data dictionary (each mapped to a WH- warehouse SKU there) plus SKU-UNMAPPED-2,
/// which the dictionary deliberately lacks so the "unmapped SKU" review can be driven.
/// </summary>
internal static class ShopifyCatalogue
{
    public const int SeedAvailable = 100;

    public static IReadOnlyList<ShopifyCatalogueItem> Items { get; } =
    [
        new("TEE-BLK-M", "Classic Tee - Black / M", 25.00m, 200),
        new("TEE-WHT-L", "Classic Tee - White / L", 25.00m, 210),
        new("MUG-CLASSIC", "Classic Mug", 14.00m, 350),
        new("HAT-RED", "Red Cap", 19.00m, 120),
        new("LIMITED-DROP", "Limited Drop Hoodie", 120.00m, 650),
        new("SKU-UNMAPPED-2", "Sample Item (not in the data dictionary)", 9.00m, 100),
    ];
}
