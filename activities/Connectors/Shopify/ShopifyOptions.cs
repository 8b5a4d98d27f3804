namespace Integration.Activities.Connectors.Shopify;

/// <summary>
/// Shopify Admin API settings (section "Connectors:Shopify"): one API version for every shop, and per shop handle
/// ("store-a") its base URL and access token, because each store is its own app installation with its own token.
/// </summary>
public sealed class ShopifyOptions
{
    public const string Section = "Connectors:Shopify";

    /// <summary>The Admin API version in every call's path ("2026-01"): compare-and-set and @idempotent follow its semantics.</summary>
    public string ApiVersion { get; set; } = "2026-01";

    /// <summary>
    /// The stores by shop handle; none configured is valid (a deployment that takes no orders). Azure app setting
    /// names take no '-', so a key may spell it '_' ("store_a" is shop "store-a"; handles never contain '_').
    /// </summary>
    public Dictionary<string, ShopifyShopOptions> Shops { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A THROTTLED answer is waited out at most this long per attempt (seconds), whatever the bucket says.</summary>
    public double MaxThrottleWaitSeconds { get; set; } = 10;

    /// <summary>THROTTLED answers waited out per call before it fails as transient (the workflow's retry is the outer layer).</summary>
    public int MaxThrottleRetries { get; set; } = 5;

    /// <summary>The shop handle a <see cref="Shops"/> key names: '_' read as '-', lower case.</summary>
    public static string Handle(string key) => (key ?? string.Empty).Trim().Replace('_', '-').ToLowerInvariant();

    /// <summary>The stores by handle (the first of two keys naming one handle wins; the validator refuses that at start-up).</summary>
    public IReadOnlyDictionary<string, ShopifyShopOptions> ByHandle()
    {
        var byHandle = new Dictionary<string, ShopifyShopOptions>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, ShopifyShopOptions shop) in Shops)
        {
            byHandle.TryAdd(Handle(key), shop);
        }

        return byHandle;
    }
}

/// <summary>One store: "https://{shop}.myshopify.com" in Azure, the sandbox's "/shopify/{shop}" locally.</summary>
public sealed class ShopifyShopOptions
{
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>The store's Admin API access token, sent as X-Shopify-Access-Token.</summary>
    public string AccessToken { get; set; } = string.Empty;
}
