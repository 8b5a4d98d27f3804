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

    [Theory]
    [InlineData("pending", AccessOutcomes.Created)]
    [InlineData("active", AccessOutcomes.Linked)]
    public async Task Provision_puts_a_member_membership_pending_is_created_active_is_linked(string state, string outcome)
    {
        vendor.Answer(HttpStatusCode.OK, $$$"""{"state":"{{{state}}}","role":"member","user":{"login":"octo-jane","id":583231}}""");

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "github", Target, new NewAccount("octo-jane", "42", "Jane", "Doe", "Jane Doe", "jane@acme.test"), FakeVendor.Correlation, default);

        Assert.Equal((outcome, "583231"), (result.Outcome, result.AccountId));
        SentRequest sent = Assert.Single(vendor.Requests);
        Assert.Equal(("PUT", "/base/orgs/acme/memberships/octo-jane"), (sent.Method, sent.Path));
        Assert.Equal("member", sent.Json.GetProperty("role").GetString());
    }
}
