namespace Integration.Activities.Webhooks.Signatures;

/// <summary>Header lookup that stays case-insensitive even when a caller passes an ordinal dictionary.</summary>
internal static class WebhookHeaders
{
    /// <summary>Finds a non-blank header value by name, ignoring case.</summary>
    public static bool TryGet(IReadOnlyDictionary<string, string> headers, string name, out string value)
    {
        if (headers.TryGetValue(name, out var found) || TryScan(headers, name, out found))
        {
            value = found.Trim();
            return value.Length > 0;
        }

        value = string.Empty;
        return false;
    }

    private static bool TryScan(IReadOnlyDictionary<string, string> headers, string name, out string value)
    {
        foreach (var (key, candidate) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && candidate is not null)
            {
                value = candidate;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }
}
