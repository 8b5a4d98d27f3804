using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Integration.Bench.Measurement;
using Integration.SendEvent;

namespace Integration.Bench.Scenarios;

/// <summary>
/// (a) Webhook acceptance: N senders post signed HubSpot deliveries back to back for a fixed time.
/// The events are deal "description" changes, which the routing table ignores, so this measures the
/// ingress path (verify, normalise, dedupe, queue, 202) and not workflow starts.
/// </summary>
public static class IngressBenchmark
{
    /// <summary>The changed property: routes to no workflow.</summary>
    public const string IgnoredProperty = "description";

    /// <summary>Deal ids the ingress events name; they never reach the CRM, so any range will do.</summary>
    private const long FirstIngressDeal = 100001;

    public static async Task<IngressResult> RunAsync(WebhookSender sender, int senders, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (warmup > TimeSpan.Zero)
        {
            await RunForAsync(sender, senders, warmup, record: null, cancellationToken).ConfigureAwait(false);
        }

        var record = new Recorder(senders);
        var tail = await RunForAsync(sender, senders, duration, record, cancellationToken).ConfigureAwait(false);
        var answers = record.Answers.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var latencies = record.Latencies.SelectMany(l => l).ToArray();
        return new IngressResult(
            senders,
            duration.TotalSeconds,
            latencies.Count(l => l.AnsweredAt <= duration.TotalSeconds),
            tail,
            LatencySummary.Of(latencies.Select(l => l.Milliseconds)),
            latencies.Count(l => l.Milliseconds > 1000),
            answers.Values.Sum() - answers.GetValueOrDefault("202"),
            answers);
    }

    /// <returns>When the last sender finished, in seconds from the start (its last request may end after the window).</returns>
    private static async Task<double> RunForAsync(WebhookSender sender, int senders, TimeSpan duration, Recorder? record, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(i => Task.Run(
            () => SendLoopAsync(sender, i, start, duration, record, cancellationToken), cancellationToken))).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task SendLoopAsync(WebhookSender sender, int index, long start, TimeSpan duration, Recorder? record, CancellationToken cancellationToken)
    {
        var n = 0L;
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            var dealId = FirstIngressDeal + (index * 1000) + (n++ % 1000);
            var body = SampleEvents.HubSpotPropertyChange(
                dealId, IgnoredProperty, "bench " + n.ToString(CultureInfo.InvariantCulture), EventIds.NewEventId());
            var sent = Stopwatch.GetTimestamp();
            string answer;
            try
            {
                using var response = await sender.SendCrmAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
                answer = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    // Drain the body so the connection is reused; a problem body is small.
                    await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                answer = "error: " + ex.GetType().Name;
            }

            record?.Add(index, Stopwatch.GetElapsedTime(sent).TotalMilliseconds, Stopwatch.GetElapsedTime(start).TotalSeconds, answer);
        }
    }

    /// <summary>Per sender (no locking on the hot path): latencies and answer times; a shared count per answer.</summary>
    private sealed class Recorder(int senders)
    {
        public List<(double Milliseconds, double AnsweredAt)>[] Latencies { get; } =
            Enumerable.Range(0, senders).Select(_ => new List<(double, double)>(4096)).ToArray();

        public ConcurrentDictionary<string, int> Answers { get; } = new(StringComparer.Ordinal);

        public void Add(int sender, double milliseconds, double answeredAt, string answer)
        {
            Latencies[sender].Add((milliseconds, answeredAt));
            Answers.AddOrUpdate(answer, 1, (_, c) => c + 1);
        }
    }
}
