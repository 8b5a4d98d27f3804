using System.Globalization;

namespace Integration.DevHost.Hosting;

/// <summary>
/// The fifteen identity targets the standalone host offboards against by default: the seven vendor
/// kinds and eight generic REST apps, all pointing at the embedded sandbox. Any of them can be
/// overridden or removed (an empty "Kind") through the usual configuration sources.
/// </summary>
public static class SandboxIdentityTargets
{
    public const string Token = "sandbox-identity-token";
    public const string GitHubOrganization = "acme";
    public const string AtlassianDirectory = "sandbox-directory";

    /// <summary>The generic REST apps; tools/SendEvent seeds an account in each for a leaver.</summary>
    public static readonly IReadOnlyList<string> RestApps =
        ["expenses", "payroll-portal", "wiki", "crm-seats", "vpn", "badge-access", "ticketing", "file-share"];

    public static IEnumerable<KeyValuePair<string, string?>> For(string sandbox)
    {
        foreach ((string name, string kind, string prefix) in new[]
        {
            ("entra", "graph", "graph"),
            ("okta", "okta", "okta"),
            ("google", "google-workspace", "google"),
            ("slack", "slack-scim", "slack"),
            ("github", "github", "github"),
            ("atlassian", "atlassian", "atlassian"),
            ("zoom", "zoom", "zoom"),
        })
        {
            foreach (var setting in Target(name, kind, $"{sandbox}/{prefix}"))
            {
                yield return setting;
            }
        }

        yield return new("Identity:Targets:github:Organization", GitHubOrganization);
        yield return new("Identity:Targets:github:AccountField", "githubUsername");
        yield return new("Identity:Targets:atlassian:DirectoryId", AtlassianDirectory);

        foreach (string app in RestApps)
        {
            foreach (var setting in Target(app, "rest", $"{sandbox}/rest/{app}"))
            {
                yield return setting;
            }

            string key = $"Identity:Targets:{app}:Rest:";
            yield return new(key + "AuthHeader", "X-Api-Key");
            yield return new(key + "AuthScheme", string.Empty);
            yield return new(key + "RevokeUrl", "users/{account}/deactivate");
            // Only what differs from the defaults: a bound list is appended to, not replaced.
            yield return new(key + "AlreadyDoneCodes:0", "409");
            yield return new(key + "CreateUrl", "users");
            yield return new(key + "CreateBody", "{\"email\":\"{workEmail}\",\"name\":\"{displayName}\"}");
        }
    }

    private static IEnumerable<KeyValuePair<string, string?>> Target(string name, string kind, string baseUrl)
    {
        string key = string.Create(CultureInfo.InvariantCulture, $"Identity:Targets:{name}:");
        yield return new(key + "Kind", kind);
        yield return new(key + "BaseUrl", baseUrl);
        yield return new(key + "Token", Token);
    }
}
