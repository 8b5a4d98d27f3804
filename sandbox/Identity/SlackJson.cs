using System.Globalization;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Identity;

/// Slack's SCIM ids and the error bodies it answers besides the shared SCIM ones.
internal static class SlackJson
{
    /// <summary>Slack user ids are an upper-case "U" and alphanumerics.</summary>
    public static IdentityAccount Identify(IdentityAccount account, long number) =>
        account with { Id = string.Create(CultureInfo.InvariantCulture, $"U{number:D10}") };

    public static JsonObject Unauthorized() => ScimJson.Error(StatusCodes.Status401Unauthorized, "invalid_authentication");

    public static JsonObject Forbidden() => ScimJson.Error(StatusCodes.Status403Forbidden, "not_allowed");
}
