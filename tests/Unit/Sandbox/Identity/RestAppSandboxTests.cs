using System.Net;
using Xunit;
using static Integration.Tests.Unit.Sandbox.Identity.IdentityCalls;

namespace Integration.Tests.Unit.Sandbox.Identity;

public sealed class RestAppSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Missing_or_wrong_api_key_is_401_and_changes_nothing(string? apiKey)
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.RestAsync(HttpMethod.Post, "wiki", $"/users/{Email}/deactivate", apiKey: apiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("unauthorized", response.Json.GetProperty("error").GetString());
        AssertCounters(await Sandbox.AccountAsync("rest"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Deactivating_an_active_user_is_200_deactivated()
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.RestAsync(HttpMethod.Post, "wiki", $"/users/{Email}/deactivate");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("deactivated", response.Json.GetProperty("status").GetString());
        var account = await Sandbox.AccountAsync("rest");
        Assert.Equal("wiki", account.GetProperty("app").GetString());
        AssertCounters(account, active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task A_repeated_deactivate_is_409_already_deactivated_and_counts_one_deactivation()
    {
        await Sandbox.SeedAdaAsync();

        await Sandbox.RestAsync(HttpMethod.Post, "wiki", $"/users/{Email}/deactivate");
        var repeat = await Sandbox.RestAsync(HttpMethod.Post, "wiki", $"/users/{Email}/deactivate");

        Assert.Equal(HttpStatusCode.Conflict, repeat.Status);
        Assert.Equal("already_deactivated", repeat.Json.GetProperty("error").GetString());
        AssertCounters(await Sandbox.AccountAsync("rest"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task An_unknown_user_or_an_app_the_person_is_not_in_is_404_not_found()
    {
        await Sandbox.SeedAdaAsync();

        var unknown = await Sandbox.RestAsync(HttpMethod.Post, "wiki", "/users/nobody@acme.test/deactivate");
        var otherApp = await Sandbox.RestAsync(HttpMethod.Post, "crm", $"/users/{Email}/deactivate");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("not_found", unknown.Json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, otherApp.Status);
    }

    [Fact]
    public async Task Create_is_201_active_and_counts_a_creation()
    {
        var response = await Sandbox.RestAsync(HttpMethod.Post, "crm", "/users", """{"email":"grace@acme.test","name":"Grace Hopper"}""");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("id").GetString()));
        Assert.Equal("grace@acme.test", response.Json.GetProperty("email").GetString());
        Assert.True(response.Json.GetProperty("active").GetBoolean());
        AssertCounters(await Sandbox.AccountAsync("rest", "grace@acme.test"), active: true, deactivations: 0, creations: 1);
    }

    [Fact]
    public async Task Creating_an_existing_user_is_409_exists()
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.RestAsync(HttpMethod.Post, "wiki", "/users", $$"""{"email":"{{Email}}","name":"Ada Lovelace"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("exists", response.Json.GetProperty("error").GetString());
        AssertCounters(await Sandbox.AccountAsync("rest"), active: true, deactivations: 0, creations: 0);
    }
}
