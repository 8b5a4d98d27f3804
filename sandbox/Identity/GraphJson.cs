using System.Globalization;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Identity;

/// Microsoft Graph's user resource, ids and {"error":{"code","message"}} bodies.
internal static class GraphJson
{
    /// <summary>Object ids are GUIDs; deterministic per store sequence so runs are reproducible.</summary>
    public static IdentityAccount Identify(IdentityAccount account, long number) =>
        account with { Id = string.Create(CultureInfo.InvariantCulture, $"6a1f0c2e-0000-4000-8000-{number:x12}") };

    public static JsonObject User(IdentityAccount account) => new()
    {
        ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        ["id"] = account.Id,
        ["userPrincipalName"] = account.Key,
        ["displayName"] = account.Name,
        ["givenName"] = account.FirstName,
        ["surname"] = account.LastName,
        ["mail"] = account.Email,
        ["accountEnabled"] = account.Active,
    };

    public static JsonObject Body(string code, string message) => new()
    {
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    public static JsonObject NotFound(string account) => Body(
        "Request_ResourceNotFound",
        $"Resource '{account}' does not exist or one of its queried reference-property objects are not present.");

    public static JsonObject UpnExists() => Body(
        "Request_BadRequest",
        "Another object with the same value for property userPrincipalName already exists.");

    public static JsonObject Required(string property) =>
        Body("Request_BadRequest", $"A value is required for property '{property}' of resource 'User'.");

    public static JsonObject InvalidBody(string message) => Body("BadRequest", message);

    public static JsonObject Unauthorized() => Body("InvalidAuthenticationToken", "Access token validation failure.");

    public static JsonObject Forbidden() =>
        Body("Authorization_RequestDenied", "Insufficient privileges to complete the operation.");

    /// <summary>Graph's codes for the answers fault injection produces.</summary>
    public static JsonObject Error(int status, string message) => Body(
        status switch
        {
            StatusCodes.Status429TooManyRequests => "TooManyRequests",
            StatusCodes.Status504GatewayTimeout => "GatewayTimeout",
            _ => "generalException",
        },
        message);
}
