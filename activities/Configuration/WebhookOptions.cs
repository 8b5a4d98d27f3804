namespace Integration.Activities.Configuration;

/// <summary>Webhook ingress settings (section "Webhooks"): which sources exist, their schemes and secrets.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Largest body accepted; larger requests get 413 before any parsing.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Replay window for signed timestamps.</summary>
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>
    /// The public base URL senders call (e.g. behind a front door). Schemes that sign the URL
    /// (HubSpot v3) verify against it; when empty the request's own URL is used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public Dictionary<string, WebhookSourceOptions> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One webhook source: the scheme names both its signature and its payload format.</summary>
public sealed class WebhookSourceOptions
{
    public string Scheme { get; set; } = string.Empty;

    /// <summary>Accepted secrets; more than one while a secret is being rotated.</summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>Scheme "shopify": each shop's secrets by shop handle ("store-a"); a shop not listed is refused (401).</summary>
    public Dictionary<string, WebhookShopOptions> Shops { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Scheme "shipstation": the API base URL whose origin (scheme, host, port) a SHIP_NOTIFY resource_url must have, so the
    /// product never fetches from a host the sender chose. Empty: <c>Connectors:ShipStation:BaseUrl</c>.
    /// </summary>
    public string? ResourceBaseUrl { get; set; }
}

/// <summary>One Shopify shop's webhook secrets (its app's client secret, or the key shown in the shop's admin).</summary>
public sealed class WebhookShopOptions
{
    /// <summary>Accepted secrets; two while a rotation takes effect.</summary>
    public List<string> Secrets { get; set; } = [];
}
