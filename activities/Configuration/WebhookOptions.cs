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
}
