namespace Integration.Sandbox.Identity;

/// <summary>
/// Where a system expects the sandbox's identity token: after a scheme in Authorization ("Bearer", Okta's "SSWS"),
/// or alone in a header of its own (<see cref="Scheme"/> null, the generic REST app's X-Api-Key).
/// </summary>
internal sealed record IdentityCredential(string Header, string? Scheme)
{
    public static IdentityCredential Bearer { get; } = new("Authorization", "Bearer");

    public static IdentityCredential Ssws { get; } = new("Authorization", "SSWS");

    public static IdentityCredential ApiKey { get; } = new("X-Api-Key", null);

    /// <summary>The token the request carries in this header and scheme; null when absent or under another scheme.</summary>
    public string? TokenFrom(HttpRequest request)
    {
        var value = request.Headers[Header].ToString().Trim();
        if (Scheme is not null)
        {
            var prefix = Scheme + " ";
            if (!value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            value = value[prefix.Length..].Trim();
        }

        return value.Length == 0 ? null : value;
    }
}
