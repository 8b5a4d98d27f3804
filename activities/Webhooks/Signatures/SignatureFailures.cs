namespace Integration.Activities.Webhooks.Signatures;

/// <summary>The failure reasons the schemes report, shared so logs and tests use the same words.</summary>
public static class SignatureFailures
{
    /// <summary>No usable secret is configured for the source.</summary>
    public const string NoSecret = "no usable secret configured";

    /// <summary>The request URL is not absolute, so the signed URI cannot be rebuilt.</summary>
    public const string RelativeUrl = "request URL is not absolute";

    /// <summary>The timestamp header is not a plain non-negative integer.</summary>
    public const string TimestampNotNumeric = "timestamp header is not numeric";

    /// <summary>The timestamp header is neither Unix seconds nor an ISO-8601 date and time (BambooHR).</summary>
    public const string TimestampUnreadable = "timestamp header is neither epoch seconds nor ISO-8601";

    /// <summary>The timestamp is older than the tolerance allows (a replay or a very late delivery).</summary>
    public const string TimestampTooOld = "timestamp is older than the tolerance";

    /// <summary>The timestamp is further in the future than the tolerance allows.</summary>
    public const string TimestampTooNew = "timestamp is further in the future than the tolerance";

    /// <summary>The id or timestamp contains a '.', which would make the signed content ambiguous.</summary>
    public const string DotInIdOrTimestamp = "webhook id or timestamp contains '.'";

    /// <summary>No provided signature matches any configured secret.</summary>
    public const string Mismatch = "signature does not match";

    /// <summary>The signature header carries no entry of a supported version.</summary>
    public const string NoSupportedSignature = "no v1 signature in header";

    /// <summary>The signature header is not the hex encoding of a SHA-256 HMAC (BambooHR).</summary>
    public const string SignatureNotHex = "signature header is not 64 hex digits";

    /// <summary>A required header is absent or blank.</summary>
    public static string MissingHeader(string name) => $"missing header {name}";
}
