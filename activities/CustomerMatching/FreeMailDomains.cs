using System.Collections.Frozen;

namespace Integration.Activities.CustomerMatching;

/// <summary>
/// Consumer and free-mail domains. Unrelated customers share them, so the email-domain rule never
/// matches on one (an exact address on one still matches by the email rule). Compare normalised domains.
/// </summary>
public static class FreeMailDomains
{
    /// <summary>The list; extend it when a shared provider shows up in the ERP's customer emails.</summary>
    public static FrozenSet<string> All { get; } = new[]
    {
        "gmail.com", "googlemail.com",
        "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com",
        "yahoo.com", "yahoo.co.uk", "ymail.com", "rocketmail.com",
        "icloud.com", "me.com", "mac.com",
        "aol.com",
        "proton.me", "protonmail.com", "pm.me",
        "gmx.com", "gmx.net", "gmx.de", "web.de", "t-online.de",
        "mail.com", "zoho.com", "fastmail.com", "hey.com", "tutanota.com",
        "yandex.com", "yandex.ru", "mail.ru",
        "qq.com", "163.com", "126.com",
        "orange.fr", "free.fr", "laposte.net", "libero.it",
        "btinternet.com", "comcast.net", "verizon.net", "att.net",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="normalisedDomain"/> (lower-case, no "www.") is a free-mail domain.</summary>
    public static bool Contains(string? normalisedDomain) => normalisedDomain is not null && All.Contains(normalisedDomain);
}
