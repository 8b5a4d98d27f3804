using System.Net;
using Integration.Activities.ApiCalls;
using Integration.Activities.Connectors.Identity;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>Google Workspace Directory API wire shapes: suspend, create with a first password, link on duplicate.</summary>
public sealed class GoogleWorkspaceConnectorTests
{
    private const string Email = "jane.doe@acme.test";
    private const string User = """{"id":"1077","primaryEmail":"jane.doe@acme.test","name":{"givenName":"Jane","familyName":"Doe"},"suspended":true,"suspensionReason":"ADMIN"}""";

    private readonly FakeVendor vendor = new();

    private GoogleWorkspaceConnector Connector => new(vendor.Client());

    [Fact]
    public async Task Revoke_suspends_the_user_with_bearer_auth()
    {
        vendor.Answer(HttpStatusCode.OK, User);

        IdentityRevocation result = await Connector.RevokeAsync("google", FakeVendor.Target("google-workspace"), Email, FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Revoked, "1077"), (result.Outcome, result.AccountId));
        SentRequest sent = Assert.Single(vendor.Requests);
        Assert.Equal(("PATCH", "/base/admin/directory/v1/users/jane.doe%40acme.test"), (sent.Method, sent.Path));
        Assert.True(sent.Json.GetProperty("suspended").GetBoolean());
        Assert.Equal("Bearer sandbox-identity-token", sent.Header("Authorization"));
    }

    [Fact]
    public async Task An_unknown_user_is_no_account()
    {
        vendor.Answer(HttpStatusCode.NotFound, """{"error":{"code":404,"message":"Resource Not Found: userKey","errors":[{"message":"Resource Not Found: userKey","domain":"global","reason":"notFound"}]}}""");

        IdentityRevocation result = await Connector.RevokeAsync("google", FakeVendor.Target("google-workspace"), Email, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.NoAccount, result.Outcome);
    }

    [Fact]
    public async Task A_403_is_permanent_with_the_vendors_message()
    {
        vendor.Answer(HttpStatusCode.Forbidden, """{"error":{"code":403,"message":"Not Authorized to access this resource/api","errors":[{"reason":"forbidden"}]}}""");

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => Connector.RevokeAsync("google", FakeVendor.Target("google-workspace"), Email, FakeVendor.Correlation, default));

        Assert.Contains("Not Authorized to access this resource/api", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_posts_the_user_with_a_password_the_call_log_masks()
    {
        vendor.Answer(HttpStatusCode.OK, """{"id":"2001","primaryEmail":"jane.doe@acme.test"}""");

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "google", FakeVendor.Target("google-workspace"), new NewAccount(Email, "42", "Jane", "Doe", "Jane Doe", Email), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Created, "2001"), (result.Outcome, result.AccountId));
        SentRequest sent = vendor.Requests[0];
        Assert.Equal(("POST", "/base/admin/directory/v1/users"), (sent.Method, sent.Path));
        Assert.Equal(Email, sent.Json.GetProperty("primaryEmail").GetString());
        Assert.Equal("Jane", sent.Json.GetProperty("name").GetProperty("givenName").GetString());
        Assert.Equal("Doe", sent.Json.GetProperty("name").GetProperty("familyName").GetString());
        string password = sent.Json.GetProperty("password").GetString()!;
        Assert.True(password.Length >= 8);
        string logged = Redaction.RedactBody(sent.Body)!;
        Assert.DoesNotContain(password, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, logged, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_of_an_existing_user_reads_it_and_links_it()
    {
        vendor.Answer(HttpStatusCode.Conflict, """{"error":{"code":409,"message":"Entity already exists.","errors":[{"message":"Entity already exists.","domain":"global","reason":"duplicate"}]}}""")
            .Answer(HttpStatusCode.OK, User);

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "google", FakeVendor.Target("google-workspace"), new NewAccount(Email, "42", "Jane", "Doe", "Jane Doe", Email), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Linked, "1077"), (result.Outcome, result.AccountId));
        Assert.Contains("suspended", result.Detail, StringComparison.Ordinal);
        Assert.Equal(("GET", "/base/admin/directory/v1/users/jane.doe%40acme.test"), (vendor.Requests[1].Method, vendor.Requests[1].Path));
    }
}
