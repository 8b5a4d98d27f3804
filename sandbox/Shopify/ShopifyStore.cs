namespace Integration.Sandbox.Shopify;

/// <summary>
/// In-memory state of every emulated Shopify store of one sandbox: the configured shops, each seeded with the
/// catalogue at available 100 on reset, so tests start from a known stock.
/// </summary>
internal sealed class ShopifyStore
{
    private readonly SandboxOptions options;
    private Dictionary<string, ShopifyShop> shops;

    public ShopifyStore(SandboxOptions options)
    {
        this.options = options;
        (Ids, shops) = Seed();
    }

    public ShopifyIds Ids { get; private set; }

    public IReadOnlyList<string> Handles => [.. Volatile.Read(ref shops).Keys.Order(StringComparer.Ordinal)];

    /// <summary>The shop of a handle ("store-a"; case ignored); null when the sandbox does not emulate it.</summary>
    public ShopifyShop? Find(string? handle) =>
        handle is not null && Volatile.Read(ref shops).TryGetValue(handle, out var shop) ? shop : null;

    /// <summary>Back to the seeded catalogue with no orders (ids start again, so a reset run repeats its ids).</summary>
    public void Clear()
    {
        var (ids, seeded) = Seed();
        Ids = ids;
        Volatile.Write(ref shops, seeded);
    }

    private (ShopifyIds, Dictionary<string, ShopifyShop>) Seed()
    {
        var ids = new ShopifyIds();
        var result = new Dictionary<string, ShopifyShop>(StringComparer.OrdinalIgnoreCase);
        foreach (var (handle, secret) in options.Shopify.Shops.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var shop = new ShopifyShop(handle, secret, ids.NextLocation());
            foreach (var item in ShopifyCatalogue.Items)
            {
                AddItem(shop, ids, item, ShopifyCatalogue.SeedAvailable);
            }

            result[handle] = shop;
        }

        return (ids, result);
    }

    /// <summary>Adds a variant to a shop's catalogue (the caller holds the shop's gate, or owns the shop alone).</summary>
    public static ShopifyInventoryItem AddItem(ShopifyShop shop, ShopifyIds ids, ShopifyCatalogueItem item, int available)
    {
        var product = ids.NextProduct();
        var inventoryItem = new ShopifyInventoryItem
        {
            Id = ids.NextInventoryItem(),
            Sku = item.Sku,
            Title = item.Title,
            Price = item.Price,
            Grams = item.Grams,
            ProductId = product,
            VariantId = product + 100_000_000,
            Available = available,
        };
        shop.Inventory[item.Sku] = inventoryItem;
        return inventoryItem;
    }
}
