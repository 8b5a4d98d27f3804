using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// Okta's user resource, ids and {"errorCode","errorSummary","errorCauses"} bodies.
internal static class OktaJson
{
    /// <summary>Okta user ids are 20 characters starting "00u".</summary>
    public static IdentityAccount Identify(IdentityAccount account, long number) =>
        account with { Id = string.Create(CultureInfo.InvariantCulture, $"00u{number:D17}") };

    /// <summary>ACTIVE, STAGED (created with activate=false) or DEPROVISIONED (deactivated).</summary>
    public static string Status(IdentityAccount account) =>
        !account.Active ? "DEPROVISIONED" : account.Pending ? "STAGED" : "ACTIVE";

    public static JsonObject User(IdentityAccount account) => new()
    {
        ["id"] = account.Id,
        ["status"] = Status(account),
        ["created"] = Timestamps.HubSpot(account.CreatedAt),
        ["activated"] = account.Pending ? null : Timestamps.HubSpot(account.CreatedAt),
        ["statusChanged"] = Timestamps.HubSpot(account.UpdatedAt),
        ["lastLogin"] = null,
        ["lastUpdated"] = Timestamps.HubSpot(account.UpdatedAt),
        ["profile"] = new JsonObject
        {
            ["firstName"] = account.FirstName,
            ["lastName"] = account.LastName,
            ["login"] = account.Key,
            ["email"] = account.Email,
        },
    };

    public static JsonObject Body(string code, string summary, params string[] causes) => new()
    {
        ["errorCode"] = code,
        ["errorSummary"] = summary,
        ["errorCauses"] = new JsonArray([.. causes.Select(c => (JsonNode?)new JsonObject { ["errorSummary"] = c })]),
    };

    /// <summary>Also the answer to deactivating a DEPROVISIONED user: Okta's lifecycle calls are not idempotent.</summary>
    public static JsonObject NotFound(string account) =>
        Body("E0000007", $"Not found: Resource not found: {account} (User)");

    public static JsonObject LoginExists() => Body(
        "E0000001", "Api validation failed: login", "login: An object with this field already exists in the current organization");

    public static JsonObject Invalid(string field, string problem) =>
        Body("E0000001", $"Api validation failed: {field}", $"{field}: {problem}");

    public static JsonObject InvalidBody() => Body("E0000003", "The request body was not well-formed.");

    public static JsonObject Unauthorized() => Body("E0000011", "Invalid token provided");

    public static JsonObject Forbidden() => Body("E0000006", "You do not have permission to perform the requested action");

    /// <summary>Okta's codes for the answers fault injection produces (E0000047 is its rate-limit code).</summary>
    public static JsonObject Error(int status, string message) =>
        Body(status == StatusCodes.Status429TooManyRequests ? "E0000047" : "E0000009", message);
}
