using Integration.Activities.Webhooks;

namespace Integration.SendEvent;

/// <summary>The development secrets the standalone host also uses by default, so local sends verify without configuration.</summary>
public static class DevSecrets
{
    /// <summary>The HubSpot app client secret for the "crm" source (hubspot-v3).</summary>
    public const string Crm = DevelopmentSecrets.Crm;

    /// <summary>The Standard Webhooks secret for the "app" source.</summary>
    public const string App = DevelopmentSecrets.App;

    /// <summary>The BambooHR webhook private key for the "hr" source (bamboohr).</summary>
    public const string Hr = DevelopmentSecrets.Hr;

    /// <summary>The development secret of a shop ("store-a" or "store-a.myshopify.com"), as the host's defaults configure it.</summary>
    public static string Shopify(string shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        string handle = shop.EndsWith(".myshopify.com", StringComparison.OrdinalIgnoreCase) ? shop[..^".myshopify.com".Length] : shop;
        return handle.ToLowerInvariant() switch
        {
            "store-a" => DevelopmentSecrets.ShopifyStoreA,
            "store-b" => DevelopmentSecrets.ShopifyStoreB,
            "store-c" => DevelopmentSecrets.ShopifyStoreC,
            _ => throw new ArgumentException($"'{shop}' is not a development shop (store-a, store-b, store-c); pass --secret.", nameof(shop)),
        };
    }
}
