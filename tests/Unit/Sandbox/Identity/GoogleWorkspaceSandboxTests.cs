using System.Net;
using Xunit;
using static Integration.Tests.Unit.Sandbox.Identity.IdentityCalls;

namespace Integration.Tests.Unit.Sandbox.Identity;

public sealed class GoogleWorkspaceSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Suspend = """{"suspended":true}""";

    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewUser(string email = "grace@acme.test") =>
        $$"""{"primaryEmail":"{{email}}","name":{"givenName":"Grace","familyName":"Hopper"},"password":"x-Temp-1234"}""";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    public async Task Missing_or_wrong_token_is_401_and_changes_nothing(string? authorization)
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.GoogleAsync(HttpMethod.Patch, $"/users/{Email}", Suspend, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(401, response.Json.GetProperty("error").GetProperty("code").GetInt32());
        AssertCounters(await Sandbox.AccountAsync("google"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Suspending_an_active_user_is_200_with_the_suspended_user()
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.GoogleAsync(HttpMethod.Patch, $"/users/{Email}", Suspend);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Email, response.Json.GetProperty("primaryEmail").GetString());
        Assert.Equal("Ada", response.Json.GetProperty("name").GetProperty("givenName").GetString());
        Assert.True(response.Json.GetProperty("suspended").GetBoolean());
        Assert.Equal("ADMIN", response.Json.GetProperty("suspensionReason").GetString());
        AssertCounters(await Sandbox.AccountAsync("google"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task A_repeated_suspend_by_id_is_200_again_and_counts_one_deactivation()
    {
        await Sandbox.SeedAdaAsync();
        var id = (await Sandbox.AccountAsync("google")).GetProperty("id").GetString();

        await Sandbox.GoogleAsync(HttpMethod.Patch, $"/users/{Email}", Suspend);
        var repeat = await Sandbox.GoogleAsync(HttpMethod.Put, $"/users/{id}", Suspend);

        Assert.Equal(HttpStatusCode.OK, repeat.Status);
        Assert.True(repeat.Json.GetProperty("suspended").GetBoolean());
        AssertCounters(await Sandbox.AccountAsync("google"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task An_unknown_user_is_404_not_found_user_key()
    {
        var response = await Sandbox.GoogleAsync(HttpMethod.Patch, "/users/nobody@acme.test", Suspend);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        var error = response.Json.GetProperty("error");
        Assert.Equal(404, error.GetProperty("code").GetInt32());
        Assert.Equal("Resource Not Found: userKey", error.GetProperty("message").GetString());
        Assert.Equal("notFound", error.GetProperty("errors")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Create_is_200_with_the_user_and_counts_a_creation()
    {
        var response = await Sandbox.GoogleAsync(HttpMethod.Post, "/users", NewUser());

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("grace@acme.test", response.Json.GetProperty("primaryEmail").GetString());
        Assert.False(response.Json.GetProperty("suspended").GetBoolean());
        Assert.Matches("^[0-9]{21}$", response.Json.GetProperty("id").GetString());
        AssertCounters(await Sandbox.AccountAsync("google", "grace@acme.test"), active: true, deactivations: 0, creations: 1);
    }

    [Fact]
    public async Task Creating_an_existing_user_is_409_duplicate_and_the_user_can_then_be_read()
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.GoogleAsync(HttpMethod.Post, "/users", NewUser(Email));
        var read = await Sandbox.GoogleAsync(HttpMethod.Get, $"/users/{Email}");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        var error = response.Json.GetProperty("error");
        Assert.Equal("Entity already exists.", error.GetProperty("message").GetString());
        Assert.Equal("duplicate", error.GetProperty("errors")[0].GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, read.Status);
        AssertCounters(await Sandbox.AccountAsync("google"), active: true, deactivations: 0, creations: 0);
    }
}
