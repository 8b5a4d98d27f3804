namespace Integration.Activities.CustomerMatching;

/// <summary>
/// Checks that text is a DNS host name matching can compare: two or more labels of letters, digits
/// and hyphens (no leading or trailing hyphen, at most 63 characters each), and a top-level label
/// that is not all digits, so IP addresses and typing accidents never become a domain key.
/// </summary>
public static class HostNames
{
    private const int MaxLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>The host lower-cased, without a trailing root dot; null when it is not a host name (whitespace included).</summary>
    public static string? Normalise(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        string lowered = host.ToLowerInvariant();
        if (lowered.EndsWith('.'))
        {
            lowered = lowered[..^1];
        }

        if (lowered.Length is 0 or > MaxLength)
        {
            return null;
        }

        string[] labels = lowered.Split('.');
        if (labels.Length < 2 || !labels.All(IsLabel) || labels[^1].All(char.IsAsciiDigit))
        {
            return null;
        }

        return lowered;
    }

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength &&
        label[0] != '-' &&
        label[^1] != '-' &&
        label.All(c => char.IsLetterOrDigit(c) || c == '-');
}
