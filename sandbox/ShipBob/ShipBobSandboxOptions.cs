namespace Integration.Sandbox.ShipBob;

/// <summary>The ShipBob emulation's credentials ("Sandbox:ShipBob"); the webhook secret is checked at start-up so a bad one fails early.</summary>
internal sealed record ShipBobSandboxOptions
{
    /// <summary>A literal copy of the product's development secret (the 33 ASCII bytes "dev-shipbob-webhook-secret-32byte").</summary>
    public const string DefaultWebhookSecret = "whsec_ZGV2LXNoaXBib2Itd2ViaG9vay1zZWNyZXQtMzJieXRl";

    public string AccessToken { get; init; } = "sandbox-shipbob-token";

    /// <summary>The Standard Webhooks secret ShipBob signs its webhooks with: "whsec_" + base64 of 24 to 64 bytes.</summary>
    public string WebhookSecret { get; init; } = DefaultWebhookSecret;

    /// <summary>The HMAC key: the base64-decoded part after "whsec_".</summary>
    public byte[] WebhookKey => DecodeSecret(WebhookSecret)!;

    public static ShipBobSandboxOptions FromConfiguration(IConfiguration section)
    {
        var defaults = new ShipBobSandboxOptions();
        var secret = section["WebhookSecret"] ?? defaults.WebhookSecret;
        if (DecodeSecret(secret) is null)
        {
            throw new InvalidOperationException(
                "Invalid Sandbox:ShipBob:WebhookSecret: a Standard Webhooks secret is \"whsec_\" followed by base64 of 24 to 64 bytes.");
        }

        return new ShipBobSandboxOptions
        {
            AccessToken = section["AccessToken"] ?? defaults.AccessToken,
            WebhookSecret = secret,
        };
    }

    /// <summary>The key bytes, or null when the secret is not base64 of 24..64 bytes (like the reference library, the prefix and padding are optional).</summary>
    public static byte[]? DecodeSecret(string secret)
    {
        var encoded = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret;
        encoded = encoded.PadRight(encoded.Length + ((4 - (encoded.Length % 4)) % 4), '=');
        try
        {
            var key = Convert.FromBase64String(encoded);
            return key.Length is >= 24 and <= 64 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
