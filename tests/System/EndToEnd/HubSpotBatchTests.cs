using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// A full HubSpot batch over real HTTP to the standalone host: answered 202 with all 100 events, each queued
/// once (the dispatcher handles each exactly once) and deduplicated on its own when HubSpot sends it again.
/// The host is this class's own, so its log holds only these events.
/// </summary>
public sealed partial class HubSpotBatchTests : IAsyncLifetime
{
    private StandaloneHostProcess host = null!;
    private HttpClient api = null!;
    private WebhookSender sender = null!;

    public async Task InitializeAsync()
    {
        host = await StandaloneHostProcess.StartAsync();
        api = new HttpClient { BaseAddress = new Uri(host.ApiBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        sender = new WebhookSender(api, host.ApiBaseUrl);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_batch_of_100_is_accepted_each_event_queued_once_and_a_repeat_is_deduplicated_event_by_event()
    {
        HubSpotWebhookEvent[] batch = NewEvents(100);

        JsonArray first = await SendAsync(batch);

        Assert.Equal(100, first.Count);
        Assert.Equal(batch.Select(e => "crm-" + e.EventId.ToString(CultureInfo.InvariantCulture)), first.Select(e => (string)e!["eventId"]!));
        Assert.All(first, e => Assert.False((bool)e!["duplicate"]!));
        await host.ExplainTimeoutAsync(() => Eventually.Until(
            () => Task.FromResult(DispatchedCounts(batch)), counts => counts.Count == 100, TimeSpan.FromSeconds(90), "every event of the batch to be dispatched"));

        // HubSpot retries the whole batch; this time half of it comes with 50 new events.
        HubSpotWebhookEvent[] fresh = NewEvents(50);
        HubSpotWebhookEvent[] retried = [.. batch.Take(50), .. fresh];
        JsonArray second = await SendAsync(retried);

        Assert.Equal([.. Enumerable.Repeat(true, 50), .. Enumerable.Repeat(false, 50)], second.Select(e => (bool)e!["duplicate"]!));
        await host.ExplainTimeoutAsync(() => Eventually.Until(
            () => Task.FromResult(DispatchedCounts(fresh)), counts => counts.Count == 50, TimeSpan.FromSeconds(90), "the new events to be dispatched"));
        await Task.Delay(TimeSpan.FromSeconds(3)); // room for a wrongly queued repeat to be dispatched
        Dictionary<string, int> all = DispatchedCounts([.. batch, .. fresh]);
        Assert.Equal(150, all.Count);
        Assert.All(all, pair => Assert.True(pair.Value == 1, $"{pair.Key} was dispatched {pair.Value} times"));
    }

    [Fact]
    public async Task A_batch_with_an_object_id_no_workflow_instance_id_can_hold_is_refused_whole_with_400_and_nothing_is_queued()
    {
        HubSpotWebhookEvent[] good = NewEvents(2);
        string json = Encoding.UTF8.GetString(SampleEvents.HubSpotBatch(good));
        string oversized = json.Replace($"\"objectId\":{good[1].ObjectId}", $"\"objectId\":\"{new string('7', 2000)}\"", StringComparison.Ordinal);

        using HttpResponseMessage response = await sender.SendCrmAsync(Encoding.UTF8.GetBytes(oversized));
        JsonNode problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:integration:problem:payload-invalid", (string?)problem["type"]);
        Assert.Contains("Event [1] has an 'objectId' that is 2000 characters long; the limit is 1 to 64", (string?)problem["detail"], StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(DispatchedCounts(good));
    }

    private static HubSpotWebhookEvent[] NewEvents(int count)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(0, count).Select(i => SampleEvents.DealPropertyChangeEvent(
            long.Parse(StandaloneHostFixture.NewDealId(), CultureInfo.InvariantCulture), "description", "batch " + i.ToString(CultureInfo.InvariantCulture), EventIds.NewEventId(), now))];
    }

    private async Task<JsonArray> SendAsync(HubSpotWebhookEvent[] events)
    {
        using HttpResponseMessage response = await sender.SendCrmAsync(SampleEvents.HubSpotBatch(events));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return (JsonArray)JsonNode.Parse(body)!["events"]!;
    }

    /// <summary>How often the host's dispatcher logged handling each of these events (once per queue message it took).</summary>
    private Dictionary<string, int> DispatchedCounts(IEnumerable<HubSpotWebhookEvent> events)
    {
        var wanted = events.Select(e => "crm-" + e.EventId.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        return DispatchLine().Matches(host.Output)
            .Select(m => m.Groups["id"].Value)
            .Where(wanted.Contains)
            .GroupBy(id => id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"Event (?<id>crm-[0-9]+) \(crm\.deal\.property_changed\.v1\): ignored")]
    private static partial Regex DispatchLine();
}
