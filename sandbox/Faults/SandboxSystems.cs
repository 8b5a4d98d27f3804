namespace Integration.Sandbox.Faults;

/// Maps emulated systems to their route prefixes and the names used in configuration and admin routes.
internal static class SandboxSystems
{
    public static IReadOnlyList<SandboxSystem> All { get; } =
        [SandboxSystem.HubSpot, SandboxSystem.QuickBooks, SandboxSystem.Alerts, SandboxSystem.Xero, SandboxSystem.BambooHr,
         SandboxSystem.Graph, SandboxSystem.Okta, SandboxSystem.Google, SandboxSystem.Slack,
         SandboxSystem.GitHub, SandboxSystem.Atlassian, SandboxSystem.Zoom, SandboxSystem.Rest,
         SandboxSystem.Shopify, SandboxSystem.ShipBob, SandboxSystem.ShipStation];

    public static string Name(SandboxSystem system) => system switch
    {
        SandboxSystem.HubSpot => "hubspot",
        SandboxSystem.QuickBooks => "quickbooks",
        SandboxSystem.Alerts => "alerts",
        SandboxSystem.Xero => "xero",
        SandboxSystem.BambooHr => "bamboohr",
        SandboxSystem.Graph => "graph",
        SandboxSystem.Okta => "okta",
        SandboxSystem.Google => "google",
        SandboxSystem.Slack => "slack",
        SandboxSystem.GitHub => "github",
        SandboxSystem.Atlassian => "atlassian",
        SandboxSystem.Zoom => "zoom",
        SandboxSystem.Rest => "rest",
        SandboxSystem.Shopify => "shopify",
        SandboxSystem.ShipBob => "shipbob",
        SandboxSystem.ShipStation => "shipstation",
        _ => throw new ArgumentOutOfRangeException(nameof(system)),
    };

    public static bool TryParse(string? name, out SandboxSystem system)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                system = candidate;
                return true;
            }
        }

        system = default;
        return false;
    }

    /// <summary>Finds the system whose vendor routes contain <paramref name="path"/>; admin routes match none.</summary>
    public static bool TryFromPath(PathString path, out SandboxSystem system)
    {
        foreach (var candidate in All)
        {
            if (path.StartsWithSegments("/" + Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                system = candidate;
                return true;
            }
        }

        system = default;
        return false;
    }
}
