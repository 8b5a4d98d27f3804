using Integration.Activities.Webhooks.Normalisers;
using Integration.Activities.Webhooks.Signatures;

namespace Integration.Activities.Webhooks;

/// <summary>A kind of webhook sender: how it signs and what its payload looks like go together.</summary>
/// <param name="SecretSource">Where a request's secrets come from when not the source's own list (Shopify: the shop's).</param>
public sealed record WebhookSourceKind(string Name, IWebhookSignatureScheme Signature, IWebhookNormaliser Normaliser, IWebhookSecretSource? SecretSource = null);

/// <summary>The kinds a configured source may name in its "Scheme" setting.</summary>
public static class WebhookSourceKinds
{
    private static readonly Dictionary<string, WebhookSourceKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hubspot-v3"] = new("hubspot-v3", new HubSpotSignatureV3(), new HubSpotEventNormaliser()),
        ["standard-webhooks"] = new("standard-webhooks", new StandardWebhooksSignature(), new StandardWebhooksEventNormaliser()),
        ["bamboohr"] = new("bamboohr", new BambooHrSignature(), new BambooHrEventNormaliser()),
        ["shopify"] = new("shopify", new ShopifySignature(), new ShopifyOrderNormaliser(), new ShopifyShopSecrets()),
        ["shipbob"] = new("shipbob", new StandardWebhooksSignature(), new ShipBobEventNormaliser()),
        ["shipstation"] = new("shipstation", new ShipStationUrlToken(), new ShipStationNotifyNormaliser()),
    };

    public static IEnumerable<string> Names => Kinds.Keys;

    public static WebhookSourceKind? Find(string? name) =>
        name is not null && Kinds.TryGetValue(name, out WebhookSourceKind? kind) ? kind : null;
}
