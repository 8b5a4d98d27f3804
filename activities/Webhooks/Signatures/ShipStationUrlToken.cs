using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Integration.Activities.Webhooks.Signatures;

/// <summary>
/// ShipStation v1 webhooks are unsigned, so the target URL carries a secret: <c>?token=…</c>, checked against the
/// source's secrets in constant time (both sides hashed first, so not even the length leaks). The body is only a
/// pointer; the product trusts what it reads back from the API, never the body.
/// </summary>
public sealed class ShipStationUrlToken : IWebhookSignatureScheme
{
    public const string TokenParameter = "token";

    /// <summary>The configuration name of this scheme.</summary>
    public const string SchemeName = "shipstation";

    /// <inheritdoc />
    public string Name => SchemeName;

    /// <inheritdoc />
    public SignatureVerification Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(secrets);

        string? token = QueryHelpers.ParseQuery(request.Url.Query).TryGetValue(TokenParameter, out var values) && values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(token))
        {
            return SignatureVerification.Invalid($"missing query parameter {TokenParameter}");
        }

        byte[] provided = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        bool anySecret = false;
        bool match = false;
        foreach (string secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }

            anySecret = true;
            match |= FixedTime.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), provided);
        }

        return match ? SignatureVerification.Valid : SignatureVerification.Invalid(anySecret ? "token does not match" : SignatureFailures.NoSecret);
    }
}
