namespace Integration.Sandbox.Shopify;

/// <summary>An idempotent mutation's first answer, kept with the input it was given so a different input under the same key is refused.</summary>
internal sealed record ShopifyIdempotentAnswer(string Fingerprint, string Data);

/// <summary>The state of one emulated store; every read and change holds <see cref="Gate"/>.</summary>
internal sealed class ShopifyShop
{
    private int nextOrderNumber = 1001;

    public ShopifyShop(string handle, string webhookSecret, long locationId)
    {
        Handle = handle;
        WebhookSecret = webhookSecret;
        LocationId = locationId;
    }

    public Lock Gate { get; } = new();

    /// <summary>The handle ("store-a"); the shop domain is "{handle}.myshopify.com".</summary>
    public string Handle { get; }

    public string Domain => Handle + ".myshopify.com";

    public string WebhookSecret { get; }

    /// <summary>The one location every item is stocked at.</summary>
    public long LocationId { get; }

    /// <summary>Inventory items by SKU (SKUs compare ignoring case, as Shopify's search does).</summary>
    public Dictionary<string, ShopifyInventoryItem> Inventory { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<long, ShopifyOrder> Orders { get; } = [];

    /// <summary>@idempotent keys already answered, per shop as Shopify scopes them to the app and store.</summary>
    public Dictionary<string, ShopifyIdempotentAnswer> IdempotentAnswers { get; } = new(StringComparer.Ordinal);

    public int NextOrderNumber() => nextOrderNumber++;

    public ShopifyInventoryItem? FindItem(long inventoryItemId) =>
        Inventory.Values.FirstOrDefault(i => i.Id == inventoryItemId);

    public ShopifyFulfillmentOrder? FindFulfillmentOrder(long id) =>
        Orders.Values.SelectMany(o => o.FulfillmentOrders).FirstOrDefault(f => f.Id == id);
}
