using System.Net;
using Xunit;
using static Integration.Tests.Unit.Sandbox.Identity.IdentityCalls;

namespace Integration.Tests.Unit.Sandbox.Identity;

public sealed class SlackScimSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewUser(string userName = "grace@acme.test") =>
        $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","name":{"givenName":"Grace","familyName":"Hopper"},"emails":[{"value":"{{userName}}","primary":true}],"active":true}""";

    private async Task<string> SlackIdAsync() => (await Sandbox.AccountAsync("slack")).GetProperty("id").GetString()!;

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    public async Task Missing_or_wrong_token_is_401_scim_error_and_changes_nothing(string? authorization)
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.SlackAsync(HttpMethod.Delete, $"/Users/{await SlackIdAsync()}", authorization: authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", response.Json.GetProperty("schemas")[0].GetString());
        Assert.Equal("401", response.Json.GetProperty("status").GetString());
        AssertCounters(await Sandbox.AccountAsync("slack"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Filter_finds_the_active_user_and_delete_by_id_is_204_and_deactivates()
    {
        await Sandbox.SeedAdaAsync();

        var found = await Sandbox.SlackAsync(HttpMethod.Get, "/Users" + UserNameFilter(Email));
        var user = Assert.Single(found.Json.GetProperty("Resources").EnumerateArray());
        var delete = await Sandbox.SlackAsync(HttpMethod.Delete, $"/Users/{user.GetProperty("id").GetString()}");
        var after = await Sandbox.SlackAsync(HttpMethod.Get, "/Users" + UserNameFilter(Email));

        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", found.Json.GetProperty("schemas")[0].GetString());
        Assert.Equal(1, found.Json.GetProperty("totalResults").GetInt32());
        Assert.Equal(1, found.Json.GetProperty("startIndex").GetInt32());
        Assert.True(user.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.False(after.Json.GetProperty("Resources")[0].GetProperty("active").GetBoolean());
        AssertCounters(await Sandbox.AccountAsync("slack"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task A_repeated_delete_is_204_again_and_counts_one_deactivation()
    {
        await Sandbox.SeedAdaAsync();
        var id = await SlackIdAsync();

        await Sandbox.SlackAsync(HttpMethod.Delete, $"/Users/{id}");
        var repeat = await Sandbox.SlackAsync(HttpMethod.Delete, $"/Users/{id}");

        Assert.Equal(HttpStatusCode.NoContent, repeat.Status);
        AssertCounters(await Sandbox.AccountAsync("slack"), active: false, deactivations: 1, creations: 0);
    }

    [Fact]
    public async Task An_unknown_user_is_an_empty_list_and_a_404_by_id_or_by_email()
    {
        await Sandbox.SeedAdaAsync();

        var found = await Sandbox.SlackAsync(HttpMethod.Get, "/Users" + UserNameFilter("nobody@acme.test"));
        var byId = await Sandbox.SlackAsync(HttpMethod.Delete, "/Users/U9999999999");
        var byEmail = await Sandbox.SlackAsync(HttpMethod.Delete, $"/Users/{Email}"); // SCIM addresses users by id only

        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal(0, found.Json.GetProperty("totalResults").GetInt32());
        Assert.Equal(0, found.Json.GetProperty("Resources").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, byId.Status);
        Assert.Equal("404", byId.Json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, byEmail.Status);
        AssertCounters(await Sandbox.AccountAsync("slack"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task Create_is_201_with_the_user_and_counts_a_creation()
    {
        var response = await Sandbox.SlackAsync(HttpMethod.Post, "/Users", NewUser());

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.StartsWith("U", response.Json.GetProperty("id").GetString());
        Assert.Equal("grace@acme.test", response.Json.GetProperty("userName").GetString());
        Assert.Equal("Hopper", response.Json.GetProperty("name").GetProperty("familyName").GetString());
        Assert.True(response.Json.GetProperty("active").GetBoolean());
        AssertCounters(await Sandbox.AccountAsync("slack", "grace@acme.test"), active: true, deactivations: 0, creations: 1);
    }

    [Fact]
    public async Task Creating_an_existing_user_name_is_409_and_the_filter_then_finds_it()
    {
        await Sandbox.SeedAdaAsync();

        var response = await Sandbox.SlackAsync(HttpMethod.Post, "/Users", NewUser(Email));
        var found = await Sandbox.SlackAsync(HttpMethod.Get, "/Users" + UserNameFilter(Email));

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("409", response.Json.GetProperty("status").GetString());
        Assert.Equal("userName already exists", response.Json.GetProperty("detail").GetString());
        Assert.Equal(1, found.Json.GetProperty("totalResults").GetInt32());
        AssertCounters(await Sandbox.AccountAsync("slack"), active: true, deactivations: 0, creations: 0);
    }

    [Fact]
    public async Task An_unsupported_filter_is_400_invalid_filter()
    {
        var response = await Sandbox.SlackAsync(HttpMethod.Get, "/Users?filter=" + Uri.EscapeDataString("emails co \"acme\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalidFilter", response.Json.GetProperty("scimType").GetString());
    }
}
