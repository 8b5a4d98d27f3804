using System.Text.Json.Nodes;

namespace Integration.Sandbox.Identity;

/// <summary>The parts of a SCIM create-user body the sandbox keeps: userName (required), name, displayName, the primary e-mail, active.</summary>
internal sealed record ScimUserRequest(string UserName, string? GivenName, string? FamilyName, string? DisplayName, string? Email, bool Active)
{
    /// <summary>Null with a SCIM error detail when the body has no userName or a malformed emails list.</summary>
    public static ScimUserRequest? Read(JsonObject body, out string error)
    {
        error = string.Empty;
        var userName = IdentityRequests.Text(body, "userName");
        if (userName is null)
        {
            error = "userName is required";
            return null;
        }

        string? email = null;
        if (body["emails"] is { } emailsNode)
        {
            if (emailsNode is not JsonArray emails || emails.Any(e => e is not JsonObject))
            {
                error = "emails must be an array of objects";
                return null;
            }

            var chosen = emails.OfType<JsonObject>().FirstOrDefault(e => IdentityRequests.Flag(e, "primary") == true)
                ?? emails.OfType<JsonObject>().FirstOrDefault();
            email = IdentityRequests.Text(chosen, "value");
        }

        var name = body["name"] as JsonObject;
        return new ScimUserRequest(
            userName,
            IdentityRequests.Text(name, "givenName"),
            IdentityRequests.Text(name, "familyName"),
            IdentityRequests.Text(body, "displayName"),
            email ?? userName,
            IdentityRequests.Flag(body, "active") ?? true);
    }
}
