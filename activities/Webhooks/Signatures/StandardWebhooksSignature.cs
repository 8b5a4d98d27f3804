using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Integration.Activities.Webhooks.Signatures;

/// <summary>The Standard Webhooks v1 scheme (also Svix and ShipBob): HMAC-SHA256 over "{id}.{timestamp}.{body}" with a whsec_ key.</summary>
public sealed class StandardWebhooksSignature : IWebhookSignatureScheme
{
    /// <summary>The delivery id header; stays the same across retries, so it is the idempotency key.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The Unix time in seconds of this attempt.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>Space-delimited "version,base64" entries.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The prefix the spec puts in front of a base64 secret.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>The configuration name of this scheme.</summary>
    public const string SchemeName = "standard-webhooks";

    private const string Version = "v1";
    private const int HmacLength = 32;

    // Bounds the work an attacker can cause with a huge signature header.
    private const int MaxSignatureHeaderLength = 4096;

    /// <inheritdoc />
    public string Name => SchemeName;

    /// <inheritdoc />
    public SignatureVerification Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);

        if (!WebhookHeaders.TryGet(request.Headers, IdHeader, out var id))
        {
            return SignatureVerification.Invalid(SignatureFailures.MissingHeader(IdHeader));
        }

        if (!WebhookHeaders.TryGet(request.Headers, TimestampHeader, out var timestampText))
        {
            return SignatureVerification.Invalid(SignatureFailures.MissingHeader(TimestampHeader));
        }

        if (!WebhookHeaders.TryGet(request.Headers, SignatureHeader, out var signatureHeader))
        {
            return SignatureVerification.Invalid(SignatureFailures.MissingHeader(SignatureHeader));
        }

        if (id.Contains('.') || timestampText.Contains('.'))
        {
            return SignatureVerification.Invalid(SignatureFailures.DotInIdOrTimestamp);
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return SignatureVerification.Invalid(SignatureFailures.TimestampNotNumeric);
        }

        // The reference libraries reject timestamps more than the tolerance too old or too new.
        var nowSeconds = now.ToUnixTimeSeconds();
        var toleranceSeconds = (long)tolerance.TotalSeconds;
        if (nowSeconds - timestamp > toleranceSeconds)
        {
            return SignatureVerification.Invalid(SignatureFailures.TimestampTooOld);
        }

        if (timestamp - nowSeconds > toleranceSeconds)
        {
            return SignatureVerification.Invalid(SignatureFailures.TimestampTooNew);
        }

        var expected = ExpectedSignatures(secrets, id, timestampText, request.Body);
        if (expected.Count == 0)
        {
            return SignatureVerification.Invalid(SignatureFailures.NoSecret);
        }

        if (signatureHeader.Length > MaxSignatureHeaderLength)
        {
            return SignatureVerification.Invalid(SignatureFailures.Mismatch);
        }

        return MatchesAny(signatureHeader, expected);
    }

    /// <summary>Computes the "v1,base64" entry a sender puts in <see cref="SignatureHeader"/>.</summary>
    public static string Sign(string secret, string msgId, long timestampSeconds, byte[] body)
    {
        ArgumentException.ThrowIfNullOrEmpty(msgId);
        ArgumentOutOfRangeException.ThrowIfNegative(timestampSeconds);
        ArgumentNullException.ThrowIfNull(body);
        if (msgId.Contains('.'))
        {
            throw new ArgumentException("A webhook id must not contain '.'.", nameof(msgId));
        }

        if (!TryDecodeSecret(secret, out var key))
        {
            throw new ArgumentException("The secret is not base64 (optionally prefixed whsec_).", nameof(secret));
        }

        var hmac = ComputeHmac(key, msgId, timestampSeconds.ToString(CultureInfo.InvariantCulture), body);
        return Version + "," + Convert.ToBase64String(hmac);
    }

    /// <summary>Decodes a secret to its HMAC key: strips "whsec_" when present and adds missing base64 padding; false when empty or not base64.</summary>
    public static bool TryDecodeSecret(string? secret, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(secret))
        {
            return false;
        }

        var text = secret.Trim();
        if (text.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            text = text[SecretPrefix.Length..];
        }

        if (text.Length % 4 != 0)
        {
            text = text.PadRight(text.Length + 4 - (text.Length % 4), '=');
        }

        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written == 0)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    // A secret that does not decode is skipped rather than failing the request, so one bad entry in a
    // rotation list cannot block deliveries signed with the good one.
    private static List<byte[]> ExpectedSignatures(IReadOnlyList<string> secrets, string id, string timestampText, byte[] body)
    {
        var expected = new List<byte[]>(secrets.Count);
        foreach (var secret in secrets)
        {
            if (TryDecodeSecret(secret, out var key))
            {
                expected.Add(ComputeHmac(key, id, timestampText, body));
            }
        }

        return expected;
    }

    // Checks every entry, skipping other versions (e.g. v1a); any v1 entry matching any secret is accepted.
    private static SignatureVerification MatchesAny(string signatureHeader, List<byte[]> expected)
    {
        Span<byte> provided = stackalloc byte[64];
        var sawVersion1 = false;
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma < 0 || !entry.AsSpan(0, comma).SequenceEqual(Version))
            {
                continue;
            }

            sawVersion1 = true;
            if (!Convert.TryFromBase64String(entry[(comma + 1)..], provided, out var length) || length != HmacLength)
            {
                continue;
            }

            foreach (var candidate in expected)
            {
                if (FixedTime.Equal(candidate, provided[..length]))
                {
                    return SignatureVerification.Valid;
                }
            }
        }

        return SignatureVerification.Invalid(sawVersion1 ? SignatureFailures.Mismatch : SignatureFailures.NoSupportedSignature);
    }

    // The signed content is UTF-8("{id}.{timestamp}.") ++ raw body bytes.
    private static byte[] ComputeHmac(byte[] key, string id, string timestampText, byte[] body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(id + "." + timestampText + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
