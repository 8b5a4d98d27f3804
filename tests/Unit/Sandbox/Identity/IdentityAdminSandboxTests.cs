using System.Net;
using System.Text.Json;
using Xunit;
using static Integration.Tests.Unit.Sandbox.Identity.IdentityCalls;

namespace Integration.Tests.Unit.Sandbox.Identity;

public sealed class IdentityAdminSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string[] Systems(JsonElement accounts) =>
        [.. accounts.EnumerateArray().Select(a => a.GetProperty("system").GetString()!)];

    [Fact]
    public async Task Seeding_an_employee_creates_an_active_account_in_every_system_without_counting_creations()
    {
        var seeded = await Sandbox.SeedAdaAsync();

        Assert.Equal(["graph", "okta", "google", "slack", "github", "atlassian", "zoom", "rest"], Systems(seeded));
        foreach (var account in seeded.EnumerateArray())
        {
            AssertCounters(account, active: true, deactivations: 0, creations: 0);
            Assert.Equal(Email, account.GetProperty("email").GetString());
            Assert.False(string.IsNullOrEmpty(account.GetProperty("id").GetString()));
        }

        var github = seeded.EnumerateArray().Single(a => a.GetProperty("system").GetString() == "github");
        Assert.Equal(GitHubUser, github.GetProperty("key").GetString());
        Assert.Equal("acme", github.GetProperty("app").GetString());
        Assert.False(github.GetProperty("pending").GetBoolean());
        var rest = seeded.EnumerateArray().Single(a => a.GetProperty("system").GetString() == "rest");
        Assert.Equal("wiki", rest.GetProperty("app").GetString());
        Assert.Equal(Email, rest.GetProperty("key").GetString());
        var graph = seeded[0];
        Assert.Equal(JsonValueKind.Null, graph.GetProperty("app").ValueKind);
        Assert.Equal(Email, graph.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Github_org_and_rest_apps_come_from_the_body_and_are_optional()
    {
        var plain = await Sandbox.AdminAsync(HttpMethod.Post, "/identity/employees", """{"email":"grace@acme.test","firstName":"Grace","lastName":"Hopper"}""");
        var org = await Sandbox.AdminAsync(
            HttpMethod.Post,
            "/identity/employees",
            """{"email":"linus@acme.test","firstName":"Linus","lastName":"T","githubUsername":"linus","githubOrg":"globex","restApps":["wiki","crm"]}""");

        Assert.Equal(["graph", "okta", "google", "slack", "atlassian", "zoom"], Systems(plain.Json));
        Assert.Equal(["graph", "okta", "google", "slack", "github", "atlassian", "zoom", "rest", "rest"], Systems(org.Json));
        Assert.Equal(HttpStatusCode.NoContent, (await Sandbox.GitHubAsync(HttpMethod.Delete, "/orgs/globex/memberships/linus")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Sandbox.RestAsync(HttpMethod.Post, "crm", "/users/linus@acme.test/deactivate")).Status);
    }

    [Fact]
    public async Task Seeding_again_leaves_existing_accounts_as_they_are()
    {
        var first = await Sandbox.SeedAdaAsync();
        await Sandbox.OktaAsync(HttpMethod.Post, $"/users/{Email}/lifecycle/deactivate");

        var second = await Sandbox.SeedAdaAsync();

        Assert.Equal(
            first.EnumerateArray().Select(a => a.GetProperty("id").GetString()),
            second.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        AssertCounters(await Sandbox.AccountAsync("okta"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task Accounts_filter_by_email_system_kind_and_app()
    {
        await Sandbox.SeedAdaAsync();
        await Sandbox.AdminAsync(HttpMethod.Post, "/identity/employees", """{"email":"grace@acme.test","firstName":"Grace","lastName":"Hopper","restApps":["crm"]}""");

        var ada = (await Sandbox.AdminAsync(HttpMethod.Get, $"/identity/accounts?email={Uri.EscapeDataString("ADA@acme.test")}")).Json;
        var okta = (await Sandbox.AdminAsync(HttpMethod.Get, "/identity/accounts?system=okta")).Json;
        var google = (await Sandbox.AdminAsync(HttpMethod.Get, "/identity/accounts?system=google-workspace")).Json;
        var crm = (await Sandbox.AdminAsync(HttpMethod.Get, "/identity/accounts?system=rest&app=crm")).Json;
        var all = (await Sandbox.AdminAsync(HttpMethod.Get, "/identity/accounts")).Json;

        Assert.Equal(8, ada.GetArrayLength());
        Assert.Equal(["okta", "okta"], Systems(okta));
        Assert.Equal(["google", "google"], Systems(google));
        Assert.Equal("grace@acme.test", Assert.Single(crm.EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal(15, all.GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_or_non_identity_system_is_400_problem_json()
    {
        var unknown = await Sandbox.AdminAsync(HttpMethod.Get, "/identity/accounts?system=salesforce");
        var hubSpot = await Sandbox.AdminAsync(HttpMethod.Get, "/identity/accounts?system=hubspot");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("application/problem+json", unknown.MediaType);
        Assert.Contains("salesforce", unknown.Json.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, hubSpot.Status);
    }

    [Theory]
    [InlineData("""{"firstName":"Ada","lastName":"Lovelace"}""", "email")]
    [InlineData("""{"email":"not-an-address","firstName":"Ada","lastName":"Lovelace"}""", "email")]
    [InlineData("""{"email":"ada@acme.test","firstName":"Ada"}""", "lastName")]
    [InlineData("""{"email":"ada@acme.test","firstName":"Ada","lastName":"L","githubUsername":7}""", "githubUsername")]
    [InlineData("""{"email":"ada@acme.test","firstName":"Ada","lastName":"L","restApps":"wiki"}""", "restApps")]
    [InlineData("""{"email":"ada@acme.test","firstName":"Ada","lastName":"L","restApps":["a/b"]}""", "restApps")]
    [InlineData("not json", "")]
    public async Task An_invalid_employee_is_400_problem_json_and_seeds_nothing(string body, string mentioned)
    {
        var response = await Sandbox.AdminAsync(HttpMethod.Post, "/identity/employees", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains(mentioned, response.Json.GetProperty("detail").GetString());
        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/identity/accounts")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Reset_clears_identity_accounts()
    {
        await Sandbox.SeedAdaAsync();

        await Sandbox.ResetAsync();

        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/identity/accounts")).Json.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await Sandbox.OktaAsync(HttpMethod.Get, $"/users/{Email}")).Status);
    }

    [Fact]
    public async Task The_identity_token_comes_from_configuration()
    {
        await using var sandbox = await SandboxHost.StartAsync(new Dictionary<string, string?> { ["Sandbox:Identity:Token"] = "custom-identity" });
        await sandbox.SeedAdaAsync();

        var defaultToken = await sandbox.OktaAsync(HttpMethod.Get, $"/users/{Email}");
        var custom = await sandbox.OktaAsync(HttpMethod.Get, $"/users/{Email}", authorization: "SSWS custom-identity");
        var rest = await sandbox.RestAsync(HttpMethod.Get, "wiki", $"/users/{Email}", apiKey: "custom-identity");

        Assert.Equal(HttpStatusCode.Unauthorized, defaultToken.Status);
        Assert.Equal(HttpStatusCode.OK, custom.Status);
        Assert.Equal(HttpStatusCode.OK, rest.Status);
    }
}
