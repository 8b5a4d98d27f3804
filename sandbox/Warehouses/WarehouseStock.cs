namespace Integration.Sandbox.Warehouses;

/// <summary>One warehouse SKU a warehouse holds: its inventory id, name and physical on-hand units.</summary>
internal sealed class StockItem(long id, string sku, string name, int onHand)
{
    public long Id { get; } = id;

    public string Sku { get; } = sku;

    public string Name { get; } = name;

    public int OnHand { get; set; } = onHand;
}

/// <summary>
/// The on-hand units of one emulated warehouse per warehouse SKU, seeded with the development catalogue.
/// What is committed to open orders is computed from the orders, so it can never drift from them.
/// Not thread-safe: the owning store guards it with its own lock.
/// </summary>
internal sealed class WarehouseStock(long firstInventoryId)
{
    /// <summary>The shared development catalogue (design "Data dictionary"): every WH- SKU 100, WH-LIMITED-DROP 0.</summary>
    public static readonly IReadOnlyList<(string Sku, string Name, int OnHand)> Catalogue =
    [
        ("WH-TEE-BLK-M", "T-shirt black M", 100),
        ("WH-TEE-WHT-L", "T-shirt white L", 100),
        ("WH-MUG-CLASSIC", "Classic mug", 100),
        ("WH-HAT-RED", "Red hat", 100),
        ("WH-LIMITED-DROP", "Limited drop", 0),
    ];

    private readonly Dictionary<string, StockItem> items = new(StringComparer.OrdinalIgnoreCase);
    private readonly long firstId = firstInventoryId;
    private long nextId = firstInventoryId;

    public IEnumerable<StockItem> All => items.Values.OrderBy(i => i.Id);

    /// <summary>Forgets every change and puts the catalogue back.</summary>
    public void Seed()
    {
        items.Clear();
        nextId = firstId;
        foreach (var (sku, name, onHand) in Catalogue)
        {
            Add(sku, name, onHand);
        }
    }

    public StockItem? Find(string? sku) => sku is not null && items.TryGetValue(sku, out var item) ? item : null;

    /// <summary>Sets the physical count, adding the SKU (named after itself) when the warehouse did not hold it.</summary>
    public StockItem SetOnHand(string sku, int onHand)
    {
        var item = Find(sku) ?? Add(sku, sku, 0);
        item.OnHand = onHand;
        return item;
    }

    private StockItem Add(string sku, string name, int onHand)
    {
        var item = new StockItem(nextId++, sku, name, onHand);
        items[sku] = item;
        return item;
    }
}
