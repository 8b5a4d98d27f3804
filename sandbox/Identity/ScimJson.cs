using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// SCIM 2.0 shapes Slack and Atlassian share: the core User resource, ListResponse and Error messages (RFC 7643/7644).
internal static class ScimJson
{
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string ListResponseSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static JsonObject User(IdentityAccount account) => new()
    {
        ["schemas"] = new JsonArray(UserSchema),
        ["id"] = account.Id,
        ["userName"] = account.Key,
        ["name"] = new JsonObject { ["givenName"] = account.FirstName, ["familyName"] = account.LastName },
        ["displayName"] = account.Name,
        ["emails"] = new JsonArray(new JsonObject { ["value"] = account.Email ?? account.Key, ["primary"] = true }),
        ["active"] = account.Active,
        ["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["created"] = Timestamps.HubSpot(account.CreatedAt),
            ["lastModified"] = Timestamps.HubSpot(account.UpdatedAt),
        },
    };

    /// <summary>One page: <paramref name="startIndex"/> is 1-based as in SCIM; itemsPerPage is the page's size.</summary>
    public static JsonObject List(IReadOnlyList<JsonObject> page, int totalResults, int startIndex) => new()
    {
        ["schemas"] = new JsonArray(ListResponseSchema),
        ["totalResults"] = totalResults,
        ["itemsPerPage"] = page.Count,
        ["startIndex"] = startIndex,
        ["Resources"] = new JsonArray([.. page]),
    };

    /// <summary>SCIM sends the HTTP status as a string.</summary>
    public static JsonObject Error(int status, string detail) => new()
    {
        ["schemas"] = new JsonArray(ErrorSchema),
        ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["detail"] = detail,
    };

    /// <summary>A 400 with SCIM's scimType keyword (invalidFilter, invalidValue, invalidSyntax).</summary>
    public static JsonObject BadRequest(string scimType, string detail)
    {
        var error = Error(StatusCodes.Status400BadRequest, detail);
        error["scimType"] = scimType;
        return error;
    }
}
