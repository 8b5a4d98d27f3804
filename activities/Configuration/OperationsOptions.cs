namespace Integration.Activities.Configuration;

/// <summary>
/// Operations API settings (section "Operations"): who may read and who may act, and whether anyone may act at all.
/// </summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>
    /// A single operator key in plain text, as before roles existed; kept so existing deployments keep working.
    /// Prefer <see cref="Keys"/>, which holds only hashes.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The keys callers send as X-Api-Key, each stored as its SHA-256 hash with a role and a name for the audit trail.
    /// Several keys per role let a key be rotated without downtime: add the new one, move callers over, remove the old.
    /// </summary>
    public IList<OperationsKeySetting> Keys { get; } = [];

    /// <summary>When true, every action answers 403: the whole deployment is read-only (reads still work).</summary>
    public bool ReadOnly { get; set; }

    /// <summary>
    /// When true the app runs behind App Service authentication (Entra ID), which strips and then sets the
    /// X-MS-CLIENT-PRINCIPAL header; only then is that header believed. Anyone can send it to a host without it.
    /// </summary>
    public bool TrustAppServiceAuthentication { get; set; }
}

/// <summary>One operations key: its hash (never the key itself), the role it grants, and who holds it.</summary>
public sealed class OperationsKeySetting
{
    /// <summary>Who holds the key, written to the audit trail (e.g. "support team", "nightly script").</summary>
    public string? Name { get; set; }

    /// <summary>"reader" or "operator".</summary>
    public string? Role { get; set; }

    /// <summary>"sha256:" and the lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public string? Hash { get; set; }
}
