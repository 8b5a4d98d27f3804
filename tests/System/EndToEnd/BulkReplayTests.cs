using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Orchestrations.Routing;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>The standalone host with a brisk bulk-job pace (40 targets a second), so 200 replays take seconds, not minutes.</summary>
public sealed class BulkReplayHostFixture : StandaloneHostFixture
{
    protected override IDictionary<string, string> HostSettings => new Dictionary<string, string>(base.HostSettings)
    {
        ["BulkJobs__TargetsPerSecond"] = "40",
        ["BulkJobs__BatchSize"] = "20",
    };
}

/// <summary>
/// Issue 10's bulk replay, end to end over HTTP: 200 events dead-lettered from the poison queue are replayed by one bulk
/// job, which reports its progress while it runs and ends with 200 done; every deal is invoiced exactly once, and a
/// second bulk replay of the same dead letters does nothing.
/// </summary>
public sealed class BulkReplayTests(BulkReplayHostFixture fixture) : IClassFixture<BulkReplayHostFixture>
{
    private const int Count = 200;

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task A_bulk_replay_of_200_dead_letters_reports_progress_and_invoices_each_deal_once()
    {
        string since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O", CultureInfo.InvariantCulture);
        string[] deals = Enumerable.Range(0, Count).Select(_ => StandaloneHostFixture.NewDealId()).ToArray();
        var poison = new QueueClient(TestEnvironment.StorageConnectionString, StorageNames.For(fixture.Host.TaskHub).EventsPoisonQueue,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        // As if dispatching each had failed until the queue gave up: 200 closed deals on the poison queue.
        foreach (string deal in deals)
        {
            var envelope = new EventEnvelope("crm-" + Guid.NewGuid().ToString("N"), "crm", EventTypes.CrmDealClosed, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
                "corr-" + Guid.NewGuid().ToString("N"), deal, JsonDocument.Parse("{}").RootElement);
            await poison.SendMessageAsync(JsonSerializer.Serialize(envelope, EnvelopeJson.Options));
        }

        string filter = $"source=crm&status=open&from={Uri.EscapeDataString(since)}";
        await Eventually.Until(() => CountDeadLettersAsync(filter), n => n == Count, Deadline, $"{Count} open dead letters");

        // The host has its own task hub: the summary counts exactly these, once each.
        Assert.Equal(Count, (int)(await GetAsync("/api/v1/instances/summary"))["openDeadLetters"]!);

        string location = await StartReplayAsync(since);
        var seen = new List<JsonObject>();
        JsonObject final = await Eventually.Until(
            async () =>
            {
                JsonObject job = await GetAsync(location);
                seen.Add(job);
                return job;
            },
            job => (string?)job["state"] != "running", Deadline, "the bulk replay to finish");

        Assert.Equal("completed", (string?)final["state"]);
        Assert.Equal(Count, (int)final["matched"]!);
        Assert.Equal(Count, (int)final["done"]!);
        Assert.Equal(0, (int)final["failed"]!);
        Assert.Equal(0, (int)final["skipped"]!);

        // Progress was reported while it ran: a running job's counts, part of the way.
        Assert.Contains(seen, job => (string?)job["state"] == "running" && (int)job["done"]! is > 0 and < Count);

        await Eventually.Until(
            async () => (await Task.WhenAll(deals.Select(d => fixture.InstanceAsync($"deal-invoice-{d}")))).Count(i => (string?)i?["runtimeStatus"] == "Completed"),
            completed => completed == Count, Deadline, $"all {Count} replayed deals' workflows to complete");
        await AssertOneInvoiceEachAsync(deals);
        Assert.Equal(0, await CountDeadLettersAsync(filter));
        Assert.Equal(Count, await CountDeadLettersAsync($"source=crm&status=replayed&from={Uri.EscapeDataString(since)}"));

        // Replaying the same dead letters again (now "replayed") touches none of them: each is refused, nothing is sent.
        string again = await StartReplayAsync(since, status: "replayed");
        JsonObject second = await Eventually.Until(() => GetAsync(again), job => (string?)job["state"] != "running", Deadline, "the second bulk replay to finish");
        Assert.Equal(Count, (int)second["matched"]!);
        Assert.Equal(0, (int)second["done"]!);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await AssertOneInvoiceEachAsync(deals);
    }

    private async Task AssertOneInvoiceEachAsync(IReadOnlyCollection<string> deals)
    {
        var perDeal = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string deal in deals)
        {
            perDeal[deal] = (await fixture.Sandbox.InvoicesForDealAsync(deal)).Count;
        }

        Assert.All(perDeal, pair => Assert.True(pair.Value == 1, $"deal {pair.Key} has {pair.Value} invoices"));
    }

    private async Task<string> StartReplayAsync(string since, string status = "open")
    {
        string body = JsonSerializer.Serialize(new { action = "replay", reason = "ERP back", filter = new { source = "crm", status, from = since } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bulk-jobs") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", StandaloneHostFixture.OperationsKey);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Headers.Location?.OriginalString ?? throw new InvalidOperationException("no Location");
    }

    private async Task<int> CountDeadLettersAsync(string query)
    {
        int count = 0;
        string? token = null;
        do
        {
            JsonObject page = await GetAsync($"/api/v1/dead-letters?{query}&pageSize=200{(token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token))}");
            count += page["items"]!.AsArray().Count;
            token = (string?)page["continuationToken"];
        }
        while (token is not null);
        return count;
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", StandaloneHostFixture.ReaderKey);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);
        return (JsonObject)JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
    }
}
