using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// Request readers the identity endpoints share; each endpoint answers a bad body in its own vendor's shape.
internal static class IdentityRequests
{
    /// <summary>The body as a JSON object; null when it is empty, not JSON or not an object.</summary>
    public static async Task<JsonObject?> ObjectAsync(HttpRequest request)
    {
        var body = await JsonBody.ReadAsync(request);
        return body.IsValid ? body.Node as JsonObject : null;
    }

    /// <summary>A non-blank string property, trimmed; null otherwise.</summary>
    public static string? Text(JsonObject? obj, string name) =>
        obj?[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : null;

    /// <summary>A boolean property; null when absent or not a boolean.</summary>
    public static bool? Flag(JsonObject? obj, string name) =>
        obj?[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;
}
