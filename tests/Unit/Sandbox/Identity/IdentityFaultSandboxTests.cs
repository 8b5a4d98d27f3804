using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit;
using static Integration.Tests.Unit.Sandbox.Identity.IdentityCalls;

namespace Integration.Tests.Unit.Sandbox.Identity;

public sealed class IdentityFaultSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The revocation call a connector makes for Ada in <paramref name="system"/>, addressed as that vendor wants.</summary>
    private async Task<SandboxResponse> RevokeAsync(string system)
    {
        var account = await Sandbox.AccountAsync(system, system == "github" ? GitHubUser : Email);
        var id = account.GetProperty("id").GetString();
        return system switch
        {
            "graph" => await Sandbox.GraphAsync(HttpMethod.Patch, $"/users/{Email}", """{"accountEnabled":false}"""),
            "okta" => await Sandbox.OktaAsync(HttpMethod.Post, $"/users/{id}/lifecycle/deactivate?sendEmail=false"),
            "google" => await Sandbox.GoogleAsync(HttpMethod.Patch, $"/users/{Email}", """{"suspended":true}"""),
            "slack" => await Sandbox.SlackAsync(HttpMethod.Delete, $"/Users/{id}"),
            "github" => await Sandbox.GitHubAsync(HttpMethod.Delete, $"/orgs/acme/memberships/{GitHubUser}"),
            "atlassian" => await Sandbox.AtlassianAsync(
                HttpMethod.Post, $"/users/{account.GetProperty("atlassianAccountId").GetString()}/manage/lifecycle/disable", "{}"),
            "zoom" => await Sandbox.ZoomAsync(HttpMethod.Put, $"/users/{id}/status", """{"action":"deactivate"}"""),
            "rest" => await Sandbox.RestAsync(HttpMethod.Post, "wiki", $"/users/{Email}/deactivate"),
            _ => throw new ArgumentOutOfRangeException(nameof(system)),
        };
    }

    /// <summary>The text at a dotted path such as "error.errors.0.reason" (numbers index arrays).</summary>
    private static string? At(JsonElement json, string path)
    {
        foreach (var part in path.Split('.'))
        {
            json = int.TryParse(part, out var index) ? json[index] : json.GetProperty(part);
        }

        return json.ValueKind == JsonValueKind.String ? json.GetString() : json.GetRawText();
    }

    [Theory]
    [InlineData("graph", "error.code", "Authorization_RequestDenied")]
    [InlineData("okta", "errorCode", "E0000006")]
    [InlineData("google", "error.errors.0.reason", "forbidden")]
    [InlineData("slack", "detail", "not_allowed")]
    [InlineData("github", "message", "Must have admin rights to Organization.")]
    [InlineData("atlassian", "message", "The account is not managed by your organization.")]
    [InlineData("zoom", "code", "200")]
    [InlineData("rest", "error", "forbidden")]
    public async Task Rate403_answers_the_vendor_403_body_and_revokes_nothing(string system, string path, string expected)
    {
        await Sandbox.SeedAdaAsync();
        await Sandbox.SetFaultsAsync(system, """{"rate403":1}""");

        var response = await RevokeAsync(system);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal(expected, At(response.Json, path));
        AssertCounters(await Sandbox.AccountAsync(system, system == "github" ? GitHubUser : Email), active: true, deactivations: 0, creations: 0);
        var counters = (await Sandbox.AdminAsync(HttpMethod.Get, "/requests")).Json.GetProperty(system);
        Assert.Equal(1, counters.GetProperty("faulted").GetInt64());
    }

    [Theory]
    [InlineData("graph", "error.code", "TooManyRequests")]
    [InlineData("okta", "errorCode", "E0000047")]
    [InlineData("google", "error.errors.0.reason", "rateLimitExceeded")]
    [InlineData("slack", "status", "429")]
    [InlineData("github", "message", "rate limited (injected by the sandbox)")]
    [InlineData("atlassian", "code", "429")]
    [InlineData("zoom", "code", "429")]
    [InlineData("rest", "error", "rate limited (injected by the sandbox)")]
    public async Task Rate429_answers_429_with_retry_after_and_the_vendor_error_shape(string system, string path, string expected)
    {
        await Sandbox.SeedAdaAsync();
        await Sandbox.SetFaultsAsync(system, """{"rate429":1,"retryAfterSeconds":4}""");

        var response = await RevokeAsync(system);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
        Assert.Equal(TimeSpan.FromSeconds(4), response.Message.Headers.RetryAfter?.Delta);
        Assert.Equal(expected, At(response.Json, path));
        AssertCounters(await Sandbox.AccountAsync(system, system == "github" ? GitHubUser : Email), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Rate500_answers_the_vendor_500_before_processing()
    {
        await Sandbox.SeedAdaAsync();
        await Sandbox.SetFaultsAsync("okta", """{"rate500":1}""");

        var response = await RevokeAsync("okta");

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal("E0000009", response.Json.GetProperty("errorCode").GetString());
        AssertCounters(await Sandbox.AccountAsync("okta"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task A_lost_okta_deactivation_took_effect_so_its_retry_is_404_and_the_user_reads_deprovisioned()
    {
        await Sandbox.SeedAdaAsync();
        await Sandbox.SetFaultsAsync("okta", """{"rate500AfterProcessing":1}""");

        var lost = await RevokeAsync("okta");
        await Sandbox.SetFaultsAsync("okta", "{}");
        var retry = await RevokeAsync("okta");
        var user = await Sandbox.OktaAsync(HttpMethod.Get, $"/users/{Email}");

        Assert.Equal(HttpStatusCode.InternalServerError, lost.Status);
        Assert.Equal(HttpStatusCode.NotFound, retry.Status);
        Assert.Equal("DEPROVISIONED", user.Json.GetProperty("status").GetString());
        AssertCounters(await Sandbox.AccountAsync("okta"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task Timeout_hangs_then_answers_504_in_the_vendor_shape()
    {
        await Sandbox.SeedAdaAsync();
        await Sandbox.SetFaultsAsync("zoom", """{"rateTimeout":1,"timeoutMs":200}""");

        var watch = Stopwatch.StartNew();
        var response = await RevokeAsync("zoom");
        watch.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.Status);
        Assert.Equal(504, response.Json.GetProperty("code").GetInt32());
        Assert.True(watch.ElapsedMilliseconds >= 180, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Requests_are_counted_per_identity_system_including_401s_but_not_admin_calls()
    {
        await Sandbox.SeedAdaAsync();

        await Sandbox.OktaAsync(HttpMethod.Get, $"/users/{Email}");
        await Sandbox.OktaAsync(HttpMethod.Get, $"/users/{Email}", authorization: null);
        await Sandbox.RestAsync(HttpMethod.Get, "wiki", $"/users/{Email}");
        await Sandbox.RestAsync(HttpMethod.Get, "crm", $"/users/{Email}");

        var counters = (await Sandbox.AdminAsync(HttpMethod.Get, "/requests")).Json;
        Assert.Equal(2, counters.GetProperty("okta").GetProperty("total").GetInt64());
        Assert.Equal(2, counters.GetProperty("rest").GetProperty("total").GetInt64());
        Assert.Equal(0, counters.GetProperty("graph").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Every_identity_system_has_fault_settings()
    {
        var faults = (await Sandbox.AdminAsync(HttpMethod.Get, "/faults")).Json;

        foreach (var system in new[] { "graph", "okta", "google", "slack", "github", "atlassian", "zoom", "rest" })
        {
            Assert.Equal(0, faults.GetProperty(system).GetProperty("rate403").GetDouble());
        }
    }
}
