using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Integration.Activities.Webhooks.Signatures;

/// <summary>HubSpot's v3 request signature (HMAC-SHA256 over method, URI, body and timestamp), the only HubSpot version with replay protection.</summary>
public sealed class HubSpotSignatureV3 : IWebhookSignatureScheme
{
    /// <summary>The header carrying the base64 signature (HubSpot also writes "-V3"; header names are case-insensitive).</summary>
    public const string SignatureHeader = "X-HubSpot-Signature-v3";

    /// <summary>The header carrying the Unix epoch time in milliseconds that HubSpot signed.</summary>
    public const string TimestampHeader = "X-HubSpot-Request-Timestamp";

    /// <summary>The configuration name of this scheme.</summary>
    public const string SchemeName = "hubspot-v3";

    private const int HmacLength = 32;

    // A base64 SHA-256 HMAC is 44 characters; anything much longer is rejected before decoding.
    private const int MaxSignatureLength = 128;

    /// <inheritdoc />
    public string Name => SchemeName;

    /// <inheritdoc />
    public SignatureVerification Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);

        if (!WebhookHeaders.TryGet(request.Headers, SignatureHeader, out var signature))
        {
            return SignatureVerification.Invalid(SignatureFailures.MissingHeader(SignatureHeader));
        }

        if (!WebhookHeaders.TryGet(request.Headers, TimestampHeader, out var timestampText))
        {
            return SignatureVerification.Invalid(SignatureFailures.MissingHeader(TimestampHeader));
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestampMs))
        {
            return SignatureVerification.Invalid(SignatureFailures.TimestampNotNumeric);
        }

        // HubSpot's guide only rejects timestamps older than 5 minutes. We also reject ones more than the
        // tolerance in the future: HubSpot never sends those, and accepting them would let a captured
        // request with a forged future time outlive the replay window.
        var nowMs = now.ToUnixTimeMilliseconds();
        var toleranceMs = (long)tolerance.TotalMilliseconds;
        if (nowMs - timestampMs > toleranceMs)
        {
            return SignatureVerification.Invalid(SignatureFailures.TimestampTooOld);
        }

        if (timestampMs - nowMs > toleranceMs)
        {
            return SignatureVerification.Invalid(SignatureFailures.TimestampTooNew);
        }

        if (!request.Url.IsAbsoluteUri)
        {
            return SignatureVerification.Invalid(SignatureFailures.RelativeUrl);
        }

        Span<byte> provided = stackalloc byte[MaxSignatureLength];
        if (signature.Length > MaxSignatureLength
            || !Convert.TryFromBase64String(signature, provided, out var providedLength)
            || providedLength != HmacLength)
        {
            return SignatureVerification.Invalid(SignatureFailures.Mismatch);
        }

        // OriginalString keeps the URI exactly as the caller built it; Uri.ToString() would unescape it.
        var prefix = Encoding.UTF8.GetBytes(request.Method + DecodeUri(request.Url.OriginalString));
        var suffix = Encoding.UTF8.GetBytes(timestampText);
        Span<byte> expected = stackalloc byte[HmacLength];
        var anySecret = false;
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }

            anySecret = true;
            ComputeHmac(secret, prefix, request.Body, suffix, expected);
            if (FixedTime.Equal(expected, provided[..providedLength]))
            {
                return SignatureVerification.Valid;
            }
        }

        return SignatureVerification.Invalid(anySecret ? SignatureFailures.Mismatch : SignatureFailures.NoSecret);
    }

    /// <summary>Computes the v3 signature a sender puts in <see cref="SignatureHeader"/>; <paramref name="uri"/> is the full URI as called (it is decoded here with <see cref="DecodeUri"/>).</summary>
    public static string Sign(string secret, string method, string uri, byte[] body, string timestampMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(uri);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(timestampMs);

        Span<byte> hmac = stackalloc byte[HmacLength];
        ComputeHmac(secret, Encoding.UTF8.GetBytes(method + DecodeUri(uri)), body, Encoding.UTF8.GetBytes(timestampMs), hmac);
        return Convert.ToBase64String(hmac);
    }

    /// <summary>Applies HubSpot's partial decoding: only %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B (either hex case) are decoded.</summary>
    public static string DecodeUri(string uri) => HubSpotUriDecoder.Decode(uri);

    // The source is UTF-8(method + decodedUri) ++ raw body bytes ++ UTF-8(timestamp), hashed without copying the body.
    private static void ComputeHmac(string secret, byte[] prefix, byte[] body, byte[] suffix, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        hmac.AppendData(suffix);
        hmac.GetHashAndReset(destination);
    }
}
