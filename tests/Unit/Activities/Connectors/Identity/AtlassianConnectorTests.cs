using System.Net;
using Integration.Activities.Configuration;
using Integration.Activities.Connectors.Identity;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>Atlassian wire shapes: SCIM directory lookup for the account id, lifecycle disable, create-then-link.</summary>
public sealed class AtlassianConnectorTests
{
    private const string Email = "jane.doe@acme.test";
    private const string Jane = """{"id":"scim-1","userName":"jane.doe@acme.test","active":true,"urn:scim:schemas:extension:atlassian-external:1.0":{"atlassianAccountId":"557058:abc"}}""";

    private readonly FakeVendor vendor = new();

    private AtlassianConnector Connector => new(vendor.Client());

    private static IdentityTargetOptions Target => FakeVendor.Target("atlassian", t => t.DirectoryId = "dir-1");

    private static string List(params string[] users) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":{{users.Length}},"Resources":[{{string.Join(",", users)}}]}""";

    [Fact]
    public async Task Revoke_finds_the_account_id_in_the_directory_and_disables_the_account()
    {
        vendor.Answer(HttpStatusCode.OK, List(Jane)).Answer(HttpStatusCode.NoContent);

        IdentityRevocation result = await Connector.RevokeAsync("atlassian", Target, Email, FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Revoked, "557058:abc"), (result.Outcome, result.AccountId));
        Assert.Equal(
            "https://vendor.test/base/scim/directory/dir-1/Users?filter=userName%20eq%20%22jane.doe%40acme.test%22",
            vendor.Requests[0].Url);
        Assert.Equal(("POST", "/base/users/557058%3Aabc/manage/lifecycle/disable"), (vendor.Requests[1].Method, vendor.Requests[1].Path));
        Assert.False(string.IsNullOrWhiteSpace(vendor.Requests[1].Json.GetProperty("message").GetString()));
        Assert.All(vendor.Requests, r => Assert.Equal("Bearer sandbox-identity-token", r.Header("Authorization")));
    }

    [Fact]
    public async Task No_directory_user_is_no_account()
    {
        vendor.Answer(HttpStatusCode.OK, List());

        IdentityRevocation result = await Connector.RevokeAsync("atlassian", Target, Email, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.NoAccount, result.Outcome);
        Assert.Single(vendor.Requests);
    }

    [Fact]
    public async Task A_directory_user_without_an_account_id_is_permanent()
    {
        vendor.Answer(HttpStatusCode.OK, List("""{"id":"scim-1","userName":"jane.doe@acme.test","active":true}"""));

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => Connector.RevokeAsync("atlassian", Target, Email, FakeVendor.Correlation, default));

        Assert.Contains("atlassianAccountId", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_is_permanent_with_the_vendors_message()
    {
        vendor.Answer(HttpStatusCode.OK, List(Jane)).Answer(HttpStatusCode.Forbidden, """{"code":403,"message":"The account is not managed by your organization."}""");

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => Connector.RevokeAsync("atlassian", Target, Email, FakeVendor.Correlation, default));

        Assert.Contains("The account is not managed by your organization.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_posts_the_scim_user_to_the_directory_and_returns_the_account_id()
    {
        vendor.Answer(HttpStatusCode.Created, Jane);

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "atlassian", Target, new NewAccount(Email, "42", "Jane", "Doe", "Jane Doe", Email), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Created, "557058:abc"), (result.Outcome, result.AccountId));
        Assert.Equal(("POST", "/base/scim/directory/dir-1/Users"), (vendor.Requests[0].Method, vendor.Requests[0].Path));
        Assert.Equal(Email, vendor.Requests[0].Json.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Create_of_an_existing_user_looks_it_up_and_links_it()
    {
        vendor.Answer(HttpStatusCode.Conflict, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","detail":"userName already exists"}""")
            .Answer(HttpStatusCode.OK, List(Jane));

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "atlassian", Target, new NewAccount(Email, "42", "Jane", "Doe", "Jane Doe", Email), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Linked, "557058:abc"), (result.Outcome, result.AccountId));
        Assert.Equal("GET", vendor.Requests[1].Method);
    }
}
