using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// Zoom's user resource, ids and {"code","message"} bodies.
internal static class ZoomJson
{
    /// <summary>Zoom user ids are 22 URL-safe characters.</summary>
    public static IdentityAccount Identify(IdentityAccount account, long number) =>
        account with { Id = string.Create(CultureInfo.InvariantCulture, $"zu{number:D20}") };

    /// <summary>"pending" until an invited user accepts, "inactive" once deactivated.</summary>
    public static string Status(IdentityAccount account) =>
        !account.Active ? "inactive" : account.Pending ? "pending" : "active";

    public static JsonObject User(IdentityAccount account) => new()
    {
        ["id"] = account.Id,
        ["first_name"] = account.FirstName,
        ["last_name"] = account.LastName,
        ["display_name"] = account.Name,
        ["email"] = account.Key,
        ["type"] = 1,
        ["status"] = Status(account),
        ["created_at"] = account.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    /// <summary>The answer to a create: the new user without its status.</summary>
    public static JsonObject Created(IdentityAccount account) => new()
    {
        ["id"] = account.Id,
        ["first_name"] = account.FirstName,
        ["last_name"] = account.LastName,
        ["email"] = account.Key,
        ["type"] = 1,
    };

    public static JsonObject Body(int code, string message) => new() { ["code"] = code, ["message"] = message };

    public static JsonObject NotFound(string account) => Body(1001, $"User does not exist: {account}.");

    public static JsonObject Exists(string email) => Body(1005, $"User already in the account: {email}.");

    public static JsonObject Invalid(string message) => Body(300, message);

    public static JsonObject Unauthorized() => Body(124, "Invalid access token.");

    /// <summary>The sandbox's permanent rejection (Zoom answers an invalid token with 401 code 124).</summary>
    public static JsonObject Forbidden() => Body(200, "No permission.");

    /// <summary>Zoom puts the HTTP status in "code" for throttling and server errors.</summary>
    public static JsonObject Error(int status, string message) => Body(status, message);
}
