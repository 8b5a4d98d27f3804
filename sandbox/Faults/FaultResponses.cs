using System.Text.Json.Nodes;
using Integration.Sandbox.HubSpot;
using Integration.Sandbox.Identity;
using Integration.Sandbox.QuickBooks;
using Integration.Sandbox.Xero;

namespace Integration.Sandbox.Faults;

/// The body each system answers with when a fault is injected, in that vendor's own error shape.
internal static class FaultResponses
{
    public static JsonNode RateLimited(SandboxSystem system) => system switch
    {
        SandboxSystem.HubSpot => HubSpotErrors.RateLimit(),
        SandboxSystem.QuickBooks => QboErrors.Throttled(),
        SandboxSystem.Xero => XeroErrors.RateLimited(),
        SandboxSystem.ShipBob => ShipBob.ShipBobErrors.RateLimited(),
        SandboxSystem.ShipStation => ShipStation.ShipStationErrors.RateLimited(),
        _ => VendorOrPlain(system, StatusCodes.Status429TooManyRequests, "rate limited (injected by the sandbox)"),
    };

    public static JsonNode ServerError(SandboxSystem system, DateTimeOffset now) => system switch
    {
        SandboxSystem.HubSpot => HubSpotErrors.InternalError(),
        SandboxSystem.QuickBooks => QboErrors.SystemFailure(now),
        SandboxSystem.Xero => XeroErrors.ServerError(),
        SandboxSystem.ShipBob => ShipBob.ShipBobErrors.ServerError(),
        SandboxSystem.ShipStation => ShipStation.ShipStationErrors.ServerError(),
        _ => VendorOrPlain(system, StatusCodes.Status500InternalServerError, "internal error (injected by the sandbox)"),
    };

    public static JsonNode Timeout(SandboxSystem system, DateTimeOffset now) => system switch
    {
        SandboxSystem.HubSpot => HubSpotErrors.Timeout(),
        SandboxSystem.QuickBooks => QboErrors.GatewayTimeout(now),
        SandboxSystem.Xero => XeroErrors.GatewayTimeout(),
        _ => VendorOrPlain(system, StatusCodes.Status504GatewayTimeout, "gateway timeout (injected by the sandbox)"),
    };

    /// <summary>A permission-denied answer; systems without a vendor 403 body of their own get a plain one.</summary>
    public static JsonNode Forbidden(SandboxSystem system) => system switch
    {
        SandboxSystem.Xero => XeroErrors.Forbidden(),
        _ => IdentityVendors.Find(system)?.Forbidden() ?? Plain("forbidden (injected by the sandbox)"),
    };

    /// <summary>Headers a throttled answer carries besides Retry-After: Xero names the limit that was hit, ShipBob and ShipStation their counters.</summary>
    public static void AddRateLimitHeaders(SandboxSystem system, IHeaderDictionary headers)
    {
        if (system == SandboxSystem.Xero)
        {
            headers[XeroAuthFilter.RateLimitProblemHeader] = "minute";
        }

        // ShipBob names the wait in its own header; ShipStation v1 reports an exhausted window.
        if (system == SandboxSystem.ShipBob)
        {
            headers["x-retry-after"] = headers.RetryAfter;
            headers["x-remaining-calls"] = "0";
        }

        if (system == SandboxSystem.ShipStation)
        {
            ShipStation.ShipStationRateWindow.AddHeaders(headers, remaining: 0, resetSeconds: headers.RetryAfter.ToString());
        }
    }

    // Identity systems keep their error envelopes beside their other shapes (sandbox/Identity/*Json.cs).
    private static JsonNode VendorOrPlain(SandboxSystem system, int status, string message) =>
        IdentityVendors.Find(system)?.Error(status, message) ?? Plain(message);

    private static JsonObject Plain(string message) => new() { ["error"] = message };
}
