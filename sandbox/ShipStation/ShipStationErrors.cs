using System.Text.Json.Nodes;

namespace Integration.Sandbox.ShipStation;

/// <summary>ShipStation's error bodies: v1 is ASP.NET Web API style (Message, ModelState), v2 the ShipEngine "errors" list.</summary>
internal static class ShipStationErrors
{
    /// <summary>400 {"Message":"The request is invalid.","ModelState":{"apiOrder.orderNumber":["..."]}}.</summary>
    public static JsonObject Invalid(IEnumerable<KeyValuePair<string, List<string>>> modelState)
    {
        var state = new JsonObject();
        foreach (var (key, messages) in modelState)
        {
            state[key] = new JsonArray([.. messages.Select(m => (JsonNode?)m)]);
        }

        return new JsonObject { ["Message"] = "The request is invalid.", ["ModelState"] = state };
    }

    public static JsonObject Invalid(string key, string message) =>
        Invalid([new KeyValuePair<string, List<string>>(key, [message])]);

    public static JsonObject Message(string message) => new() { ["Message"] = message };

    public static JsonObject Unauthorized() => Message("Authorization has been denied for this request.");

    public static JsonObject RateLimited() => Message("Too Many Requests (injected by the sandbox)");

    public static JsonObject ServerError() => new()
    {
        ["Message"] = "An error has occurred.",
        ["ExceptionMessage"] = "Internal server error (injected by the sandbox).",
        ["ExceptionType"] = "System.Exception",
        ["StackTrace"] = null,
    };

    /// <summary>The v2 (ShipEngine-based) inventory API's 401.</summary>
    public static JsonObject V2Unauthorized() => new()
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["errors"] = new JsonArray(new JsonObject
        {
            ["error_source"] = "shipstation",
            ["error_type"] = "security",
            ["error_code"] = "unauthorized",
            ["message"] = "The API key is invalid.",
        }),
    };

    public static JsonObject V2Invalid(string message) => new()
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["errors"] = new JsonArray(new JsonObject
        {
            ["error_source"] = "shipstation",
            ["error_type"] = "validation",
            ["error_code"] = "invalid_field_value",
            ["message"] = message,
        }),
    };
}
