using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Orchestrations.Routing;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>The standalone host checking alerts every second and re-notifying after three seconds, so the tests see it happen.</summary>
public sealed class AlertsHostFixture : StandaloneHostFixture
{
    public const double RenotifySeconds = 3;

    protected override IDictionary<string, string> HostSettings => new Dictionary<string, string>(base.HostSettings)
    {
        ["Alerts__RenotifyMinutes"] = (RenotifySeconds / 60).ToString(CultureInfo.InvariantCulture),
        ["Alerts__CheckSeconds"] = "1",
    };
}

/// <summary>End-to-end tests of dead-letter replay and alert states, on their own host (its alert timings are short).</summary>
[CollectionDefinition(Name)]
public sealed class AlertsHostCollection : ICollectionFixture<AlertsHostFixture>
{
    public const string Name = "standalone host (alerts)";
}

/// <summary>
/// Over HTTP on the standalone host with the sandbox: a poison-queue dead letter is replayed once (its event reaches its
/// workflow, which completes, and its alert resolves itself) and a second replay is refused; an alert stays open and is
/// re-notified until it is acknowledged; a review-waiting alert resolves itself when its workflow completes.
/// </summary>
[Collection(AlertsHostCollection.Name)]
public sealed class AlertsAndReplayTests(AlertsHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_poisoned_event_is_replayed_once_to_its_workflow_and_a_second_replay_is_refused()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        var envelope = new EventEnvelope("crm-" + Guid.NewGuid().ToString("N"), "crm", EventTypes.CrmDealClosed, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
            "corr-" + Guid.NewGuid().ToString("N"), dealId, JsonDocument.Parse("{}").RootElement);

        // As if dispatching it had failed five times (storage down, say): the message is on the poison queue.
        await PoisonQueue().SendMessageAsync(JsonSerializer.Serialize(envelope, EnvelopeJson.Options));
        JsonNode letter = await Eventually.Until(
            async () => (await GetAsync("/api/v1/dead-letters?source=crm&status=open&pageSize=200"))["items"]!.AsArray().FirstOrDefault(l => (string?)l!["reference"] == envelope.Id),
            l => l is not null, Deadline, "the poisoned event's dead letter") ?? throw new InvalidOperationException();
        string id = (string)letter["id"]!;
        Assert.Null(await fixture.InstanceAsync($"deal-invoice-{dealId}"));

        using (HttpResponseMessage replayed = await PostAsync($"/api/v1/dead-letters/{id}/replay", """{"reason":"storage is back"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
            Assert.Equal("done", (string?)JsonNode.Parse(await replayed.Content.ReadAsStringAsync())!["result"]);
        }

        await Eventually.Until(
            async () => await fixture.InstanceAsync($"deal-invoice-{dealId}"), i => (string?)i?["runtimeStatus"] == "Completed", Deadline, "the replayed event's workflow to complete");
        Assert.Single(await fixture.Sandbox.InvoicesForDealAsync(dealId));

        using (HttpResponseMessage again = await PostAsync($"/api/v1/dead-letters/{id}/replay", string.Empty))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            JsonNode problem = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
            Assert.Equal("replayed", (string?)problem["state"]);
            Assert.Contains("already replayed", (string?)problem["detail"], StringComparison.Ordinal);
        }

        JsonNode listed = (await GetAsync("/api/v1/dead-letters?source=crm&status=replayed&pageSize=200"))["items"]!.AsArray().First(l => (string?)l!["id"] == id)!;
        Assert.Equal("development operator", (string?)listed["replayedBy"]);

        // Its alert resolves itself: the dead letter was replayed and the workflow then completed.
        await Eventually.Until(
            async () => (await GetAsync($"/api/v1/alerts?kind=dead-letter&instanceId=deal-invoice-{dealId}"))["items"]!.AsArray().SingleOrDefault(),
            a => (string?)a?["state"] == "resolved" && (string?)a["resolvedBy"] == "system", Deadline, "the dead letter's alert to resolve itself");
    }

    [Fact]
    public async Task An_alert_is_renotified_until_acknowledged_and_then_no_more()
    {
        string marker = "not-an-envelope-" + Guid.NewGuid().ToString("N");
        await PoisonQueue().SendMessageAsync($"{{\"garbage\":\"{marker}\"}}");
        JsonNode alert = await Eventually.Until(
            async () => (await GetAsync("/api/v1/alerts?kind=dead-letter&state=open&pageSize=200"))["items"]!.AsArray().FirstOrDefault(a => ((string?)a!["reference"])!.StartsWith("unparseable-", StringComparison.Ordinal)),
            a => a is not null, Deadline, "the dead letter's alert") ?? throw new InvalidOperationException();
        string id = (string)alert["id"]!;
        string reference = (string)alert["reference"]!;

        await Eventually.Until(() => RemindersSentAsync(reference), n => n >= 2, Deadline, "two reminders of the open alert");

        using (HttpResponseMessage acknowledged = await PostAsync($"/api/v1/alerts/{id}/acknowledge", """{"reason":"on it"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
            JsonNode body = JsonNode.Parse(await acknowledged.Content.ReadAsStringAsync())!;
            Assert.Equal("done", (string?)body["result"]);
            Assert.Equal("acknowledged", (string?)body["alert"]!["state"]);
            Assert.Equal("on it", (string?)body["alert"]!["acknowledgedReason"]);
        }

        int atAcknowledge = await RemindersSentAsync(reference);
        await Task.Delay(TimeSpan.FromSeconds(AlertsHostFixture.RenotifySeconds * 3));
        Assert.True(await RemindersSentAsync(reference) <= atAcknowledge + 1, "no reminders once acknowledged (one may have been claimed as it was acknowledged)");

        using (HttpResponseMessage again = await PostAsync($"/api/v1/alerts/{id}/acknowledge", string.Empty))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal("skipped", (string?)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["result"]);
        }

        using (HttpResponseMessage resolved = await PostAsync($"/api/v1/alerts/{id}/resolve", """{"reason":"garbage from a test"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        using (HttpResponseMessage late = await PostAsync($"/api/v1/alerts/{id}/acknowledge", string.Empty))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Equal("resolved", (string?)JsonNode.Parse(await late.Content.ReadAsStringAsync())!["state"]);
        }

        using var readerRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/alerts/{id}/resolve");
        readerRequest.Headers.Add("X-Api-Key", "dev-reader-key");
        using HttpResponseMessage reader = await fixture.Api.SendAsync(readerRequest);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
    }

    [Fact]
    public async Task A_review_waiting_alert_resolves_itself_when_its_workflow_completes_after_the_answer()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        string instanceId = $"deal-invoice-{dealId}";
        await fixture.Sandbox.SeedDealWithoutCompanyAsync(dealId);
        using (HttpResponseMessage sent = await fixture.Sender.SendCrmAsync(SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId())))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        JsonNode waiting = await Eventually.Until(
            async () => (await GetAsync($"/api/v1/alerts?kind=review-waiting&instanceId={instanceId}"))["items"]!.AsArray().SingleOrDefault(),
            a => a is not null, Deadline, "the review-waiting alert") ?? throw new InvalidOperationException();
        Assert.Equal("open", (string?)waiting["state"]);

        // Still waiting for a person: it stays open however often it is checked.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal("open", (string?)(await GetAsync($"/api/v1/alerts?kind=review-waiting&instanceId={instanceId}"))["items"]![0]!["state"]);

        using (HttpResponseMessage answered = await fixture.DecideAsync(instanceId, """{"action":"cancel","reviewedBy":"ana"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        }

        await Eventually.Until(
            async () => (await GetAsync($"/api/v1/alerts?kind=review-waiting&instanceId={instanceId}"))["items"]![0],
            a => (string?)a?["state"] == "resolved", Deadline, "the review alert to resolve itself");
        Assert.Equal("Completed", (string?)(await fixture.InstanceAsync(instanceId))!["runtimeStatus"]);
    }

    [Fact]
    public async Task Bad_list_queries_are_400_problems()
    {
        foreach (string path in (string[])["/api/v1/dead-letters?status=lost", "/api/v1/dead-letters?continuationToken=bm9wZQ", "/api/v1/alerts?state=closed", "/api/v1/alerts?pageSize=5000"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Api-Key", "dev-reader-key");
            using HttpResponseMessage response = await fixture.Api.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private QueueClient PoisonQueue() =>
        new(TestEnvironment.StorageConnectionString, StorageNames.For(fixture.Host.TaskHub).EventsPoisonQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private async Task<int> RemindersSentAsync(string reference) =>
        (await fixture.Sandbox.AlertsAsync()).Count(a => (string?)a!["body"]!["reference"] == reference && (bool?)a["body"]!["reminder"] == true);

    private async Task<JsonNode> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", StandaloneHostFixture.OperationsKey);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);
        return JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", StandaloneHostFixture.OperationsKey);
        return await fixture.Api.SendAsync(request);
    }
}
