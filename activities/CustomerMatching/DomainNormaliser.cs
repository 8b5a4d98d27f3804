namespace Integration.Activities.CustomerMatching;

/// <summary>
/// A company's web domain as matching compares it: "https://www.Acme.test/about", "WWW.acme.test"
/// and "acme.test:443" are all "acme.test". Scheme, user info, port, path, query and a leading
/// "www." are dropped; anything that is then not a host name yields null.
/// </summary>
public static class DomainNormaliser
{
    private const string WwwPrefix = "www.";

    /// <summary>The normalised domain, or null when <paramref name="domainOrUrl"/> does not name one.</summary>
    public static string? Normalise(string? domainOrUrl)
    {
        if (string.IsNullOrWhiteSpace(domainOrUrl))
        {
            return null;
        }

        string text = domainOrUrl.Trim().ToLowerInvariant();
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }

        int end = text.IndexOfAny(['/', '?', '#']);
        if (end >= 0)
        {
            text = text[..end];
        }

        // "user@host" in a URL, or an email address typed into the domain field: the host is after the '@'.
        text = text[(text.LastIndexOf('@') + 1)..];

        int port = text.IndexOf(':', StringComparison.Ordinal);
        if (port >= 0)
        {
            text = text[..port];
        }

        string? host = HostNames.Normalise(text);

        // "www.com" is a domain in its own right: strip the prefix only when a registrable name remains.
        if (host is not null && host.StartsWith(WwwPrefix, StringComparison.Ordinal) && host.IndexOf('.', WwwPrefix.Length) > 0)
        {
            host = host[WwwPrefix.Length..];
        }

        return host;
    }
}
