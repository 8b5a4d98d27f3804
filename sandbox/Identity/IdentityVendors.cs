using Integration.Sandbox.Faults;

namespace Integration.Sandbox.Identity;

/// The eight emulated identity systems, so fault injection and the admin routes can find a system's shapes by name.
internal static class IdentityVendors
{
    public static IdentityVendor Graph { get; } = new(
        SandboxSystem.Graph, "graph", IdentityCredential.Bearer, GraphJson.Unauthorized, GraphJson.Forbidden, GraphJson.Error);

    public static IdentityVendor Okta { get; } = new(
        SandboxSystem.Okta, "okta", IdentityCredential.Ssws, OktaJson.Unauthorized, OktaJson.Forbidden, OktaJson.Error);

    public static IdentityVendor Google { get; } = new(
        SandboxSystem.Google, "google-workspace", IdentityCredential.Bearer, GoogleJson.Unauthorized, GoogleJson.Forbidden, GoogleJson.Error);

    public static IdentityVendor Slack { get; } = new(
        SandboxSystem.Slack, "slack-scim", IdentityCredential.Bearer, SlackJson.Unauthorized, SlackJson.Forbidden, ScimJson.Error);

    public static IdentityVendor GitHub { get; } = new(
        SandboxSystem.GitHub, "github", IdentityCredential.Bearer, GitHubJson.Unauthorized, GitHubJson.Forbidden, GitHubJson.Error);

    public static IdentityVendor Atlassian { get; } = new(
        SandboxSystem.Atlassian, "atlassian", IdentityCredential.Bearer, AtlassianJson.Unauthorized, AtlassianJson.Forbidden, AtlassianJson.Error);

    public static IdentityVendor Zoom { get; } = new(
        SandboxSystem.Zoom, "zoom", IdentityCredential.Bearer, ZoomJson.Unauthorized, ZoomJson.Forbidden, ZoomJson.Error);

    public static IdentityVendor Rest { get; } = new(
        SandboxSystem.Rest, "rest", IdentityCredential.ApiKey, RestAppJson.Unauthorized, RestAppJson.Forbidden, RestAppJson.Error);

    public static IReadOnlyList<IdentityVendor> All { get; } = [Graph, Okta, Google, Slack, GitHub, Atlassian, Zoom, Rest];

    public static IdentityVendor? Find(SandboxSystem system) => All.FirstOrDefault(v => v.System == system);

    /// <summary>By sandbox system name ("google") or connector kind ("google-workspace"), ignoring case.</summary>
    public static IdentityVendor? Find(string name) => All.FirstOrDefault(v =>
        string.Equals(SandboxSystems.Name(v.System), name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(v.Kind, name, StringComparison.OrdinalIgnoreCase));
}
