using System.Net;
using Xunit;
using static Integration.Tests.Unit.Sandbox.Identity.IdentityCalls;

namespace Integration.Tests.Unit.Sandbox.Identity;

public sealed class GraphSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Disable = """{"accountEnabled":false}""";

    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewUser(string upn = "grace@acme.test") =>
        $$$"""{"accountEnabled":true,"displayName":"Grace Hopper","mailNickname":"grace","userPrincipalName":"{{{upn}}}","passwordProfile":{"forceChangePasswordNextSignIn":true,"password":"x-Temp-1234"}}""";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("SSWS sandbox-identity-token")]
    public async Task Missing_or_wrong_token_is_401_invalid_authentication_token_and_changes_nothing(string? authorization)
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.GraphAsync(HttpMethod.Patch, $"/users/{Email}", Disable, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("InvalidAuthenticationToken", response.Json.GetProperty("error").GetProperty("code").GetString());
        AssertCounters(await Sandbox.AccountAsync("graph"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Disabling_an_enabled_user_is_204_and_revoking_sessions_answers_value_true()
    {
        await Sandbox.SeedAdaAsync();

        var patch = await Sandbox.GraphAsync(HttpMethod.Patch, $"/users/{Email}", Disable);
        var sessions = await Sandbox.GraphAsync(HttpMethod.Post, $"/users/{Email}/revokeSignInSessions");
        var user = await Sandbox.GraphAsync(HttpMethod.Get, $"/users/{Email}");

        Assert.Equal(HttpStatusCode.NoContent, patch.Status);
        Assert.Equal(HttpStatusCode.OK, sessions.Status);
        Assert.True(sessions.Json.GetProperty("value").GetBoolean());
        Assert.False(user.Json.GetProperty("accountEnabled").GetBoolean());
        var account = await Sandbox.AccountAsync("graph");
        AssertCounters(account, active: false, deactivations: 1, creations: 0);
        Assert.Equal(1, account.GetProperty("sessionRevocations").GetInt32());
    }

    [Fact]
    public async Task A_repeated_disable_is_204_again_and_counts_one_deactivation()
    {
        await Sandbox.SeedAdaAsync();
        var id = (await Sandbox.AccountAsync("graph")).GetProperty("id").GetString();

        await Sandbox.GraphAsync(HttpMethod.Patch, $"/users/{Email}", Disable);
        var repeat = await Sandbox.GraphAsync(HttpMethod.Patch, $"/users/{id}", Disable);

        Assert.Equal(HttpStatusCode.NoContent, repeat.Status);
        AssertCounters(await Sandbox.AccountAsync("graph"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task An_unknown_user_is_404_request_resource_not_found_for_every_route()
    {
        var patch = await Sandbox.GraphAsync(HttpMethod.Patch, "/users/nobody@acme.test", Disable);
        var sessions = await Sandbox.GraphAsync(HttpMethod.Post, "/users/nobody@acme.test/revokeSignInSessions");
        var get = await Sandbox.GraphAsync(HttpMethod.Get, "/users/nobody@acme.test");

        foreach (var response in new[] { patch, sessions, get })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
            Assert.Equal("Request_ResourceNotFound", response.Json.GetProperty("error").GetProperty("code").GetString());
        }

        Assert.Contains("nobody@acme.test", patch.Json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_is_201_with_the_user_and_counts_a_creation()
    {
        var response = await Sandbox.GraphAsync(HttpMethod.Post, "/users", NewUser());

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.True(Guid.TryParse(response.Json.GetProperty("id").GetString(), out _));
        Assert.Equal("grace@acme.test", response.Json.GetProperty("userPrincipalName").GetString());
        Assert.Equal("Grace Hopper", response.Json.GetProperty("displayName").GetString());
        Assert.True(response.Json.GetProperty("accountEnabled").GetBoolean());
        AssertCounters(await Sandbox.AccountAsync("graph", "grace@acme.test"), active: true, deactivations: 0, creations: 1);
    }

    [Fact]
    public async Task Creating_an_existing_upn_is_400_request_bad_request_and_the_user_can_then_be_read()
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.GraphAsync(HttpMethod.Post, "/users", NewUser(Email.ToUpperInvariant()));
        var read = await Sandbox.GraphAsync(HttpMethod.Get, $"/users/{Email}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = response.Json.GetProperty("error");
        Assert.Equal("Request_BadRequest", error.GetProperty("code").GetString());
        Assert.Equal("Another object with the same value for property userPrincipalName already exists.", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(Email, read.Json.GetProperty("userPrincipalName").GetString());
        AssertCounters(await Sandbox.AccountAsync("graph"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Create_without_a_required_property_is_400_naming_it()
    {
        var response = await Sandbox.GraphAsync(HttpMethod.Post, "/users", """{"accountEnabled":true,"displayName":"G","mailNickname":"g","userPrincipalName":"g@acme.test"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("passwordProfile", response.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(0, await Sandbox.AccountCountAsync("graph"));
    }
}
