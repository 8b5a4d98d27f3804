namespace Integration.Activities.Webhooks.Signatures;

/// <summary>The bytes and metadata of one inbound webhook request, as received, so a scheme can verify exactly what the vendor signed.</summary>
/// <param name="Method">The HTTP method as received, e.g. "POST".</param>
/// <param name="Url">The absolute public URL the vendor called (behind a proxy: the public scheme and host, not the internal ones).</param>
/// <param name="Headers">The request headers; expected to use <see cref="StringComparer.OrdinalIgnoreCase"/>.</param>
/// <param name="Body">The raw request body bytes, never re-serialized.</param>
public sealed record WebhookRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, byte[] Body);
