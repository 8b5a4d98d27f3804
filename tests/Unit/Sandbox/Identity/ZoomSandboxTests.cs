using System.Net;
using Xunit;
using static Integration.Tests.Unit.Sandbox.Identity.IdentityCalls;

namespace Integration.Tests.Unit.Sandbox.Identity;

public sealed class ZoomSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Deactivate = """{"action":"deactivate"}""";

    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewUser(string email = "grace@acme.test") =>
        $$$"""{"action":"create","user_info":{"email":"{{{email}}}","type":1,"first_name":"Grace","last_name":"Hopper"}}""";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    public async Task Missing_or_wrong_token_is_401_code_124_and_changes_nothing(string? authorization)
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.ZoomAsync(HttpMethod.Put, $"/users/{Email}/status", Deactivate, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(124, response.Json.GetProperty("code").GetInt32());
        AssertCounters(await Sandbox.AccountAsync("zoom"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Get_by_email_then_deactivate_by_id_is_204_and_the_user_is_inactive()
    {
        await Sandbox.SeedAdaAsync();

        var user = await Sandbox.ZoomAsync(HttpMethod.Get, $"/users/{Email}");
        var id = user.Json.GetProperty("id").GetString();
        var deactivate = await Sandbox.ZoomAsync(HttpMethod.Put, $"/users/{id}/status", Deactivate);
        var after = await Sandbox.ZoomAsync(HttpMethod.Get, $"/users/{id}");

        Assert.Equal("active", user.Json.GetProperty("status").GetString());
        Assert.Equal("Ada", user.Json.GetProperty("first_name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deactivate.Status);
        Assert.Equal("inactive", after.Json.GetProperty("status").GetString());
        AssertCounters(await Sandbox.AccountAsync("zoom"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task A_repeated_deactivate_shows_inactive_and_counts_one_deactivation()
    {
        await Sandbox.SeedAdaAsync();

        await Sandbox.ZoomAsync(HttpMethod.Put, $"/users/{Email}/status", Deactivate);
        var read = await Sandbox.ZoomAsync(HttpMethod.Get, $"/users/{Email}");
        var repeat = await Sandbox.ZoomAsync(HttpMethod.Put, $"/users/{Email}/status", Deactivate);

        Assert.Equal("inactive", read.Json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, repeat.Status);
        AssertCounters(await Sandbox.AccountAsync("zoom"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task An_unknown_user_is_404_code_1001()
    {
        var get = await Sandbox.ZoomAsync(HttpMethod.Get, "/users/nobody@acme.test");
        var status = await Sandbox.ZoomAsync(HttpMethod.Put, "/users/nobody@acme.test/status", Deactivate);

        Assert.Equal(HttpStatusCode.NotFound, get.Status);
        Assert.Equal(1001, get.Json.GetProperty("code").GetInt32());
        Assert.Equal("User does not exist: nobody@acme.test.", get.Json.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, status.Status);
    }

    [Fact]
    public async Task Create_is_201_and_leaves_an_invited_user_pending()
    {
        var response = await Sandbox.ZoomAsync(HttpMethod.Post, "/users", NewUser());
        var read = await Sandbox.ZoomAsync(HttpMethod.Get, "/users/grace@acme.test");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("grace@acme.test", response.Json.GetProperty("email").GetString());
        Assert.Equal(1, response.Json.GetProperty("type").GetInt32());
        Assert.Equal(response.Json.GetProperty("id").GetString(), read.Json.GetProperty("id").GetString());
        Assert.Equal("pending", read.Json.GetProperty("status").GetString());
        AssertCounters(await Sandbox.AccountAsync("zoom", "grace@acme.test"), active: true, deactivations: 0, creations: 1);
    }

    [Fact]
    public async Task Creating_an_existing_user_is_409_code_1005_and_the_user_can_then_be_read()
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.ZoomAsync(HttpMethod.Post, "/users", NewUser(Email));
        var read = await Sandbox.ZoomAsync(HttpMethod.Get, $"/users/{Email}");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal(1005, response.Json.GetProperty("code").GetInt32());
        Assert.Equal($"User already in the account: {Email}.", response.Json.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, read.Status);
        AssertCounters(await Sandbox.AccountAsync("zoom"), active: true, deactivations: 0, creations: 0);
    }
}
