using System.Globalization;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Identity;

/// Atlassian's SCIM user (core User plus its external extension), ids and the admin API's {"code","message"} bodies.
internal static class AtlassianJson
{
    public const string ExtensionSchema = "urn:scim:schemas:extension:atlassian-external:1.0";

    /// <summary>The SCIM id is a GUID; the account id (what the lifecycle routes take) is 24 hex digits.</summary>
    public static IdentityAccount Identify(IdentityAccount account, long number) => account with
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"3d2c1b0a-0000-4000-9000-{number:x12}"),
        AccountId = string.Create(CultureInfo.InvariantCulture, $"5b10ac8d{number:x16}"),
    };

    public static JsonObject User(IdentityAccount account)
    {
        var user = ScimJson.User(account);
        ((JsonArray)user["schemas"]!).Add(ExtensionSchema);
        user[ExtensionSchema] = new JsonObject { ["atlassianAccountId"] = account.AccountId };
        return user;
    }

    public static JsonObject Body(int code, string message) => new() { ["code"] = code, ["message"] = message };

    public static JsonObject AccountNotFound(string accountId) =>
        Body(StatusCodes.Status404NotFound, $"Account {accountId} was not found in your organization.");

    public static JsonObject Unauthorized() => Body(StatusCodes.Status401Unauthorized, "Unauthorized");

    public static JsonObject Forbidden() => Body(StatusCodes.Status403Forbidden, "The account is not managed by your organization.");

    public static JsonObject Error(int status, string message) => Body(status, message);
}
