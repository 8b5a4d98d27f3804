using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Integration.Tests.Unit.Sandbox.Identity;

/// Identity-system calls with each vendor's credential sent the way the connectors send it, plus the admin helpers.
internal static class IdentityCalls
{
    public const string Token = "sandbox-identity-token";
    public const string Bearer = "Bearer " + Token;
    public const string Ssws = "SSWS " + Token;
    public const string Email = "ada@acme.test";
    public const string GitHubUser = "ada-l";

    public static Task<SandboxResponse> GraphAsync(this SandboxHost sandbox, HttpMethod method, string path, string? json = null, string? authorization = Bearer) =>
        sandbox.CallAsync(method, "/graph/v1.0" + path, json, "Authorization", authorization);

    public static Task<SandboxResponse> OktaAsync(this SandboxHost sandbox, HttpMethod method, string path, string? json = null, string? authorization = Ssws) =>
        sandbox.CallAsync(method, "/okta/api/v1" + path, json, "Authorization", authorization);

    public static Task<SandboxResponse> GoogleAsync(this SandboxHost sandbox, HttpMethod method, string path, string? json = null, string? authorization = Bearer) =>
        sandbox.CallAsync(method, "/google/admin/directory/v1" + path, json, "Authorization", authorization);

    public static Task<SandboxResponse> SlackAsync(this SandboxHost sandbox, HttpMethod method, string path, string? json = null, string? authorization = Bearer) =>
        sandbox.CallAsync(method, "/slack/scim/v2" + path, json, "Authorization", authorization);

    public static Task<SandboxResponse> GitHubAsync(this SandboxHost sandbox, HttpMethod method, string path, string? json = null, string? authorization = Bearer) =>
        sandbox.CallAsync(method, "/github" + path, json, "Authorization", authorization);

    public static Task<SandboxResponse> AtlassianAsync(this SandboxHost sandbox, HttpMethod method, string path, string? json = null, string? authorization = Bearer) =>
        sandbox.CallAsync(method, "/atlassian" + path, json, "Authorization", authorization);

    public static Task<SandboxResponse> ZoomAsync(this SandboxHost sandbox, HttpMethod method, string path, string? json = null, string? authorization = Bearer) =>
        sandbox.CallAsync(method, "/zoom/v2" + path, json, "Authorization", authorization);

    public static Task<SandboxResponse> RestAsync(this SandboxHost sandbox, HttpMethod method, string app, string path, string? json = null, string? apiKey = Token) =>
        sandbox.CallAsync(method, $"/rest/{app}" + path, json, "X-Api-Key", apiKey);

    /// <summary>A SCIM filter query for one userName, escaped as the connectors send it.</summary>
    public static string UserNameFilter(string userName) => "?filter=" + Uri.EscapeDataString($"userName eq \"{userName}\"");

    /// <summary>Gives Ada accounts everywhere (GitHub "ada-l" in acme, REST app "wiki") and returns the admin answer.</summary>
    public static async Task<JsonElement> SeedAdaAsync(this SandboxHost sandbox)
    {
        var response = await sandbox.AdminAsync(
            HttpMethod.Post,
            "/identity/employees",
            $$"""{"email":"{{Email}}","firstName":"Ada","lastName":"Lovelace","githubUsername":"{{GitHubUser}}","restApps":["wiki"]}""");
        Assert.True(response.Status == HttpStatusCode.OK, response.Text);
        return response.Json;
    }

    /// <summary>The admin view of the one account of <paramref name="system"/> keyed <paramref name="key"/>.</summary>
    public static async Task<JsonElement> AccountAsync(this SandboxHost sandbox, string system, string key = Email)
    {
        var response = await sandbox.AdminAsync(HttpMethod.Get, $"/identity/accounts?system={system}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return Assert.Single(
            response.Json.EnumerateArray(),
            a => string.Equals(a.GetProperty("key").GetString(), key, StringComparison.OrdinalIgnoreCase));
    }

    public static async Task<int> AccountCountAsync(this SandboxHost sandbox, string system) =>
        (await sandbox.AdminAsync(HttpMethod.Get, $"/identity/accounts?system={system}")).Json.GetArrayLength();

    /// <summary>Asserts the admin counters of an account: active flag, deactivations and creations.</summary>
    public static void AssertCounters(JsonElement account, bool active, int deactivations, int creations)
    {
        Assert.Equal(active, account.GetProperty("active").GetBoolean());
        Assert.Equal(deactivations, account.GetProperty("deactivations").GetInt32());
        Assert.Equal(creations, account.GetProperty("creations").GetInt32());
    }

    private static async Task<SandboxResponse> CallAsync(this SandboxHost sandbox, HttpMethod method, string path, string? json, string header, string? value)
    {
        using var request = new HttpRequestMessage(method, path);
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await sandbox.Http.SendAsync(request);
        return new SandboxResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }
}
