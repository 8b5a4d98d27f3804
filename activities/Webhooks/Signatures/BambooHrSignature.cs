using System.Security.Cryptography;
using System.Text;

namespace Integration.Activities.Webhooks.Signatures;

/// <summary>BambooHR's webhook signature: hex HMAC-SHA256 with the webhook's private key over the raw body followed by the timestamp header text.</summary>
public sealed class BambooHrSignature : IWebhookSignatureScheme
{
    /// <summary>The header carrying the lower-case hex signature.</summary>
    public const string SignatureHeader = "X-BambooHR-Signature";

    /// <summary>The header carrying the send time BambooHR signed (ISO-8601 or epoch seconds; signed as the text received).</summary>
    public const string TimestampHeader = "X-BambooHR-Timestamp";

    /// <summary>The configuration name of this scheme.</summary>
    public const string SchemeName = "bamboohr";

    private const int HmacLength = 32;

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

        if (!BambooHrTimestamp.TryParse(timestampText, out var sentAt))
        {
            return SignatureVerification.Invalid(SignatureFailures.TimestampUnreadable);
        }

        // BambooHR documents no window; we reject beyond the tolerance either way, as for the other schemes,
        // so a captured request cannot be replayed later nor carry a forged future time past the window.
        if (now - sentAt > tolerance)
        {
            return SignatureVerification.Invalid(SignatureFailures.TimestampTooOld);
        }

        if (sentAt - now > tolerance)
        {
            return SignatureVerification.Invalid(SignatureFailures.TimestampTooNew);
        }

        // Either hex case is accepted: the bytes are compared, not the text.
        Span<byte> provided = stackalloc byte[HmacLength];
        if (signature.Length != HmacLength * 2
            || Convert.FromHexString(signature, provided, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != HmacLength)
        {
            return SignatureVerification.Invalid(SignatureFailures.SignatureNotHex);
        }

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
            ComputeHmac(secret, request.Body, suffix, expected);
            if (FixedTime.Equal(expected, provided))
            {
                return SignatureVerification.Valid;
            }
        }

        return SignatureVerification.Invalid(anySecret ? SignatureFailures.Mismatch : SignatureFailures.NoSecret);
    }

    /// <summary>Computes the lower-case hex value a sender puts in <see cref="SignatureHeader"/> for <paramref name="timestamp"/>, the exact <see cref="TimestampHeader"/> text.</summary>
    public static string Sign(string secret, byte[] body, string timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(timestamp);

        Span<byte> hmac = stackalloc byte[HmacLength];
        ComputeHmac(secret, body, Encoding.UTF8.GetBytes(timestamp), hmac);
        return Convert.ToHexStringLower(hmac);
    }

    // The signed content is the raw body bytes ++ UTF-8(timestamp header), with no separator.
    private static void ComputeHmac(string secret, byte[] body, byte[] suffix, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(body);
        hmac.AppendData(suffix);
        hmac.GetHashAndReset(destination);
    }
}
