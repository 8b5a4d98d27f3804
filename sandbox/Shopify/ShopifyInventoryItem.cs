namespace Integration.Sandbox.Shopify;

/// <summary>The last inventorySetQuantities that changed an item, shown by the admin inventory route.</summary>
internal sealed record ShopifyInventorySet(string? ReferenceDocumentUri, string? IdempotencyKey, string Name, int Quantity, DateTimeOffset At);

/// <summary>
/// One store variant's inventory item at the shop's one location (mutable; guarded by its shop's gate). Only the
/// available and committed states are kept, so on_hand = available + committed (vendor-apis-2.md §1.1).
/// </summary>
internal sealed class ShopifyInventoryItem
{
    public required long Id { get; init; }

    public required string Sku { get; init; }

    public required string Title { get; init; }

    public required decimal Price { get; init; }

    public required int Grams { get; init; }

    public required long ProductId { get; init; }

    public required long VariantId { get; init; }

    public int Available { get; set; }

    public int Committed { get; set; }

    public int OnHand => Available + Committed;

    public ShopifyInventorySet? LastSet { get; set; }

    public int Quantity(string name) => name switch
    {
        "available" => Available,
        "committed" => Committed,
        "on_hand" => OnHand,
        _ => 0,
    };
}
