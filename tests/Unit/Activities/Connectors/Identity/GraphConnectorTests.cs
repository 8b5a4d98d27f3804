using System.Net;
using Integration.Activities.ApiCalls;
using Integration.Activities.Connectors.Identity;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>Microsoft Graph wire shapes from docs/identity-targets.md against a fake vendor.</summary>
public sealed class GraphConnectorTests
{
    private const string Upn = "jane.doe@acme.test";
    private static readonly NewAccount Jane = new(Upn, "42", "Jane", "Doe", "Jane Doe", Upn);

    private readonly FakeVendor vendor = new();

    private GraphConnector Connector => new(vendor.Client());

    [Fact]
    public async Task Revoke_disables_sign_in_then_revokes_sessions_with_bearer_auth_and_the_correlation_id()
    {
        vendor.Answer(HttpStatusCode.NoContent).Answer(HttpStatusCode.OK, """{"value":true}""");

        IdentityRevocation result = await Connector.RevokeAsync("entra", FakeVendor.Target("graph"), Upn, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.Revoked, result.Outcome);
        Assert.Contains("entra", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["PATCH", "POST"], vendor.Requests.Select(r => r.Method));
        Assert.Equal("/base/v1.0/users/jane.doe%40acme.test", vendor.Requests[0].Path);
        Assert.False(vendor.Requests[0].Json.GetProperty("accountEnabled").GetBoolean());
        Assert.Equal("/base/v1.0/users/jane.doe%40acme.test/revokeSignInSessions", vendor.Requests[1].Path);
        Assert.Null(vendor.Requests[1].Body);
        Assert.All(vendor.Requests, r =>
        {
            Assert.Equal("Bearer sandbox-identity-token", r.Header("Authorization"));
            Assert.Equal(FakeVendor.Correlation, r.Header("X-Correlation-Id"));
            Assert.Equal(FakeVendor.Correlation, r.CallLogCorrelationId);
        });
    }

    [Fact]
    public async Task Revoke_of_an_unknown_user_is_no_account_and_stops()
    {
        vendor.Answer(HttpStatusCode.NotFound, """{"error":{"code":"Request_ResourceNotFound","message":"Resource 'jane' does not exist."}}""");

        IdentityRevocation result = await Connector.RevokeAsync("entra", FakeVendor.Target("graph"), Upn, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.NoAccount, result.Outcome);
        Assert.Single(vendor.Requests);
    }

    [Fact]
    public async Task A_403_is_permanent_with_the_vendors_message()
    {
        vendor.Answer(HttpStatusCode.Forbidden, """{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}""");

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => Connector.RevokeAsync("entra", FakeVendor.Target("graph"), Upn, FakeVendor.Correlation, default));

        Assert.Contains("Insufficient privileges to complete the operation.", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith("entra answered 403", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Throttling_and_server_errors_are_transient(HttpStatusCode status)
    {
        vendor.Answer(HttpStatusCode.NoContent).Answer(status, """{"error":{"code":"x","message":"later"}}""");

        var failure = await Assert.ThrowsAsync<HttpRequestException>(
            () => Connector.RevokeAsync("entra", FakeVendor.Target("graph"), Upn, FakeVendor.Correlation, default));

        Assert.Equal(status, failure.StatusCode);
    }

    [Fact]
    public async Task Create_posts_the_user_with_a_random_password_to_change_that_the_call_log_never_shows()
    {
        vendor.Answer(HttpStatusCode.Created, """{"id":"u-1","userPrincipalName":"jane.doe@acme.test","displayName":"Jane Doe","accountEnabled":true}""")
            .Answer(HttpStatusCode.Created, """{"id":"u-2","userPrincipalName":"john@acme.test","displayName":"John","accountEnabled":true}""");

        IdentityProvisioning result = await Connector.ProvisionAsync("entra", FakeVendor.Target("graph"), Jane, FakeVendor.Correlation, default);
        await Connector.ProvisionAsync("entra", FakeVendor.Target("graph"), Jane with { AccountKey = "john@acme.test" }, FakeVendor.Correlation, default);

        Assert.Equal(new IdentityProvisioning(AccessOutcomes.Created, "u-1", result.Detail), result);
        SentRequest sent = vendor.Requests[0];
        Assert.Equal(("POST", "/base/v1.0/users"), (sent.Method, sent.Path));
        Assert.Equal("application/json", sent.ContentType);
        Assert.True(sent.Json.GetProperty("accountEnabled").GetBoolean());
        Assert.Equal("Jane Doe", sent.Json.GetProperty("displayName").GetString());
        Assert.Equal("jane.doe", sent.Json.GetProperty("mailNickname").GetString());
        Assert.Equal(Upn, sent.Json.GetProperty("userPrincipalName").GetString());
        Assert.True(sent.Json.GetProperty("passwordProfile").GetProperty("forceChangePasswordNextSignIn").GetBoolean());
        string password = sent.Json.GetProperty("passwordProfile").GetProperty("password").GetString()!;
        Assert.Equal(24, password.Length);
        Assert.Contains(password, char.IsAsciiLetterUpper);
        Assert.Contains(password, char.IsAsciiLetterLower);
        Assert.Contains(password, char.IsAsciiDigit);
        Assert.Contains(password, c => !char.IsAsciiLetterOrDigit(c));
        Assert.NotEqual(password, vendor.Requests[1].Json.GetProperty("passwordProfile").GetProperty("password").GetString());
        Assert.DoesNotContain(password, Redaction.RedactBody(sent.Body)!, StringComparison.Ordinal);
        Assert.DoesNotContain(password, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_of_a_taken_upn_reads_the_existing_user_and_links_it()
    {
        vendor.Answer(HttpStatusCode.BadRequest, """{"error":{"code":"Request_BadRequest","message":"Another object with the same value for property userPrincipalName already exists."}}""")
            .Answer(HttpStatusCode.OK, """{"id":"u-7","userPrincipalName":"jane.doe@acme.test","displayName":"Jane Doe","accountEnabled":false}""");

        IdentityProvisioning result = await Connector.ProvisionAsync("entra", FakeVendor.Target("graph"), Jane, FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.Linked, result.Outcome);
        Assert.Equal("u-7", result.AccountId);
        Assert.Contains("accountEnabled false", result.Detail, StringComparison.Ordinal);
        Assert.Equal(("GET", "/base/v1.0/users/jane.doe%40acme.test"), (vendor.Requests[1].Method, vendor.Requests[1].Path));
    }

    [Fact]
    public async Task Create_refused_for_another_reason_is_permanent_and_reads_nothing()
    {
        vendor.Answer(HttpStatusCode.BadRequest, """{"error":{"code":"Request_BadRequest","message":"Invalid value specified for property 'mailNickname'."}}""");

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => Connector.ProvisionAsync("entra", FakeVendor.Target("graph"), Jane, FakeVendor.Correlation, default));

        Assert.Contains("mailNickname", failure.Message, StringComparison.Ordinal);
        Assert.Single(vendor.Requests);
    }

    [Theory]
    [InlineData("o'brien (x)@acme.test", "obrienx")]
    [InlineData("@acme.test", "user")]
    public async Task Mail_nickname_is_the_upn_local_part_without_characters_graph_refuses(string upn, string expected)
    {
        vendor.Answer(HttpStatusCode.Created, """{"id":"u-1"}""");

        await Connector.ProvisionAsync("entra", FakeVendor.Target("graph"), Jane with { AccountKey = upn }, FakeVendor.Correlation, default);

        Assert.Equal(expected, vendor.Requests[0].Json.GetProperty("mailNickname").GetString());
    }
}
