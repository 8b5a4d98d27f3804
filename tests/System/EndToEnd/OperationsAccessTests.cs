using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integration.Activities.Http;
using Integration.Activities.Operations;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// Roles over the real standalone host: every operator route of <see cref="ProductRoutes.All"/> (so a route added
/// later is covered too) refuses a reader with 403 and a caller without a key, or with a forged App Service
/// principal, with 401; reader routes let the reader through; answers to reviews are on GET /api/v1/audit.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed partial class OperationsAccessTests(StandaloneHostFixture fixture)
{
    private const string ReaderKey = "dev-reader-key";

    public static TheoryData<string> OperatorRoutes => [.. ProductRoutes.All.Where(r => r.Access == RouteAccess.Operator).Select(r => r.Name)];

    public static TheoryData<string> ReaderRoutes => [.. ProductRoutes.All.Where(r => r.Access == RouteAccess.Reader).Select(r => r.Name)];

    [Fact]
    public void There_are_operator_and_reader_routes_to_check()
    {
        Assert.NotEmpty(OperatorRoutes);
        Assert.NotEmpty(ReaderRoutes);
    }

    [Theory]
    [MemberData(nameof(OperatorRoutes))]
    public async Task A_reader_key_gets_403_on_every_operator_route(string name)
    {
        using HttpResponseMessage response = await SendAsync(name, key: ReaderKey);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "operations-role-insufficient");
    }

    [Theory]
    [MemberData(nameof(OperatorRoutes))]
    public async Task A_forged_app_service_principal_with_the_operator_role_and_no_key_gets_401_on_every_operator_route(string name)
    {
        using HttpResponseMessage response = await SendAsync(name, principal: AppServicePrincipal.Encode("mallory", AppServicePrincipal.OperatorAppRole));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "operations-key-invalid");
    }

    [Theory]
    [MemberData(nameof(ReaderRoutes))]
    public async Task A_reader_key_is_let_through_on_every_reader_route_and_no_key_is_401(string name)
    {
        using (HttpResponseMessage noKey = await SendAsync(name))
        {
            await AssertProblemAsync(noKey, HttpStatusCode.Unauthorized, "operations-key-invalid");
        }

        using HttpResponseMessage response = await SendAsync(name, key: ReaderKey);

        // Placeholders name nothing that exists, so "not found" is as good an answer as 200: the role check was passed.
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task An_answered_review_and_a_refused_one_are_on_the_audit_trail_with_who_what_and_why()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        string instanceId = $"deal-invoice-{dealId}";
        await fixture.Sandbox.SeedDealWithoutCompanyAsync(dealId);
        using (HttpResponseMessage sent = await fixture.Sender.SendCrmAsync(SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId())))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        await Eventually.Until(
            async () => (string?)(await fixture.InstanceAsync(instanceId))?["customStatus"]?["Step"],
            step => step == "awaiting-review",
            TimeSpan.FromSeconds(60),
            $"deal {dealId} to await review");

        using (HttpResponseMessage answered = await fixture.DecideAsync(instanceId, """{"action":"cancel","comment":"duplicate deal, see ticket 42","reviewedBy":"ana"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        }

        using (HttpResponseMessage refused = await fixture.DecideAsync(instanceId, """{"action":"no-such-answer"}"""))
        {
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{(int)refused.StatusCode}");
        }

        JsonObject page = await AuditAsync($"?target={instanceId}&action={ReviewDecisionHandlerAction}", ReaderKey);
        JsonArray items = (JsonArray)page["items"]!;
        Assert.Equal(2, items.Count);
        JsonNode refusedLine = items[0]!, answeredLine = items[1]!; // newest first
        Assert.Equal("development operator", (string?)answeredLine["actor"]);
        Assert.Equal("operator", (string?)answeredLine["role"]);
        Assert.Equal(instanceId, (string?)answeredLine["target"]);
        Assert.Equal("duplicate deal, see ticket 42", (string?)answeredLine["reason"]);
        Assert.StartsWith("done: answered 'cancel'", (string?)answeredLine["result"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)answeredLine["correlationId"]));
        Assert.Matches("^refused: (400|409) ", (string?)refusedLine["result"]);
        Assert.Contains("'no-such-answer'", (string?)refusedLine["result"], StringComparison.Ordinal);
        Assert.Null(page["continuationToken"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=201", "pageSize")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2026-13-01", "to")]
    [InlineData("?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    [InlineData("?continuationToken=bm9wZQ", "continuationToken")]
    public async Task A_bad_audit_query_is_400_naming_the_parameter(string query, string parameter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit" + query);
        request.Headers.Add(OperationsAccess.HeaderName, ReaderKey);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);

        JsonNode problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "audit-query-invalid");
        Assert.Contains($"'{parameter}'", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    [InlineData("POST")]
    public async Task No_method_changes_the_audit_trail(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/v1/audit");
        request.Headers.Add(OperationsAccess.HeaderName, StandaloneHostFixture.OperationsKey);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private const string ReviewDecisionHandlerAction = "review.answer";

    private async Task<JsonObject> AuditAsync(string query, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit" + query);
        request.Headers.Add(OperationsAccess.HeaderName, key);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);
        return (JsonObject)JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
    }

    /// <summary>The route's request with each {parameter} filled by a placeholder and, for a POST, an empty JSON object as body.</summary>
    private async Task<HttpResponseMessage> SendAsync(string routeName, string? key = null, string? principal = null)
    {
        ProductRoute route = ProductRoutes.All.Single(r => r.Name == routeName);
        string path = "/" + ProductRoutes.Prefix + "/" + Parameter().Replace(route.Template, m => $"placeholder-{m.Groups[1].Value}");
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Method != HttpMethod.Get.Method)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add(OperationsAccess.HeaderName, key);
        }

        if (principal is not null)
        {
            request.Headers.Add(AppServicePrincipal.HeaderName, principal);
        }

        return await fixture.Api.SendAsync(request);
    }

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string kind)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonNode problem = JsonNode.Parse(body)!;
        Assert.Equal($"urn:integration:problem:{kind}", (string?)problem["type"]);
        return problem;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
