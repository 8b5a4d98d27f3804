using Integration.Sandbox.Faults;

namespace Integration.Sandbox.Identity;

/// <summary>
/// One account in one emulated identity system. Immutable: the store replaces whole records under its lock,
/// so an account handed out is a consistent snapshot that endpoints can serialise without locking.
/// </summary>
internal sealed record IdentityAccount
{
    public required SandboxSystem System { get; init; }

    /// <summary>The GitHub organisation or REST app the account lives in; empty for systems with one directory.</summary>
    public required string App { get; init; }

    /// <summary>What a connector addresses the account by: the e-mail (UPN, login, userName) or the GitHub username.</summary>
    public required string Key { get; init; }

    /// <summary>The vendor's own id, in its format; assigned by the store on creation.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Atlassian's account id, which its lifecycle routes take (the SCIM id is <see cref="Id"/>); null elsewhere.</summary>
    public string? AccountId { get; init; }

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    /// <summary>Set when the vendor was given one explicitly (Graph, SCIM); otherwise <see cref="Name"/> derives it.</summary>
    public string? DisplayName { get; init; }

    /// <summary>GitHub's membership role ("member" or "admin"); null elsewhere.</summary>
    public string? Role { get; init; }

    /// <summary>False once revoked (disabled, suspended, deactivated, removed from the organisation).</summary>
    public bool Active { get; init; } = true;

    /// <summary>
    /// Invited or staged but not yet used (a GitHub invitation, a Zoom "pending" user, an Okta STAGED user).
    /// Such an account still counts as active: revoking it is an active→inactive transition.
    /// </summary>
    public bool Pending { get; init; }

    /// <summary>Creations through the vendor API (seeded accounts start at 0); more than 1 only for a GitHub re-invitation.</summary>
    public int Creations { get; init; }

    /// <summary>Active→inactive transitions; a revocation of an inactive account does not count, so a duplicate shows as 1.</summary>
    public int Deactivations { get; init; }

    /// <summary>Graph revokeSignInSessions calls that found the account.</summary>
    public int SessionRevocations { get; init; }

    /// <summary>Creation order within the store, so listings are stable.</summary>
    public long Number { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The display name given, else "First Last", else the key.</summary>
    public string Name
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(DisplayName))
            {
                return DisplayName;
            }

            var name = $"{FirstName} {LastName}".Trim();
            return name.Length > 0 ? name : Key;
        }
    }
}
