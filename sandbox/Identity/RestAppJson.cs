using System.Globalization;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Identity;

/// The generic REST app's user resource and {"error": word} bodies, as docs/identity-targets.md describes them.
internal static class RestAppJson
{
    public static IdentityAccount Identify(IdentityAccount account, long number) =>
        account with { Id = string.Create(CultureInfo.InvariantCulture, $"usr_{number}") };

    public static JsonObject User(IdentityAccount account) => new()
    {
        ["id"] = account.Id,
        ["email"] = account.Key,
        ["name"] = account.Name,
        ["active"] = account.Active,
    };

    public static JsonObject Body(string error) => new() { ["error"] = error };

    public static JsonObject Unauthorized() => Body("unauthorized");

    public static JsonObject Forbidden() => Body("forbidden");

    public static JsonObject Error(int status, string message) => Body(message);
}
