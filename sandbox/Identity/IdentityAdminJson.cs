using System.Text.Json.Nodes;
using Integration.Sandbox.Faults;

namespace Integration.Sandbox.Identity;

/// The admin view of an identity account (docs/identity-targets.md's fields plus a few that help tests read it).
internal static class IdentityAdminJson
{
    public static JsonObject Account(IdentityAccount account)
    {
        var json = new JsonObject
        {
            ["system"] = SandboxSystems.Name(account.System),
            ["app"] = account.App.Length == 0 ? null : account.App,
            ["key"] = account.Key,
            ["id"] = account.Id,
            ["active"] = account.Active,
            ["deactivations"] = account.Deactivations,
            ["creations"] = account.Creations,
            ["email"] = account.Email,
            ["pending"] = account.Pending,
            ["sessionRevocations"] = account.SessionRevocations,
        };
        if (account.AccountId is not null)
        {
            json["atlassianAccountId"] = account.AccountId;
        }

        return json;
    }

    public static JsonArray Accounts(IEnumerable<IdentityAccount> accounts) => new([.. accounts.Select(a => (JsonNode?)Account(a))]);
}
