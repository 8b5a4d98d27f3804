using System.Text.Json.Nodes;

namespace Integration.Sandbox.Identity;

/// <summary>
/// The person POST /_sandbox/identity/employees gives accounts to:
/// {"email","firstName","lastName","githubUsername"?,"githubOrg"?,"restApps":[..]?}.
/// </summary>
internal sealed record IdentityEmployee(
    string Email,
    string FirstName,
    string LastName,
    string? GitHubUsername,
    string GitHubOrg,
    IReadOnlyList<string> RestApps)
{
    /// <summary>The organisation docs/identity-targets.md's sample configuration names.</summary>
    public const string DefaultGitHubOrg = "acme";

    /// <summary>Null with the reason when a required field is missing or a field has the wrong type.</summary>
    public static IdentityEmployee? Read(JsonNode? node, out string error)
    {
        error = string.Empty;
        if (node is not JsonObject body)
        {
            error = "The body must be a JSON object.";
            return null;
        }

        var email = IdentityRequests.Text(body, "email");
        var firstName = IdentityRequests.Text(body, "firstName");
        var lastName = IdentityRequests.Text(body, "lastName");
        if (email is null || !email.Contains('@', StringComparison.Ordinal) || firstName is null || lastName is null)
        {
            error = "'email' (an address), 'firstName' and 'lastName' are required strings.";
            return null;
        }

        if (!OptionalText(body, "githubUsername", out var username) || !OptionalText(body, "githubOrg", out var org))
        {
            error = "'githubUsername' and 'githubOrg' must be non-empty strings when given.";
            return null;
        }

        var apps = new List<string>();
        if (body["restApps"] is { } appsNode)
        {
            if (appsNode is not JsonArray list)
            {
                error = "'restApps' must be an array of app names.";
                return null;
            }

            foreach (var item in list)
            {
                var app = item is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : string.Empty;
                if (app.Length == 0 || app.Contains('/', StringComparison.Ordinal))
                {
                    error = "'restApps' must hold non-empty app names without '/'.";
                    return null;
                }

                apps.Add(app);
            }
        }

        return new IdentityEmployee(email, firstName, lastName, username, org ?? DefaultGitHubOrg, apps);
    }

    private static bool OptionalText(JsonObject body, string name, out string? value)
    {
        value = IdentityRequests.Text(body, name);
        return body[name] is null || value is not null;
    }
}
