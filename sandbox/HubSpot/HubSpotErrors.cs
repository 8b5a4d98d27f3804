using System.Text.Json.Nodes;

namespace Integration.Sandbox.HubSpot;

/// HubSpot's error bodies: status, message, correlationId and category.
internal static class HubSpotErrors
{
    public static JsonObject Body(string message, string category) => new()
    {
        ["status"] = "error",
        ["message"] = message,
        ["correlationId"] = Guid.NewGuid().ToString(),
        ["category"] = category,
    };

    public static JsonObject InvalidAuthentication(string message) => Body(message, "INVALID_AUTHENTICATION");

    public static JsonObject ObjectNotFound() =>
        Body("Object not found. objectId are usually numeric.", "OBJECT_NOT_FOUND");

    public static JsonObject Validation(string message) => Body(message, "VALIDATION_ERROR");

    public static JsonObject RateLimit() => new()
    {
        ["status"] = "error",
        ["message"] = "You have reached your ten_secondly_rolling limit.",
        ["errorType"] = "RATE_LIMIT",
        ["correlationId"] = Guid.NewGuid().ToString(),
        ["policyName"] = "TEN_SECONDLY_ROLLING",
    };

    public static JsonObject InternalError() =>
        Body("internal error (injected by the sandbox)", "INTERNAL_ERROR");

    public static JsonObject Timeout() =>
        Body("The request timed out (injected by the sandbox)", "TIMEOUT");
}
