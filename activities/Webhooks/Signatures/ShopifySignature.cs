using System.Security.Cryptography;

namespace Integration.Activities.Webhooks.Signatures;

/// <summary>
/// Shopify's webhook signature: <c>X-Shopify-Hmac-Sha256</c> = base64(HMAC-SHA256(secret, raw body)). Shopify signs no
/// timestamp, so there is no replay window; a repeat is caught by dedupe on <c>X-Shopify-Webhook-Id</c>. The secrets
/// are the shop's (<see cref="ShopifyShopSecrets"/>), two while a rotation takes effect (Shopify may take an hour).
/// </summary>
public sealed class ShopifySignature : IWebhookSignatureScheme
{
    public const string SignatureHeader = "X-Shopify-Hmac-Sha256";

    /// <summary>The configuration name of this scheme.</summary>
    public const string SchemeName = "shopify";

    private const int HmacLength = 32;

    /// <inheritdoc />
    public string Name => SchemeName;

    /// <inheritdoc />
    public SignatureVerification Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(secrets);

        if (!WebhookHeaders.TryGet(request.Headers, SignatureHeader, out string signature))
        {
            return SignatureVerification.Invalid(SignatureFailures.MissingHeader(SignatureHeader));
        }

        Span<byte> provided = stackalloc byte[64];
        bool decoded = Convert.TryFromBase64String(signature, provided, out int length) && length == HmacLength;
        Span<byte> expected = stackalloc byte[HmacLength];
        bool anySecret = false;
        foreach (string secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }

            anySecret = true;
            HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), request.Body, expected);
            if (decoded && FixedTime.Equal(expected, provided[..length]))
            {
                return SignatureVerification.Valid;
            }
        }

        return SignatureVerification.Invalid(anySecret ? SignatureFailures.Mismatch : SignatureFailures.NoSecret);
    }

    /// <summary>The header value a shop sends for <paramref name="body"/>.</summary>
    public static string Sign(string secret, byte[] body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        return Convert.ToBase64String(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));
    }
}
