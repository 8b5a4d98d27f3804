using System.Text.Json.Nodes;
using Integration.Sandbox.Faults;

namespace Integration.Sandbox.Identity;

/// <summary>
/// What the shared sandbox machinery needs to know about one identity system: its kind in
/// docs/identity-targets.md, how its credential is sent, and its error bodies (401, 403, and the general
/// envelope used for injected 429/5xx answers). The bodies themselves live in each system's *Json file.
/// </summary>
internal sealed record IdentityVendor(
    SandboxSystem System,
    string Kind,
    IdentityCredential Credential,
    Func<JsonObject> Unauthorized,
    Func<JsonObject> Forbidden,
    Func<int, string, JsonObject> Error);
