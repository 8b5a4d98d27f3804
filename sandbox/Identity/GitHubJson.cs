using System.Globalization;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Identity;

/// GitHub's organisation membership resource, user ids and {"message","documentation_url"} bodies.
internal static class GitHubJson
{
    public const string MembershipDocs = "https://docs.github.com/rest/orgs/members";

    /// <summary>GitHub user ids are integers.</summary>
    public static IdentityAccount Identify(IdentityAccount account, long number) =>
        account with { Id = (10_000_000 + number).ToString(CultureInfo.InvariantCulture) };

    /// <summary>"pending" for an invitation not yet accepted, "active" for a member.</summary>
    public static JsonObject Membership(IdentityAccount account) => new()
    {
        ["state"] = account.Pending ? "pending" : "active",
        ["role"] = account.Role ?? "member",
        ["organization"] = new JsonObject { ["login"] = account.App },
        ["user"] = new JsonObject
        {
            ["login"] = account.Key,
            ["id"] = long.Parse(account.Id, CultureInfo.InvariantCulture),
            ["type"] = "User",
        },
    };

    public static JsonObject Body(string message, string documentation = MembershipDocs) => new()
    {
        ["message"] = message,
        ["documentation_url"] = documentation,
    };

    public static JsonObject NotFound() => Body("Not Found");

    public static JsonObject InvalidRole() => new()
    {
        ["message"] = "Validation Failed",
        ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Membership", ["field"] = "role", ["code"] = "invalid" }),
        ["documentation_url"] = MembershipDocs,
    };

    public static JsonObject InvalidBody() => Body("Problems parsing JSON");

    public static JsonObject Unauthorized() => Body("Bad credentials", "https://docs.github.com/rest");

    public static JsonObject Forbidden() => Body("Must have admin rights to Organization.");

    public static JsonObject Error(int status, string message) => Body(message, "https://docs.github.com/rest");
}
