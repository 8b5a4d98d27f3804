namespace Integration.Activities.CustomerMatching;

/// <summary>
/// Email addresses as matching compares them: trimmed, lower-cased, and without a "+tag" in the
/// local part (plus-addressing delivers to the same mailbox, so "AP+Invoices@Acme.test" is
/// "ap@acme.test"). Text that is not a single address yields null instead of a key that could
/// match something by accident. Dots in the local part are kept: only some providers ignore them.
/// </summary>
public static class EmailNormaliser
{
    /// <summary>RFC 5322 "atext" specials allowed in a local part besides letters, digits and dots.</summary>
    private const string LocalSpecials = "!#$%&'*+-/=?^_`{|}~";

    private const int MaxLocalLength = 64;

    /// <summary>The normalised address, or null when <paramref name="email"/> is not one address.</summary>
    public static string? Normalise(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        string text = email.Trim().ToLowerInvariant();
        int at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@'))
        {
            return null;
        }

        string local = text[..at];
        if (!IsLocalPart(local))
        {
            return null;
        }

        int plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            local = local[..plus];
        }

        string? domain = HostNames.Normalise(text[(at + 1)..]);
        return local.Length == 0 || local.EndsWith('.') || domain is null ? null : $"{local}@{domain}";
    }

    /// <summary>The domain of the normalised address, or null when <paramref name="email"/> is not one address.</summary>
    public static string? DomainOf(string? email) =>
        Normalise(email) is { } normalised ? normalised[(normalised.IndexOf('@', StringComparison.Ordinal) + 1)..] : null;

    private static bool IsLocalPart(string local) =>
        local.Length <= MaxLocalLength &&
        local[0] != '.' &&
        local[^1] != '.' &&
        !local.Contains("..", StringComparison.Ordinal) &&
        local.All(c => char.IsLetterOrDigit(c) || c == '.' || LocalSpecials.Contains(c, StringComparison.Ordinal));
}
