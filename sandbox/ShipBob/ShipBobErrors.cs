using System.Text.Json.Nodes;

namespace Integration.Sandbox.ShipBob;

/// <summary>ShipBob's error bodies: validation is a map of field to messages; the dated APIs' other errors are RFC 7807 ProblemDetails.</summary>
internal static class ShipBobErrors
{
    public const string DuplicateReference = "Cannot insert order with existing ReferenceId";

    /// <summary>{"field": ["message", ...], ...}: ShipBob's 400 and 422 body.</summary>
    public static JsonObject Fields(IEnumerable<KeyValuePair<string, List<string>>> errors)
    {
        var json = new JsonObject();
        foreach (var (field, messages) in errors)
        {
            json[field] = new JsonArray([.. messages.Select(m => (JsonNode?)m)]);
        }

        return json;
    }

    public static JsonObject Field(string field, string message) =>
        new() { [field] = new JsonArray(message) };

    public static JsonObject Problem(int status, string title, string detail) => new()
    {
        ["type"] = "about:blank",
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
    };

    public static JsonObject RateLimited() => new()
    {
        ["statusCode"] = 429,
        ["message"] = "Rate limit is exceeded. Try again later. (injected by the sandbox)",
    };

    public static JsonObject ServerError() =>
        Problem(500, "An unexpected error occurred.", "Internal server error (injected by the sandbox).");
}
