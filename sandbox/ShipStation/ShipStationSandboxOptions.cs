namespace Integration.Sandbox.ShipStation;

/// <summary>The ShipStation emulation's credentials ("Sandbox:ShipStation"): v1 Basic key/secret, the v2 inventory API-Key, and the webhook URL token.</summary>
internal sealed record ShipStationSandboxOptions
{
    public string ApiKey { get; init; } = "sandbox-shipstation-key";

    public string ApiSecret { get; init; } = "sandbox-shipstation-secret";

    public string InventoryApiKey { get; init; } = "sandbox-shipstation-v2-key";

    /// <summary>A literal copy of the product's development token; v1 webhooks are unsigned, so the token in the URL is their only proof.</summary>
    public string WebhookToken { get; init; } = "dev-shipstation-webhook-token";

    public static ShipStationSandboxOptions FromConfiguration(IConfiguration section)
    {
        var defaults = new ShipStationSandboxOptions();
        return new ShipStationSandboxOptions
        {
            ApiKey = section["ApiKey"] ?? defaults.ApiKey,
            ApiSecret = section["ApiSecret"] ?? defaults.ApiSecret,
            InventoryApiKey = section["InventoryApiKey"] ?? defaults.InventoryApiKey,
            WebhookToken = section["WebhookToken"] ?? defaults.WebhookToken,
        };
    }
}
