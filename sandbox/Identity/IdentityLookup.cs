namespace Integration.Sandbox.Identity;

/// <summary>
/// What a route's account segment may be. Each vendor accepts only what the real API accepts, so a connector
/// that sends an e-mail where an id belongs fails here as it would in production.
/// </summary>
internal enum IdentityLookup
{
    /// <summary>The key (e-mail, login, UPN) or the vendor id: Graph, Okta, Google, Zoom, REST apps.</summary>
    KeyOrId,

    /// <summary>Only the key: GitHub usernames.</summary>
    Key,

    /// <summary>Only the vendor id: SCIM resource ids.</summary>
    Id,

    /// <summary>Only Atlassian's account id: its lifecycle routes.</summary>
    AccountId,
}
