using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// The Admin SDK Directory API's user resource, ids and {"error":{"code","message","errors":[..]}} bodies.
internal static class GoogleJson
{
    /// <summary>Directory user ids are 21 digits.</summary>
    public static IdentityAccount Identify(IdentityAccount account, long number) =>
        account with { Id = string.Create(CultureInfo.InvariantCulture, $"1{number:D20}") };

    public static JsonObject User(IdentityAccount account)
    {
        var user = new JsonObject
        {
            ["kind"] = "admin#directory#user",
            ["id"] = account.Id,
            ["primaryEmail"] = account.Key,
            ["name"] = new JsonObject
            {
                ["givenName"] = account.FirstName,
                ["familyName"] = account.LastName,
                ["fullName"] = account.Name,
            },
            ["isAdmin"] = false,
            ["suspended"] = !account.Active,
        };
        if (!account.Active)
        {
            user["suspensionReason"] = "ADMIN";
        }

        user["creationTime"] = Timestamps.HubSpot(account.CreatedAt);
        return user;
    }

    public static JsonObject Body(int code, string message, string reason) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason }),
        },
    };

    public static JsonObject NotFound() => Body(StatusCodes.Status404NotFound, "Resource Not Found: userKey", "notFound");

    public static JsonObject Duplicate() => Body(StatusCodes.Status409Conflict, "Entity already exists.", "duplicate");

    public static JsonObject Invalid(string message) => Body(StatusCodes.Status400BadRequest, message, "invalid");

    public static JsonObject Unauthorized() => Body(StatusCodes.Status401Unauthorized, "Invalid Credentials", "authError");

    /// <summary>The body docs/identity-targets.md gives: its one error names only the reason.</summary>
    public static JsonObject Forbidden() => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = StatusCodes.Status403Forbidden,
            ["message"] = "Not Authorized to access this resource/api",
            ["errors"] = new JsonArray(new JsonObject { ["reason"] = "forbidden" }),
        },
    };

    public static JsonObject Error(int status, string message) =>
        Body(status, message, status == StatusCodes.Status429TooManyRequests ? "rateLimitExceeded" : "backendError");
}
