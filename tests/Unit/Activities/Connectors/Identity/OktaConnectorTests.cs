using System.Net;
using Integration.Activities.Connectors.Identity;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>Okta wire shapes: SSWS auth, GET before deactivating, and the DEPROVISIONED/404 re-read.</summary>
public sealed class OktaConnectorTests
{
    private const string Login = "jane.doe@acme.test";
    private const string Active = """{"id":"00u1","status":"ACTIVE","profile":{"login":"jane.doe@acme.test","email":"jane.doe@acme.test","firstName":"Jane","lastName":"Doe"}}""";
    private const string Deprovisioned = """{"id":"00u1","status":"DEPROVISIONED","profile":{"login":"jane.doe@acme.test"}}""";
    private const string NotFound = """{"errorCode":"E0000007","errorSummary":"Not found: Resource not found: jane.doe@acme.test (User)","errorCauses":[]}""";

    private readonly FakeVendor vendor = new();

    private OktaConnector Connector => new(vendor.Client());

    [Fact]
    public async Task Revoke_reads_the_user_then_deactivates_it_by_id_without_email_using_ssws_auth()
    {
        vendor.Answer(HttpStatusCode.OK, Active).Answer(HttpStatusCode.OK);

        IdentityRevocation result = await Connector.RevokeAsync("okta", FakeVendor.Target("okta"), Login, FakeVendor.Correlation, default);

        Assert.Equal(new IdentityRevocation(AccessOutcomes.Revoked, "00u1", "okta user 00u1 was ACTIVE; deactivated."), result);
        Assert.Equal(("GET", "/base/api/v1/users/jane.doe%40acme.test"), (vendor.Requests[0].Method, vendor.Requests[0].Path));
        Assert.Equal("POST", vendor.Requests[1].Method);
        Assert.Equal("https://vendor.test/base/api/v1/users/00u1/lifecycle/deactivate?sendEmail=false", vendor.Requests[1].Url);
        Assert.All(vendor.Requests, r => Assert.Equal("SSWS sandbox-identity-token", r.Header("Authorization")));
        Assert.All(vendor.Requests, r => Assert.Equal(FakeVendor.Correlation, r.Header("X-Correlation-Id")));
    }

    [Fact]
    public async Task A_deprovisioned_user_is_already_revoked_and_not_deactivated_again()
    {
        vendor.Answer(HttpStatusCode.OK, Deprovisioned);

        IdentityRevocation result = await Connector.RevokeAsync("okta", FakeVendor.Target("okta"), Login, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.AlreadyRevoked, result.Outcome);
        Assert.Single(vendor.Requests);
    }

    [Fact]
    public async Task An_unknown_user_is_no_account()
    {
        vendor.Answer(HttpStatusCode.NotFound, NotFound);

        IdentityRevocation result = await Connector.RevokeAsync("okta", FakeVendor.Target("okta"), Login, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.NoAccount, result.Outcome);
        Assert.Single(vendor.Requests);
    }

    [Fact]
    public async Task A_404_from_deactivate_is_settled_by_reading_the_user_again()
    {
        vendor.Answer(HttpStatusCode.OK, Active).Answer(HttpStatusCode.NotFound, NotFound).Answer(HttpStatusCode.OK, Deprovisioned);

        IdentityRevocation result = await Connector.RevokeAsync("okta", FakeVendor.Target("okta"), Login, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.AlreadyRevoked, result.Outcome);
        Assert.Equal(["GET", "POST", "GET"], vendor.Requests.Select(r => r.Method));
        Assert.Equal("/base/api/v1/users/00u1", vendor.Requests[2].Path);
    }

    [Fact]
    public async Task A_404_from_deactivate_while_the_user_is_still_active_is_permanent()
    {
        vendor.Answer(HttpStatusCode.OK, Active).Answer(HttpStatusCode.NotFound, NotFound).Answer(HttpStatusCode.OK, Active);

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => Connector.RevokeAsync("okta", FakeVendor.Target("okta"), Login, FakeVendor.Correlation, default));

        Assert.Contains("ACTIVE", failure.Message, StringComparison.Ordinal);
        Assert.Contains("E0000007", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_is_permanent_with_the_vendors_summary()
    {
        vendor.Answer(HttpStatusCode.Forbidden, """{"errorCode":"E0000006","errorSummary":"You do not have permission to perform the requested action","errorCauses":[]}""");

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => Connector.RevokeAsync("okta", FakeVendor.Target("okta"), Login, FakeVendor.Correlation, default));

        Assert.Contains("You do not have permission to perform the requested action", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_posts_an_activated_user_with_the_profile()
    {
        vendor.Answer(HttpStatusCode.OK, """{"id":"00u9","status":"ACTIVE"}""");

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "okta", FakeVendor.Target("okta"), new NewAccount(Login, "42", "Jane", "Doe", "Jane Doe", "jane@home.test"), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Created, "00u9"), (result.Outcome, result.AccountId));
        Assert.Equal("https://vendor.test/base/api/v1/users?activate=true", vendor.Requests[0].Url);
        var profile = vendor.Requests[0].Json.GetProperty("profile");
        Assert.Equal(("Jane", "Doe", "jane@home.test", Login), (
            profile.GetProperty("firstName").GetString(), profile.GetProperty("lastName").GetString(),
            profile.GetProperty("email").GetString(), profile.GetProperty("login").GetString()));
    }

    [Fact]
    public async Task Create_of_a_taken_login_reads_the_user_and_links_it()
    {
        vendor.Answer(HttpStatusCode.BadRequest, """{"errorCode":"E0000001","errorSummary":"Api validation failed: login","errorCauses":[{"errorSummary":"login: An object with this field already exists in the current organization"}]}""")
            .Answer(HttpStatusCode.OK, Active);

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "okta", FakeVendor.Target("okta"), new NewAccount(Login, "42", "Jane", "Doe", "Jane Doe", Login), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Linked, "00u1"), (result.Outcome, result.AccountId));
        Assert.Equal(("GET", "/base/api/v1/users/jane.doe%40acme.test"), (vendor.Requests[1].Method, vendor.Requests[1].Path));
    }

    [Fact]
    public async Task Create_refused_on_another_field_is_permanent()
    {
        vendor.Answer(HttpStatusCode.BadRequest, """{"errorCode":"E0000001","errorSummary":"Api validation failed: email","errorCauses":[{"errorSummary":"email: Does not match required pattern"}]}""");

        await Assert.ThrowsAsync<PermanentActivityFailureException>(() => Connector.ProvisionAsync(
            "okta", FakeVendor.Target("okta"), new NewAccount(Login, "42", "Jane", "Doe", "Jane Doe", Login), FakeVendor.Correlation, default));

        Assert.Single(vendor.Requests);
    }
}
