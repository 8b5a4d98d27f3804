using System.Text.Json.Nodes;
using Integration.Sandbox.HubSpot;
using Integration.Sandbox.QuickBooks;

namespace Integration.Sandbox.Faults;

/// The body each system answers with when a fault is injected, in that vendor's own error shape.
internal static class FaultResponses
{
    public static JsonNode RateLimited(SandboxSystem system) => system switch
    {
        SandboxSystem.HubSpot => HubSpotErrors.RateLimit(),
        SandboxSystem.QuickBooks => QboErrors.Throttled(),
        _ => Plain("rate limited (injected by the sandbox)"),
    };

    public static JsonNode ServerError(SandboxSystem system, DateTimeOffset now) => system switch
    {
        SandboxSystem.HubSpot => HubSpotErrors.InternalError(),
        SandboxSystem.QuickBooks => QboErrors.SystemFailure(now),
        _ => Plain("internal error (injected by the sandbox)"),
    };

    public static JsonNode Timeout(SandboxSystem system, DateTimeOffset now) => system switch
    {
        SandboxSystem.HubSpot => HubSpotErrors.Timeout(),
        SandboxSystem.QuickBooks => QboErrors.GatewayTimeout(now),
        _ => Plain("gateway timeout (injected by the sandbox)"),
    };

    private static JsonObject Plain(string message) => new() { ["error"] = message };
}
