using System.Net;
using Integration.Activities.Configuration;
using Integration.Activities.Connectors.Identity;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>The generic REST target: templating, configured auth header and the status code lists.</summary>
public sealed class RestTargetConnectorTests
{
    private const string Email = "jane.o'doe+x@acme.test";

    /// <summary>The "wiki" target of docs/identity-targets.md, bound from JSON as the host binds it.</summary>
    private const string WikiJson = """
        {
          "Identity": {
            "Targets": {
              "wiki": { "Kind": "rest", "BaseUrl": "https://vendor.test/base/", "Token": "sandbox-identity-token",
                        "Departments": [ "Engineering" ],
                        "Rest": { "AuthHeader": "X-Api-Key", "AuthScheme": "",
                                  "RevokeMethod": "POST", "RevokeUrl": "users/{account}/deactivate",
                                  "SuccessCodes": [ 200, 204 ], "AlreadyDoneCodes": [ 409 ], "NoAccountCodes": [ 404 ],
                                  "CreateMethod": "POST", "CreateUrl": "users",
                                  "CreateBody": "{\"email\":\"{workEmail}\",\"name\":\"{displayName}\"}",
                                  "CreateSuccessCodes": [ 200, 201 ], "ExistsCodes": [ 409 ] } }
            }
          }
        }
        """;

    private readonly FakeVendor vendor = new();

    private RestTargetConnector Connector => new(vendor.Client());

    private static IdentityTargetOptions Wiki => IdentityTestConfig.Bind(WikiJson).Targets["wiki"];

    [Theory]
    [InlineData(HttpStatusCode.OK, AccessOutcomes.Revoked)]
    [InlineData(HttpStatusCode.NoContent, AccessOutcomes.Revoked)]
    [InlineData(HttpStatusCode.Conflict, AccessOutcomes.AlreadyRevoked)]
    [InlineData(HttpStatusCode.NotFound, AccessOutcomes.NoAccount)]
    public async Task Revoke_classifies_the_answer_by_the_configured_lists(HttpStatusCode status, string outcome)
    {
        vendor.Answer(status, """{"status":"whatever"}""");

        IdentityRevocation result = await Connector.RevokeAsync("wiki", Wiki, Email, FakeVendor.Correlation, default);

        Assert.Equal(outcome, result.Outcome);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_url_escapes_the_account_and_sends_the_token_in_the_configured_header_alone()
    {
        vendor.Answer(HttpStatusCode.OK, """{"status":"deactivated"}""");

        await Connector.RevokeAsync("wiki", Wiki, Email, FakeVendor.Correlation, default);

        SentRequest sent = Assert.Single(vendor.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("https://vendor.test/base/users/jane.o%27doe%2Bx%40acme.test/deactivate", sent.Url);
        Assert.Equal("sandbox-identity-token", sent.Header("X-Api-Key"));
        Assert.False(sent.Headers.ContainsKey("Authorization"));
        Assert.Equal(FakeVendor.Correlation, sent.Header("X-Correlation-Id"));
        Assert.Null(sent.Body);
    }

    [Fact]
    public async Task Defaults_send_a_bearer_token_and_the_configured_method_and_revoke_body()
    {
        var target = FakeVendor.Target("rest", t => t.Rest = new RestTargetOptions
        {
            RevokeMethod = "patch",
            RevokeUrl = "/accounts/{account}",
            RevokeBody = """{"login":"{account}","active":false}""",
        });
        vendor.Answer(HttpStatusCode.NoContent);

        IdentityRevocation result = await Connector.RevokeAsync("crm", target, "a\"b\\c", FakeVendor.Correlation, default);

        Assert.Equal(AccessOutcomes.Revoked, result.Outcome);
        SentRequest sent = vendor.Requests[0];
        Assert.Equal(("PATCH", "/base/accounts/a%22b%5Cc"), (sent.Method, sent.Path));
        Assert.Equal("Bearer sandbox-identity-token", sent.Header("Authorization"));
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal("a\"b\\c", sent.Json.GetProperty("login").GetString());
        Assert.False(sent.Json.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Create_json_escapes_the_values_and_reads_the_id()
    {
        vendor.Answer(HttpStatusCode.Created, """{"id":"w-17","email":"x","active":true}""");

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "wiki", Wiki, new NewAccount(Email, "42", "Jane", "O\"Doe", "Jane \"JD\" O\\Doe", Email), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Created, "w-17"), (result.Outcome, result.AccountId));
        SentRequest sent = vendor.Requests[0];
        Assert.Equal(("POST", "/base/users"), (sent.Method, sent.Path));
        Assert.Equal(Email, sent.Json.GetProperty("email").GetString());
        Assert.Equal("Jane \"JD\" O\\Doe", sent.Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_answered_with_an_exists_code_is_linked()
    {
        vendor.Answer(HttpStatusCode.Conflict, """{"error":"exists"}""");

        IdentityProvisioning result = await Connector.ProvisionAsync(
            "wiki", Wiki, new NewAccount(Email, "42", "Jane", "Doe", "Jane Doe", Email), FakeVendor.Correlation, default);

        Assert.Equal((AccessOutcomes.Linked, null), (result.Outcome, result.AccountId));
    }

    [Fact]
    public async Task A_2xx_in_no_list_is_permanent_and_names_the_setting()
    {
        vendor.Answer(HttpStatusCode.Accepted);

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => Connector.RevokeAsync("wiki", Wiki, Email, FakeVendor.Correlation, default));

        Assert.Contains("Identity:Targets:wiki:Rest", failure.Message, StringComparison.Ordinal);
        Assert.Contains("202", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlisted_answers_follow_the_common_rules()
    {
        vendor.Answer(HttpStatusCode.BadRequest, """{"error":"bad_key"}""").Answer(HttpStatusCode.InternalServerError, """{"error":"boom"}""");

        var permanent = await Assert.ThrowsAsync<PermanentActivityFailureException>(
            () => Connector.RevokeAsync("wiki", Wiki, Email, FakeVendor.Correlation, default));
        var transient = await Assert.ThrowsAsync<HttpRequestException>(
            () => Connector.RevokeAsync("wiki", Wiki, Email, FakeVendor.Correlation, default));

        Assert.Contains("bad_key", permanent.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, transient.StatusCode);
    }

    [Fact]
    public async Task A_configured_list_replaces_its_default_instead_of_adding_to_it()
    {
        IdentityTargetOptions target = IdentityTestConfig.Bind("""
            {"Identity":{"Targets":{"t":{"Kind":"rest","BaseUrl":"https://vendor.test/base","Token":"x",
              "Rest":{"RevokeUrl":"u/{account}","SuccessCodes":[204],"AlreadyDoneCodes":[404]}}}}}
            """).Targets["t"];
        vendor.Answer(HttpStatusCode.NotFound).Answer(HttpStatusCode.OK);

        IdentityRevocation notFound = await Connector.RevokeAsync("t", target, "k", FakeVendor.Correlation, default);
        await Assert.ThrowsAsync<PermanentActivityFailureException>(() => Connector.RevokeAsync("t", target, "k", FakeVendor.Correlation, default));

        Assert.Equal([204], target.Rest!.SuccessCodes!);
        Assert.Equal(AccessOutcomes.AlreadyRevoked, notFound.Outcome);
    }
}
