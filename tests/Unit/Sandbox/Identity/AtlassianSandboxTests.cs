using System.Net;
using System.Text.Json;
using Xunit;
using static Integration.Tests.Unit.Sandbox.Identity.IdentityCalls;

namespace Integration.Tests.Unit.Sandbox.Identity;

public sealed class AtlassianSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Users = "/scim/directory/dir-1/Users";
    private const string Extension = "urn:scim:schemas:extension:atlassian-external:1.0";
    private const string Disable = """{"message":"Offboarded"}""";

    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewUser(string userName = "grace@acme.test") =>
        $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","name":{"givenName":"Grace","familyName":"Hopper"},"emails":[{"value":"{{userName}}","primary":true}],"active":true}""";

    private static string AccountIdOf(JsonElement user) => user.GetProperty(Extension).GetProperty("atlassianAccountId").GetString()!;

    private async Task<string> AccountIdAsync()
    {
        var found = await Sandbox.AtlassianAsync(HttpMethod.Get, Users + UserNameFilter(Email));
        return AccountIdOf(Assert.Single(found.Json.GetProperty("Resources").EnumerateArray()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    public async Task Missing_or_wrong_token_is_401_and_changes_nothing(string? authorization)
    {
        await Sandbox.SeedAdaAsync();
        var accountId = await AccountIdAsync();

        var response = await Sandbox.AtlassianAsync(HttpMethod.Post, $"/users/{accountId}/manage/lifecycle/disable", Disable, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(401, response.Json.GetProperty("code").GetInt32());
        AssertCounters(await Sandbox.AccountAsync("atlassian"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task The_filter_gives_the_account_id_and_disabling_it_is_204()
    {
        await Sandbox.SeedAdaAsync();

        var found = await Sandbox.AtlassianAsync(HttpMethod.Get, Users + UserNameFilter(Email));
        var user = Assert.Single(found.Json.GetProperty("Resources").EnumerateArray());
        var disable = await Sandbox.AtlassianAsync(HttpMethod.Post, $"/users/{AccountIdOf(user)}/manage/lifecycle/disable", Disable);

        Assert.Contains(Extension, user.GetProperty("schemas").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(Email, user.GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.NoContent, disable.Status);
        var account = await Sandbox.AccountAsync("atlassian");
        Assert.Equal(AccountIdOf(user), account.GetProperty("atlassianAccountId").GetString());
        AssertCounters(account, active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task Disabling_a_disabled_account_is_204_again_and_counts_one_deactivation()
    {
        await Sandbox.SeedAdaAsync();
        var accountId = await AccountIdAsync();

        await Sandbox.AtlassianAsync(HttpMethod.Post, $"/users/{accountId}/manage/lifecycle/disable", Disable);
        var repeat = await Sandbox.AtlassianAsync(HttpMethod.Post, $"/users/{accountId}/manage/lifecycle/disable");

        Assert.Equal(HttpStatusCode.NoContent, repeat.Status);
        AssertCounters(await Sandbox.AccountAsync("atlassian"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task An_unknown_user_is_an_empty_list_and_the_lifecycle_route_takes_only_account_ids()
    {
        await Sandbox.SeedAdaAsync();
        var scimId = (await Sandbox.AccountAsync("atlassian")).GetProperty("id").GetString();

        var found = await Sandbox.AtlassianAsync(HttpMethod.Get, Users + UserNameFilter("nobody@acme.test"));
        var byScimId = await Sandbox.AtlassianAsync(HttpMethod.Post, $"/users/{scimId}/manage/lifecycle/disable", Disable);
        var byEmail = await Sandbox.AtlassianAsync(HttpMethod.Post, $"/users/{Email}/manage/lifecycle/disable", Disable);

        Assert.Equal(0, found.Json.GetProperty("totalResults").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, byScimId.Status);
        Assert.Equal(404, byScimId.Json.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, byEmail.Status);
        AssertCounters(await Sandbox.AccountAsync("atlassian"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Create_is_201_with_the_extension_and_counts_a_creation()
    {
        var response = await Sandbox.AtlassianAsync(HttpMethod.Post, Users, NewUser());

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("grace@acme.test", response.Json.GetProperty("userName").GetString());
        Assert.False(string.IsNullOrEmpty(AccountIdOf(response.Json)));
        AssertCounters(await Sandbox.AccountAsync("atlassian", "grace@acme.test"), active: true, deactivations: 0, creations: 1);
    }

    [Fact]
    public async Task Creating_an_existing_user_is_409_in_any_directory_and_the_filter_then_finds_it()
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.AtlassianAsync(HttpMethod.Post, "/scim/directory/another-dir/Users", NewUser(Email));
        var found = await Sandbox.AtlassianAsync(HttpMethod.Get, Users + UserNameFilter(Email));

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("409", response.Json.GetProperty("status").GetString());
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", response.Json.GetProperty("schemas")[0].GetString());
        Assert.Equal(1, found.Json.GetProperty("totalResults").GetInt32());
        AssertCounters(await Sandbox.AccountAsync("atlassian"), active: true, deactivations: 0, creations: 0);
    }
}
