using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>Support staff can see a workflow, the API calls it made and the dead letters, with the operations key.</summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class OperationsApiTests(StandaloneHostFixture fixture)
{
    private const string Key = "dev-operations-key";

    [Fact]
    public async Task Finished_workflow_shows_its_status_and_its_redacted_api_calls()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        using HttpResponseMessage accepted = await fixture.Sender.SendCrmAsync(
            SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
        string correlationId = (string)JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["correlationId"]!;

        JsonNode instance = await Eventually.Until(
            () => GetJsonAsync($"/api/v1/instances/deal-invoice-{dealId}"),
            i => (string?)i?["runtimeStatus"] == "Completed",
            TimeSpan.FromSeconds(60),
            $"workflow deal-invoice-{dealId} to complete") ?? throw new InvalidOperationException();
        Assert.Equal("completed", (string?)instance["customStatus"]!["Step"]);
        Assert.Equal(correlationId, (string?)instance["input"]!["CorrelationId"]);
        Assert.Equal("invoiced", (string?)instance["output"]!["Outcome"]);

        JsonArray calls = await Eventually.Until(
            async () => (JsonArray)(await GetJsonAsync($"/api/v1/api-calls/{correlationId}"))!,
            c => c.Count >= 5,
            TimeSpan.FromSeconds(30),
            "the workflow's API calls to be logged");
        Assert.Contains(calls, c => (string?)c!["system"] == "hubspot" && (string?)c["method"] == "PATCH" && (int?)c["status"] == 200);
        Assert.Contains(calls, c => (string?)c!["system"] == "quickbooks" && ((string?)c["url"])!.Contains("requestid=deal-", StringComparison.Ordinal));
        string text = calls.ToJsonString();
        Assert.DoesNotContain("sandbox-hubspot-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ap@company", text, StringComparison.Ordinal); // e-mail addresses are personal data
    }

    [Fact]
    public async Task Requests_without_the_key_are_401_problems()
    {
        using HttpResponseMessage response = await fixture.Api.GetAsync("/api/v1/dead-letters");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_instance_is_a_404_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instances/deal-invoice-nope");
        request.Headers.Add("X-Api-Key", Key);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("urn:integration:problem:instance-not-found", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]);
    }

    private async Task<JsonNode?> GetJsonAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", Key);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);
        return response.StatusCode == HttpStatusCode.NotFound ? null : JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
    }
}
