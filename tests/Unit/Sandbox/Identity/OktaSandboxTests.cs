using System.Net;
using Xunit;
using static Integration.Tests.Unit.Sandbox.Identity.IdentityCalls;

namespace Integration.Tests.Unit.Sandbox.Identity;

public sealed class OktaSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewUser(string login = "grace@acme.test") =>
        $$$"""{"profile":{"firstName":"Grace","lastName":"Hopper","email":"{{{login}}}","login":"{{{login}}}"}}""";

    [Theory]
    [InlineData(null)]
    [InlineData("SSWS wrong-token")]
    [InlineData("Bearer sandbox-identity-token")]
    public async Task Missing_or_wrong_token_is_401_e0000011_and_changes_nothing(string? authorization)
    {
        await Sandbox.SeedAdaAsync();
        var id = (await Sandbox.AccountAsync("okta")).GetProperty("id").GetString();

        var response = await Sandbox.OktaAsync(HttpMethod.Post, $"/users/{id}/lifecycle/deactivate?sendEmail=false", authorization: authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("E0000011", response.Json.GetProperty("errorCode").GetString());
        AssertCounters(await Sandbox.AccountAsync("okta"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Get_by_login_then_deactivate_by_id_is_200_with_no_body_and_leaves_the_user_deprovisioned()
    {
        await Sandbox.SeedAdaAsync();

        var user = await Sandbox.OktaAsync(HttpMethod.Get, $"/users/{Email}");
        var id = user.Json.GetProperty("id").GetString();
        var deactivate = await Sandbox.OktaAsync(HttpMethod.Post, $"/users/{id}/lifecycle/deactivate?sendEmail=false");
        var after = await Sandbox.OktaAsync(HttpMethod.Get, $"/users/{id}");

        Assert.Equal("ACTIVE", user.Json.GetProperty("status").GetString());
        Assert.Equal(Email, user.Json.GetProperty("profile").GetProperty("login").GetString());
        Assert.StartsWith("00u", id);
        Assert.Equal(HttpStatusCode.OK, deactivate.Status);
        Assert.Equal(string.Empty, deactivate.Text);
        Assert.Equal("DEPROVISIONED", after.Json.GetProperty("status").GetString());
        AssertCounters(await Sandbox.AccountAsync("okta"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task Deactivating_a_deprovisioned_user_is_404_e0000007_and_changes_nothing()
    {
        await Sandbox.SeedAdaAsync();
        var id = (await Sandbox.AccountAsync("okta")).GetProperty("id").GetString();
        await Sandbox.OktaAsync(HttpMethod.Post, $"/users/{id}/lifecycle/deactivate?sendEmail=false");

        var repeat = await Sandbox.OktaAsync(HttpMethod.Post, $"/users/{id}/lifecycle/deactivate?sendEmail=false");

        Assert.Equal(HttpStatusCode.NotFound, repeat.Status);
        Assert.Equal("E0000007", repeat.Json.GetProperty("errorCode").GetString());
        Assert.Equal(0, repeat.Json.GetProperty("errorCauses").GetArrayLength());
        AssertCounters(await Sandbox.AccountAsync("okta"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task An_unknown_user_is_404_e0000007_naming_it()
    {
        var get = await Sandbox.OktaAsync(HttpMethod.Get, "/users/nobody@acme.test");
        var deactivate = await Sandbox.OktaAsync(HttpMethod.Post, "/users/00u00000000000000099/lifecycle/deactivate?sendEmail=false");

        Assert.Equal(HttpStatusCode.NotFound, get.Status);
        Assert.Equal("E0000007", get.Json.GetProperty("errorCode").GetString());
        Assert.Equal("Not found: Resource not found: nobody@acme.test (User)", get.Json.GetProperty("errorSummary").GetString());
        Assert.Equal(HttpStatusCode.NotFound, deactivate.Status);
    }

    [Fact]
    public async Task Create_with_activate_is_200_with_an_active_user_and_counts_a_creation()
    {
        var response = await Sandbox.OktaAsync(HttpMethod.Post, "/users?activate=true", NewUser());

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("ACTIVE", response.Json.GetProperty("status").GetString());
        Assert.Equal("grace@acme.test", response.Json.GetProperty("profile").GetProperty("login").GetString());
        Assert.Equal("Hopper", response.Json.GetProperty("profile").GetProperty("lastName").GetString());
        AssertCounters(await Sandbox.AccountAsync("okta", "grace@acme.test"), active: true, deactivations: 0, creations: 1);
    }

    [Fact]
    public async Task Creating_an_existing_login_is_400_e0000001_and_the_user_can_then_be_read()
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.OktaAsync(HttpMethod.Post, "/users?activate=true", NewUser(Email));
        var read = await Sandbox.OktaAsync(HttpMethod.Get, $"/users/{Email}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("E0000001", response.Json.GetProperty("errorCode").GetString());
        Assert.Equal("Api validation failed: login", response.Json.GetProperty("errorSummary").GetString());
        var cause = Assert.Single(response.Json.GetProperty("errorCauses").EnumerateArray());
        Assert.Equal("login: An object with this field already exists in the current organization", cause.GetProperty("errorSummary").GetString());
        Assert.Equal(HttpStatusCode.OK, read.Status);
        AssertCounters(await Sandbox.AccountAsync("okta"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task A_staged_user_can_be_deactivated_once()
    {
        var created = await Sandbox.OktaAsync(HttpMethod.Post, "/users?activate=false", NewUser());
        var id = created.Json.GetProperty("id").GetString();

        var first = await Sandbox.OktaAsync(HttpMethod.Post, $"/users/{id}/lifecycle/deactivate");
        var second = await Sandbox.OktaAsync(HttpMethod.Post, $"/users/{id}/lifecycle/deactivate");

        Assert.Equal("STAGED", created.Json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.NotFound, second.Status);
        AssertCounters(await Sandbox.AccountAsync("okta", "grace@acme.test"), active: false, deactivations: 1, creations: 1);
    }
}
