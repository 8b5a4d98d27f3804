using System.Net;
using Xunit;
using static Integration.Tests.Unit.Sandbox.Identity.IdentityCalls;

namespace Integration.Tests.Unit.Sandbox.Identity;

public sealed class GitHubSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Membership = $"/orgs/acme/memberships/{GitHubUser}";
    private const string Member = """{"role":"member"}""";

    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    public async Task Missing_or_wrong_token_is_401_bad_credentials_and_changes_nothing(string? authorization)
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.GitHubAsync(HttpMethod.Delete, Membership, authorization: authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Bad credentials", response.Json.GetProperty("message").GetString());
        AssertCounters(await Sandbox.AccountAsync("github", GitHubUser), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Removing_a_member_is_204_and_the_membership_is_gone()
    {
        await Sandbox.SeedAdaAsync();

        var before = await Sandbox.GitHubAsync(HttpMethod.Get, Membership);
        var delete = await Sandbox.GitHubAsync(HttpMethod.Delete, Membership);
        var after = await Sandbox.GitHubAsync(HttpMethod.Get, Membership);

        Assert.Equal("active", before.Json.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.Equal(HttpStatusCode.NotFound, after.Status);
        var account = await Sandbox.AccountAsync("github", GitHubUser);
        Assert.Equal("acme", account.GetProperty("app").GetString());
        AssertCounters(account, active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task A_repeated_removal_is_404_not_found_and_counts_one_deactivation()
    {
        await Sandbox.SeedAdaAsync();

        await Sandbox.GitHubAsync(HttpMethod.Delete, Membership);
        var repeat = await Sandbox.GitHubAsync(HttpMethod.Delete, Membership);

        Assert.Equal(HttpStatusCode.NotFound, repeat.Status);
        Assert.Equal("Not Found", repeat.Json.GetProperty("message").GetString());
        Assert.True(repeat.Json.TryGetProperty("documentation_url", out _));
        AssertCounters(await Sandbox.AccountAsync("github", GitHubUser), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task Membership_is_per_organisation_so_another_org_does_not_know_the_member()
    {
        await Sandbox.SeedAdaAsync();

        var otherOrg = await Sandbox.GitHubAsync(HttpMethod.Delete, $"/orgs/globex/memberships/{GitHubUser}");
        var unknown = await Sandbox.GitHubAsync(HttpMethod.Delete, "/orgs/acme/memberships/nobody");

        Assert.Equal(HttpStatusCode.NotFound, otherOrg.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        AssertCounters(await Sandbox.AccountAsync("github", GitHubUser), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Adding_a_non_member_is_200_pending_and_counts_a_creation()
    {
        var response = await Sandbox.GitHubAsync(HttpMethod.Put, "/orgs/Acme/memberships/grace-h", Member);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("pending", response.Json.GetProperty("state").GetString());
        Assert.Equal("member", response.Json.GetProperty("role").GetString());
        Assert.Equal("grace-h", response.Json.GetProperty("user").GetProperty("login").GetString());
        Assert.True(response.Json.GetProperty("user").GetProperty("id").GetInt64() > 0);
        var account = await Sandbox.AccountAsync("github", "grace-h");
        AssertCounters(account, active: true, deactivations: 0, creations: 1);
        Assert.True(account.GetProperty("pending").GetBoolean());
    }

    [Fact]
    public async Task Adding_an_existing_member_is_200_active_and_creates_nothing()
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.GitHubAsync(HttpMethod.Put, Membership, Member);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("active", response.Json.GetProperty("state").GetString());
        AssertCounters(await Sandbox.AccountAsync("github", GitHubUser), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Re_adding_a_removed_member_is_a_new_invitation()
    {
        await Sandbox.SeedAdaAsync();
        await Sandbox.GitHubAsync(HttpMethod.Delete, Membership);

        var response = await Sandbox.GitHubAsync(HttpMethod.Put, Membership, Member);

        Assert.Equal("pending", response.Json.GetProperty("state").GetString());
        AssertCounters(await Sandbox.AccountAsync("github", GitHubUser), active: true, deactivations: 1, creations: 1);
    }

    [Fact]
    public async Task An_unknown_role_is_422_validation_failed()
    {
        var response = await Sandbox.GitHubAsync(HttpMethod.Put, "/orgs/acme/memberships/grace-h", """{"role":"owner"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("Validation Failed", response.Json.GetProperty("message").GetString());
        Assert.Equal(0, await Sandbox.AccountCountAsync("github"));
    }
}
