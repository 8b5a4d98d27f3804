using System.Net;
using Integration.Activities.Connectors.Identity;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>GitHub organisation membership wire shapes, with GitHub's media type and API version headers.</summary>
public sealed class GitHubConnectorTests
{
    private readonly FakeVendor vendor = new();

    private GitHubConnector Connector => new(vendor.Client());

    private static Integration.Activities.Configuration.IdentityTargetOptions Target =>
        FakeVendor.Target("github", t => { t.Organization = "acme"; t.AccountField = "githubUsername"; });

    [Fact]
    public async Task Revoke_deletes_the_membership_with_githubs_headers()
    {
        vendor.Answer(HttpStatusCode.NoContent);

        IdentityRevocation result = await Connector.RevokeAsync("github", Target, "octo-jane", FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.Revoked, result.Outcome);
        SentRequest sent = Assert.Single(vendor.Requests);
        Assert.Equal(("DELETE", "/base/orgs/acme/memberships/octo-jane"), (sent.Method, sent.Path));
        Assert.Equal("Bearer sandbox-identity-token", sent.Header("Authorization"));
        Assert.Equal("application/vnd.github+json", sent.Header("Accept"));
        Assert.Equal("2022-11-28", sent.Header("X-GitHub-Api-Version"));
        Assert.Equal(FakeVendor.Correlation, sent.Header("X-Correlation-Id"));
    }

    [Fact]
    public async Task A_404_means_no_longer_a_member_so_already_revoked()
    {
        vendor.Answer(HttpStatusCode.NotFound, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""");

        IdentityRevocation result = await Connector.RevokeAsync("github", Target, "octo-jane", FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.AlreadyRevoked, result.Outcome);
    }

    [Fact]
    public async Task A_403_is_permanent_with_the_vendors_message()
    {
        vendor.Answer(HttpStatusCode.Forbidden, """{"message":"Must have admin rights to Organization.","documentation_url":"https://docs.github.com/rest"}""");

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => Connector.RevokeAsync("github", Target, "octo-jane", FakeVendor.Correlation, default));

        Assert.Contains("Must have admin rights to Organization.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_invites_a_non_member_after_reading_that_there_is_no_membership()
    {
        vendor.Answer(HttpStatusCode.NotFound, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""")
            .Answer(HttpStatusCode.OK, """{"state":"pending","role":"member","user":{"login":"octo-jane","id":583231}}""");

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "github", Target, new NewAccount("octo-jane", "42", "Jane", "Doe", "Jane Doe", "jane@acme.test"), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Created, "583231"), (result.Outcome, result.AccountId));
        Assert.Equal([("GET", "/base/orgs/acme/memberships/octo-jane"), ("PUT", "/base/orgs/acme/memberships/octo-jane")], vendor.Requests.Select(r => (r.Method, r.Path)));
        Assert.Equal("member", vendor.Requests[1].Json.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("pending", "member")]
    [InlineData("active", "admin")]
    public async Task Provision_links_an_existing_membership_without_writing_so_a_pending_invite_or_an_owners_role_is_left_alone(string state, string role)
    {
        vendor.Answer(HttpStatusCode.OK, $$$"""{"state":"{{{state}}}","role":"{{{role}}}","user":{"login":"octo-jane","id":583231}}""");

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "github", Target, new NewAccount("octo-jane", "42", "Jane", "Doe", "Jane Doe", "jane@acme.test"), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Linked, "583231"), (result.Outcome, result.AccountId));
        Assert.Equal(("GET", "/base/orgs/acme/memberships/octo-jane"), (Assert.Single(vendor.Requests).Method, vendor.Requests[0].Path));
    }
}
