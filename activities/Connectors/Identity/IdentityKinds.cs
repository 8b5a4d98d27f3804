namespace Integration.Activities.Connectors.Identity;

/// <summary>The connector kinds an identity target can name; configuration, connectors and the validator share these spellings.</summary>
public static class IdentityKinds
{
    public const string Graph = "graph";
    public const string Okta = "okta";
    public const string GoogleWorkspace = "google-workspace";
    public const string SlackScim = "slack-scim";
    public const string GitHub = "github";
    public const string Atlassian = "atlassian";
    public const string Zoom = "zoom";
    public const string Rest = "rest";

    public static IReadOnlyList<string> All { get; } = [Graph, Okta, GoogleWorkspace, SlackScim, GitHub, Atlassian, Zoom, Rest];

    /// <summary>The canonical spelling of a configured kind (matched ignoring case and surrounding spaces), or null when it is not one.</summary>
    public static string? Find(string? kind) =>
        kind is null ? null : All.FirstOrDefault(k => string.Equals(k, kind.Trim(), StringComparison.OrdinalIgnoreCase));
}
