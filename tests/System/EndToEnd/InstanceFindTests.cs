using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>Support staff find a deal workflow by its deal id, status and workflow, see it counted in the summary, and read its history, with the reader key.</summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class InstanceFindTests(StandaloneHostFixture fixture)
{
    private const string ReaderKey = "dev-reader-key";

    [Fact]
    public async Task A_finished_deal_is_found_by_key_status_and_workflow_counted_and_its_history_shows_the_activities()
    {
        DateTimeOffset started = DateTimeOffset.UtcNow.AddMinutes(-1);
        string dealId = StandaloneHostFixture.NewDealId();
        string instanceId = $"deal-invoice-{dealId}";
        using HttpResponseMessage accepted = await fixture.Sender.SendCrmAsync(
            SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
        accepted.EnsureSuccessStatusCode();

        JsonNode byKey = await Eventually.Until(
            () => GetJsonAsync($"/api/v1/instances?key={dealId}"),
            page => page?["items"] is JsonArray { Count: 1 } items && (string?)items[0]!["runtimeStatus"] == "Completed",
            TimeSpan.FromSeconds(60),
            $"the list to find {instanceId} completed by its deal id") ?? throw new InvalidOperationException();
        JsonNode item = byKey["items"]![0]!;
        Assert.Equal((instanceId, "deal-invoice", dealId), ((string?)item["instanceId"], (string?)item["workflow"], (string?)item["key"]));
        Assert.Null(byKey["continuationToken"]);

        string since = Uri.EscapeDataString(started.ToString("O", CultureInfo.InvariantCulture));
        Assert.Contains(instanceId, await AllIdsAsync($"/api/v1/instances?workflow=deal-invoice&status=completed&createdFrom={since}"));
        Assert.Contains(instanceId, await AllIdsAsync("/api/v1/instances?workflow=deal-invoice"));
        Assert.DoesNotContain(instanceId, await AllIdsAsync($"/api/v1/instances?status=Failed&createdFrom={since}"));
        Assert.DoesNotContain(instanceId, await AllIdsAsync("/api/v1/instances?workflow=onboarding"));

        JsonNode summary = (await GetJsonAsync("/api/v1/instances/summary"))!;
        Assert.True((int?)summary["byWorkflow"]?["deal-invoice"]?["Completed"] >= 1, summary.ToJsonString());
        Assert.True((bool?)summary["complete"]);

        JsonNode history = (await GetJsonAsync($"/api/v1/instances/{instanceId}/history"))!;
        JsonArray entries = (JsonArray)history["entries"]!;
        Assert.True(entries.Count > 2, history.ToJsonString());
        Assert.Equal("started", (string?)entries[0]!["kind"]);
        Assert.Contains(entries, e => (string?)e!["kind"] == "activity" && (string?)e["name"] == "FetchCrmDealActivity" && (string?)e["outcome"] == "completed");
        Assert.Contains(entries, e => (string?)e!["kind"] == "activity" && (string?)e["name"] == "CreateErpInvoiceActivity" && (string?)e["outcome"] == "completed");
        Assert.Equal("completed", (string?)entries[^1]!["kind"]);

        JsonNode view = (await GetJsonAsync($"/api/v1/instances/{instanceId}"))!;
        Assert.Equal(("deal-invoice", dealId), ((string?)view["workflow"], (string?)view["key"]));
        Assert.Equal($"/api/v1/instances/{instanceId}/history", (string?)view["links"]!["history"]);
        Assert.StartsWith("/api/v1/api-calls/", (string?)view["links"]!["apiCalls"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=Stuck", "status")]
    [InlineData("workflow=deals", "workflow")]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("createdFrom=yesterday", "createdFrom")]
    [InlineData("continuationToken=not-ours", "continuationToken")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        using HttpResponseMessage response = await GetAsync($"/api/v1/instances?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]);
    }

    [Fact]
    public async Task History_of_an_unknown_instance_is_a_404_problem()
    {
        using HttpResponseMessage response = await GetAsync("/api/v1/instances/deal-invoice-nope/history");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<List<string>> AllIdsAsync(string path)
    {
        var ids = new List<string>();
        string? token = null;
        for (int pages = 0; pages < 50; pages++)
        {
            JsonNode page = (await GetJsonAsync(token is null ? path : $"{path}&continuationToken={token}"))!;
            ids.AddRange(((JsonArray)page["items"]!).Select(i => (string)i!["instanceId"]!));
            token = (string?)page["continuationToken"];
            if (token is null)
            {
                return ids;
            }
        }

        return ids;
    }

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", ReaderKey);
        return await fixture.Api.SendAsync(request);
    }

    private async Task<JsonNode?> GetJsonAsync(string path)
    {
        using HttpResponseMessage response = await GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound, $"GET {path}: {(int)response.StatusCode} {body}\n{string.Join('\n', fixture.Host.Output.Split('\n').TakeLast(40))}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : JsonNode.Parse(body);
    }
}
