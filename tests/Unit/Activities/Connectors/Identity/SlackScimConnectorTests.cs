using System.Net;
using System.Text.Json;
using Integration.Activities.Connectors.Identity;
using Integration.Orchestrations.Offboarding;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>Slack SCIM v2 wire shapes: userName filter lookup, DELETE to deactivate, create-then-link.</summary>
public sealed class SlackScimConnectorTests
{
    private const string Email = "jane.doe@acme.test";
    private const string FilterUrl = "https://vendor.test/base/scim/v2/Users?filter=userName%20eq%20%22jane.doe%40acme.test%22";

    private readonly FakeVendor vendor = new();

    private SlackScimConnector Connector => new(vendor.Client());

    private static string List(params string[] users) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":{{users.Length}},"itemsPerPage":{{users.Length}},"startIndex":1,"Resources":[{{string.Join(",", users)}}]}""";

    [Fact]
    public async Task Revoke_finds_the_user_by_user_name_and_deletes_it()
    {
        vendor.Answer(HttpStatusCode.OK, List("""{"id":"U1","userName":"jane.doe@acme.test","active":true}""")).Answer(HttpStatusCode.NoContent);

        IdentityRevocation result = await Connector.RevokeAsync("slack", FakeVendor.Target("slack-scim"), Email, FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Revoked, "U1"), (result.Outcome, result.AccountId));
        Assert.Equal(("GET", FilterUrl), (vendor.Requests[0].Method, vendor.Requests[0].Url));
        Assert.Equal(("DELETE", "/base/scim/v2/Users/U1"), (vendor.Requests[1].Method, vendor.Requests[1].Path));
        Assert.All(vendor.Requests, r => Assert.Equal("Bearer sandbox-identity-token", r.Header("Authorization")));
    }

    [Fact]
    public async Task No_match_is_no_account()
    {
        vendor.Answer(HttpStatusCode.OK, List());

        IdentityRevocation result = await Connector.RevokeAsync("slack", FakeVendor.Target("slack-scim"), Email, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.NoAccount, result.Outcome);
        Assert.Single(vendor.Requests);
    }

    [Fact]
    public async Task An_inactive_user_is_already_revoked_and_not_deleted_again()
    {
        vendor.Answer(HttpStatusCode.OK, List("""{"id":"U1","userName":"jane.doe@acme.test","active":false}"""));

        IdentityRevocation result = await Connector.RevokeAsync("slack", FakeVendor.Target("slack-scim"), Email, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.AlreadyRevoked, result.Outcome);
        Assert.Single(vendor.Requests);
    }

    [Fact]
    public async Task The_filter_quotes_the_value_as_a_scim_string()
    {
        vendor.Answer(HttpStatusCode.OK, List());

        await Connector.RevokeAsync("slack", FakeVendor.Target("slack-scim"), "a\"b\\c", FakeVendor.Correlation, default);

        Assert.Equal("userName eq \"a\\\"b\\\\c\"", Uri.UnescapeDataString(new Uri(vendor.Requests[0].Url).Query["?filter=".Length..]));
    }

    [Fact]
    public async Task Create_posts_a_scim_core_user()
    {
        vendor.Answer(HttpStatusCode.Created, """{"id":"U9","userName":"jane.doe@acme.test","active":true}""");

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "slack", FakeVendor.Target("slack-scim"), new NewAccount(Email, "42", "Jane", "Doe", "Jane Doe", null), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Created, "U9"), (result.Outcome, result.AccountId));
        JsonElement body = vendor.Requests[0].Json;
        Assert.Equal(("POST", "/base/scim/v2/Users"), (vendor.Requests[0].Method, vendor.Requests[0].Path));
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:User", body.GetProperty("schemas")[0].GetString());
        Assert.Equal(Email, body.GetProperty("userName").GetString());
        Assert.Equal("Jane", body.GetProperty("name").GetProperty("givenName").GetString());
        Assert.Equal("Doe", body.GetProperty("name").GetProperty("familyName").GetString());
        Assert.Equal(Email, body.GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.True(body.GetProperty("emails")[0].GetProperty("primary").GetBoolean());
        Assert.True(body.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Create_of_a_taken_user_name_looks_it_up_and_links_it()
    {
        vendor.Answer(HttpStatusCode.Conflict, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","detail":"userName already exists"}""")
            .Answer(HttpStatusCode.OK, List("""{"id":"U1","userName":"jane.doe@acme.test","active":true}"""));

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "slack", FakeVendor.Target("slack-scim"), new NewAccount(Email, "42", "Jane", "Doe", "Jane Doe", Email), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Linked, "U1"), (result.Outcome, result.AccountId));
        Assert.Equal(FilterUrl, vendor.Requests[1].Url);
    }

    [Fact]
    public async Task A_403_is_permanent_with_the_scim_detail()
    {
        vendor.Answer(HttpStatusCode.Forbidden, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"403","detail":"not_allowed"}""");

        var failure = await Assert.ThrowsAsync<Integration.Orchestrations.Common.PermanentActivityFailureException>(
            () => Connector.RevokeAsync("slack", FakeVendor.Target("slack-scim"), Email, FakeVendor.Correlation, default));

        Assert.Contains("not_allowed", failure.Message, StringComparison.Ordinal);
    }
}
