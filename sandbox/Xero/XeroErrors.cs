using System.Text.Json.Nodes;

namespace Integration.Sandbox.Xero;

/// Xero's two error shapes: API exceptions ({"ErrorNumber","Type","Message"}) and the identity problems (401/403/404/429/5xx).
internal static class XeroErrors
{
    /// <summary>
    /// HTTP 400 {"ErrorNumber":10,"Type":"ValidationException","Message":"A validation exception occurred","Elements":[..]}:
    /// each element as it was sent, with the messages about it in "ValidationErrors".
    /// </summary>
    public static JsonObject Validation(IEnumerable<(JsonObject Element, IReadOnlyList<string> Messages)> elements)
    {
        var list = new JsonArray();
        foreach (var (element, messages) in elements)
        {
            var copy = (JsonObject)element.DeepClone();
            copy["ValidationErrors"] = new JsonArray([.. messages.Select(m => (JsonNode?)new JsonObject { ["Message"] = m })]);
            list.Add(copy);
        }

        return Exception(10, "ValidationException", "A validation exception occurred", list);
    }

    public static JsonObject Validation(JsonObject element, string message) => Validation([(element, [message])]);

    /// <summary>A body that is not JSON, or not the shape the endpoint takes.</summary>
    public static JsonObject PostDataInvalid(string message) => Exception(14, "PostDataInvalidException", message, null);

    /// <summary>A "where" clause the sandbox cannot parse.</summary>
    public static JsonObject QueryParse(string message) => Exception(16, "QueryParseException", message, null);

    public static JsonObject Unauthorized(string detail) => Problem("Unauthorized", StatusCodes.Status401Unauthorized, detail);

    /// <summary>Xero's answer when xero-tenant-id is missing, malformed or not a tenant the token may use.</summary>
    public static JsonObject Forbidden() => Problem("Forbidden", StatusCodes.Status403Forbidden, "AuthenticationUnsuccessful");

    public static JsonObject NotFound() =>
        Problem("Not Found", StatusCodes.Status404NotFound, "The resource you're looking for cannot be found");

    public static JsonObject RateLimited() =>
        Problem("Too Many Requests", StatusCodes.Status429TooManyRequests, "Rate limit exceeded (injected by the sandbox)");

    public static JsonObject ServerError() =>
        Problem("An error occurred", StatusCodes.Status500InternalServerError, "An error occurred in Xero (injected by the sandbox)");

    public static JsonObject GatewayTimeout() =>
        Problem("Gateway Timeout", StatusCodes.Status504GatewayTimeout, "The request timed out (injected by the sandbox)");

    private static JsonObject Exception(int number, string type, string message, JsonArray? elements)
    {
        var body = new JsonObject { ["ErrorNumber"] = number, ["Type"] = type, ["Message"] = message };
        if (elements is not null)
        {
            body["Elements"] = elements;
        }

        return body;
    }

    private static JsonObject Problem(string title, int status, string detail) => new()
    {
        ["Type"] = null,
        ["Title"] = title,
        ["Status"] = status,
        ["Detail"] = detail,
        ["Instance"] = Guid.NewGuid().ToString(),
        ["Extensions"] = new JsonObject(),
    };
}
