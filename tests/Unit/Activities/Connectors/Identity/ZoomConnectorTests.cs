using System.Net;
using Integration.Activities.Connectors.Identity;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>Zoom wire shapes: GET then PUT status, create-then-link.</summary>
public sealed class ZoomConnectorTests
{
    private const string Email = "jane.doe@acme.test";

    private readonly FakeVendor vendor = new();

    private ZoomConnector Connector => new(vendor.Client());

    [Fact]
    public async Task Revoke_reads_the_user_then_deactivates_it_by_id()
    {
        vendor.Answer(HttpStatusCode.OK, """{"id":"z1","email":"jane.doe@acme.test","first_name":"Jane","last_name":"Doe","status":"active"}""").Answer(HttpStatusCode.NoContent);

        IdentityRevocation result = await Connector.RevokeAsync("zoom", FakeVendor.Target("zoom"), Email, FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Revoked, "z1"), (result.Outcome, result.AccountId));
        Assert.Equal(("GET", "/base/v2/users/jane.doe%40acme.test"), (vendor.Requests[0].Method, vendor.Requests[0].Path));
        Assert.Equal(("PUT", "/base/v2/users/z1/status"), (vendor.Requests[1].Method, vendor.Requests[1].Path));
        Assert.Equal("deactivate", vendor.Requests[1].Json.GetProperty("action").GetString());
        Assert.All(vendor.Requests, r => Assert.Equal("Bearer sandbox-identity-token", r.Header("Authorization")));
    }

    [Fact]
    public async Task An_inactive_user_is_already_revoked()
    {
        vendor.Answer(HttpStatusCode.OK, """{"id":"z1","email":"jane.doe@acme.test","status":"inactive"}""");

        IdentityRevocation result = await Connector.RevokeAsync("zoom", FakeVendor.Target("zoom"), Email, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.AlreadyRevoked, result.Outcome);
        Assert.Single(vendor.Requests);
    }

    [Fact]
    public async Task An_unknown_user_is_no_account()
    {
        vendor.Answer(HttpStatusCode.NotFound, """{"code":1001,"message":"User does not exist: jane.doe@acme.test."}""");

        IdentityRevocation result = await Connector.RevokeAsync("zoom", FakeVendor.Target("zoom"), Email, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.NoAccount, result.Outcome);
    }

    [Fact]
    public async Task A_403_is_permanent_with_the_vendors_message()
    {
        vendor.Answer(HttpStatusCode.Forbidden, """{"code":200,"message":"No permission."}""");

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => Connector.RevokeAsync("zoom", FakeVendor.Target("zoom"), Email, FakeVendor.Correlation, default));

        Assert.Contains("No permission.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_posts_a_basic_user()
    {
        vendor.Answer(HttpStatusCode.Created, """{"id":"z9","email":"jane.doe@acme.test","first_name":"Jane","last_name":"Doe","type":1}""");

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "zoom", FakeVendor.Target("zoom"), new NewAccount(Email, "42", "Jane", "Doe", "Jane Doe", Email), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Created, "z9"), (result.Outcome, result.AccountId));
        var body = vendor.Requests[0].Json;
        Assert.Equal(("POST", "/base/v2/users"), (vendor.Requests[0].Method, vendor.Requests[0].Path));
        Assert.Equal("create", body.GetProperty("action").GetString());
        var info = body.GetProperty("user_info");
        Assert.Equal((Email, 1, "Jane", "Doe"), (info.GetProperty("email").GetString(), info.GetProperty("type").GetInt32(), info.GetProperty("first_name").GetString(), info.GetProperty("last_name").GetString()));
    }

    [Fact]
    public async Task Create_of_a_user_already_in_the_account_reads_it_and_links_it()
    {
        vendor.Answer(HttpStatusCode.Conflict, """{"code":1005,"message":"User already in the account: jane.doe@acme.test."}""")
            .Answer(HttpStatusCode.OK, """{"id":"z1","email":"jane.doe@acme.test","status":"active"}""");

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "zoom", FakeVendor.Target("zoom"), new NewAccount(Email, "42", "Jane", "Doe", "Jane Doe", Email), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Linked, "z1"), (result.Outcome, result.AccountId));
        Assert.Equal(("GET", "/base/v2/users/jane.doe%40acme.test"), (vendor.Requests[1].Method, vendor.Requests[1].Path));
    }
}
