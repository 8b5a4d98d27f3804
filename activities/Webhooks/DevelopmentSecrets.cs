namespace Integration.Activities.Webhooks;

/// <summary>
/// The webhook secrets of a local development setup: the standalone host's defaults and what the
/// sample-event tool signs with. Defined once so the two always agree. Never used in Azure, where
/// secrets come from Key Vault.
/// </summary>
public static class DevelopmentSecrets
{
    /// <summary>The HubSpot app client secret for the "crm" source (hubspot-v3).</summary>
    public const string Crm = "dev-hubspot-client-secret";

    /// <summary>The Standard Webhooks secret for the "app" source: whsec_ + base64 of the 32 ASCII bytes "dev-app-webhook-secret-32-bytes!".</summary>
    public const string App = "whsec_ZGV2LWFwcC13ZWJob29rLXNlY3JldC0zMi1ieXRlcyE=";

    /// <summary>The BambooHR webhook private key for the "hr" source (bamboohr).</summary>
    public const string Hr = "dev-bamboohr-webhook-key";

    /// <summary>The Shopify webhook secret of development shop store-a (source "shopify", Shops:store-a).</summary>
    public const string ShopifyStoreA = "dev-shopify-store-a-secret";

    /// <summary>The Shopify webhook secret of development shop store-b.</summary>
    public const string ShopifyStoreB = "dev-shopify-store-b-secret";

    /// <summary>The Shopify webhook secret of development shop store-c.</summary>
    public const string ShopifyStoreC = "dev-shopify-store-c-secret";

    /// <summary>The Standard Webhooks secret for the "shipbob" source: whsec_ + base64 of the ASCII text "dev-shipbob-webhook-secret-32byte" (33 bytes).</summary>
    public const string ShipBob = "whsec_ZGV2LXNoaXBib2Itd2ViaG9vay1zZWNyZXQtMzJieXRl";

    /// <summary>The URL token for the "shipstation" source (ShipStation v1 webhooks are unsigned: ?token=…).</summary>
    public const string ShipStationToken = "dev-shipstation-webhook-token";
}
