using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Integration.Activities.Queueing;
using Integration.Bench.Measurement;
using Integration.Orchestrations.Routing;
using Integration.SendEvent;

namespace Integration.Bench.Scenarios;

/// <summary>
/// (k) Time to acknowledge a full HubSpot batch: signed deliveries of 100 events each (HubSpot's most per
/// request) are sent one after another, each timed from send to the complete 202. HubSpot gives up after
/// about 5 s and retries the whole batch. Checked: every answer lists 100 events, none a duplicate; every
/// event has its ReceivedEvents row (written after it was queued); a repeat of the last batch is 100 duplicates.
/// </summary>
public static class BatchAcknowledgeBenchmark
{
    /// <summary>HubSpot's largest batch.</summary>
    public const int BatchSize = 100;

    /// <summary>Deal ids the batch events name; they route to no workflow, so any range will do.</summary>
    private const long FirstBatchDeal = 300001;

    public static async Task<BatchAcknowledgeResult> RunAsync(
        WebhookSender sender, ReceivedEventStore received, int batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(received);
        var problems = new List<string>();

        // One unmeasured batch: connections and the host's first-call paths warm up.
        await SendAsync(sender, NewBatch(), problems, expectDuplicates: false, cancellationToken).ConfigureAwait(false);

        var timings = new List<double>(batches);
        var eventIds = new List<long>(batches * BatchSize);
        HubSpotWebhookEvent[] last = [];
        for (var i = 0; i < batches; i++)
        {
            last = NewBatch();
            eventIds.AddRange(last.Select(e => e.EventId));
            timings.Add(await SendAsync(sender, last, problems, expectDuplicates: false, cancellationToken).ConfigureAwait(false));
        }

        var repeat = await SendAsync(sender, last, problems, expectDuplicates: true, cancellationToken).ConfigureAwait(false);

        var unrecorded = 0;
        await Parallel.ForEachAsync(
            eventIds,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                if (!await received.WasReceivedAsync(Envelope(id), ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref unrecorded);
                }
            }).ConfigureAwait(false);
        if (unrecorded > 0)
        {
            problems.Add($"{unrecorded} of {eventIds.Count} accepted events have no ReceivedEvents row");
        }

        return new BatchAcknowledgeResult(batches, BatchSize, LatencySummary.Of(timings), repeat, eventIds.Count, unrecorded, problems);
    }

    private static HubSpotWebhookEvent[] NewBatch()
    {
        var now = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(0, BatchSize).Select(i => SampleEvents.DealPropertyChangeEvent(
            FirstBatchDeal + i, IngressBenchmark.IgnoredProperty, "batch " + i.ToString(CultureInfo.InvariantCulture), EventIds.NewEventId(), now))];
    }

    /// <returns>Milliseconds from send to the complete answer.</returns>
    private static async Task<double> SendAsync(
        WebhookSender sender, HubSpotWebhookEvent[] batch, List<string> problems, bool expectDuplicates, CancellationToken cancellationToken)
    {
        byte[] body = SampleEvents.HubSpotBatch(batch);
        var start = Stopwatch.GetTimestamp();
        using var response = await sender.SendCrmAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            problems.Add($"a batch was answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
            return elapsed;
        }

        var events = JsonNode.Parse(text)?["events"] as JsonArray;
        var duplicates = events?.Count(e => (bool?)e?["duplicate"] == true) ?? -1;
        var expected = expectDuplicates ? batch.Length : 0;
        if (events?.Count != batch.Length || duplicates != expected)
        {
            problems.Add($"a batch of {batch.Length} was answered with {events?.Count.ToString(CultureInfo.InvariantCulture) ?? "no"} events, {duplicates} duplicates (expected {expected})");
        }

        return elapsed;
    }

    /// <summary>The envelope id and source the HubSpot normaliser gives this event ("crm-{eventId}"), all the dedupe store reads.</summary>
    private static EventEnvelope Envelope(long eventId) => new(
        "crm-" + eventId.ToString(CultureInfo.InvariantCulture), "crm", EventTypes.CrmDealPropertyChanged,
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "bench", "0", default);
}
