namespace Integration.Sandbox.Shopify;

/// <summary>
/// The emulated Shopify stores: one access token for every store and a webhook secret per shop handle. Kept apart
/// from <see cref="SandboxOptions"/>'s other settings because a shop list is a section of its own.
/// </summary>
internal sealed record ShopifySandboxOptions
{
    public const string DefaultAccessToken = "sandbox-shopify-token";

    /// <summary>The API version the sandbox stamps on webhooks (X-Shopify-API-Version); requests may name any version.</summary>
    public const string ApiVersion = "2026-01";

    // Literal copies of the product's development secrets (the devhost passes its own values explicitly).
    public static readonly IReadOnlyDictionary<string, string> DefaultShops = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["store-a"] = "dev-shopify-store-a-secret",
        ["store-b"] = "dev-shopify-store-b-secret",
        ["store-c"] = "dev-shopify-store-c-secret",
    };

    public string AccessToken { get; init; } = DefaultAccessToken;

    /// <summary>Shop handle ("store-a") → the secret its webhooks are signed with, in handle order.</summary>
    public IReadOnlyDictionary<string, string> Shops { get; init; } = DefaultShops;

    /// <summary>Reads "Sandbox:Shopify"; a shop named under Shops:{shop} is added to (or overrides) the three defaults.</summary>
    public static ShopifySandboxOptions FromConfiguration(IConfiguration section)
    {
        var shops = new Dictionary<string, string>(DefaultShops, StringComparer.Ordinal);
        foreach (var shop in section.GetSection("Shops").GetChildren())
        {
            var handle = shop.Key.ToLowerInvariant();
            if (!IsShopHandle(handle))
            {
                throw new InvalidOperationException(
                    $"Invalid Sandbox:Shopify:Shops:{shop.Key}: a shop handle is 1-60 of [a-z0-9-], not starting or ending with '-'.");
            }

            var secret = shop["WebhookSecret"];
            if (secret is not null && secret.Length == 0)
            {
                throw new InvalidOperationException($"Sandbox:Shopify:Shops:{shop.Key}:WebhookSecret must not be empty.");
            }

            shops[handle] = secret ?? shops.GetValueOrDefault(handle) ?? $"dev-shopify-{handle}-secret";
        }

        return new ShopifySandboxOptions
        {
            AccessToken = section["AccessToken"] ?? DefaultAccessToken,
            Shops = shops,
        };
    }

    public static bool IsShopHandle(string shop) =>
        shop.Length is > 0 and <= 60 && shop[0] != '-' && shop[^1] != '-' &&
        shop.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
