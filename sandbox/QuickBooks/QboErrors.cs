using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.QuickBooks;

/// QuickBooks Online "Fault" error bodies and the codes the sandbox uses.
internal static class QboErrors
{
    public static JsonObject Fault(string type, string code, string message, string? detail, DateTimeOffset now)
    {
        var error = new JsonObject { ["Message"] = message };
        if (detail is not null)
        {
            error["Detail"] = detail;
        }

        error["code"] = code;
        return new JsonObject
        {
            ["Fault"] = new JsonObject { ["Error"] = new JsonArray(error), ["type"] = type },
            ["time"] = Timestamps.QuickBooks(now),
        };
    }

    public static JsonObject Validation(string code, string message, string detail, DateTimeOffset now) =>
        Fault("ValidationFault", code, message, detail, now);

    public static JsonObject Authentication(string detail, DateTimeOffset now) =>
        Fault("AUTHENTICATION", "3200", "AuthenticationFailed", detail, now);

    public static JsonObject ObjectNotFound(string detail, DateTimeOffset now) =>
        Validation("610", "Object Not Found", $"Object Not Found : {detail}", now);

    public static JsonObject RequiredMissing(string property, DateTimeOffset now) =>
        Validation(
            "2020",
            "Required param missing, need to supply the required value for the API",
            $"Required parameter {property} is missing in the request",
            now);

    public static JsonObject InvalidProperty(string property, DateTimeOffset now) =>
        Validation(
            "2010",
            "Request has invalid or unsupported property",
            $"Property Name:{property} specified is unsupported or invalid",
            now);

    public static JsonObject AmountCalculation(string suppliedAmount, DateTimeOffset now) =>
        Validation(
            "6070",
            "Amount calculation incorrect in the request.",
            $"Amount is not equal to UnitPrice * Qty. Supplied value:{suppliedAmount}",
            now);

    public static JsonObject QueryParse(string detail, DateTimeOffset now) =>
        Validation("4000", "Error parsing query", $"QueryParserError: {detail}", now);

    public static JsonObject QueryValidation(string detail, DateTimeOffset now) =>
        Validation("4001", "Invalid query", $"QueryValidationError: {detail}", now);

    public static JsonObject Throttled() => new()
    {
        ["Fault"] = new JsonObject
        {
            ["Error"] = new JsonArray(new JsonObject
            {
                ["Message"] = "message=ThrottleExceeded; errorCode=003001; statusCode=429",
                ["code"] = "003001",
            }),
            ["type"] = "SERVICE",
        },
    };

    public static JsonObject SystemFailure(DateTimeOffset now) => Fault(
        "SystemFault",
        "10000",
        "An application error has occurred while processing your request",
        "System Failure Error: injected by the sandbox",
        now);

    public static JsonObject GatewayTimeout(DateTimeOffset now) => Fault(
        "SERVICE", "10001", "Gateway Timeout", "The request timed out (injected by the sandbox)", now);
}
