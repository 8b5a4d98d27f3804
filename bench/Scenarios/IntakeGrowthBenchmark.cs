using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Bench.Measurement;
using Integration.Orchestrations.Routing;
using Integration.SendEvent;

namespace Integration.Bench.Scenarios;

/// <summary>
/// (l) Intake as the dedupe table grows: the acceptance run of (a) on the table as it is, then
/// <c>fillRows</c> more accepted deliveries recorded, then the same run again; the figure is the second
/// rate over the first. The rows are written straight through the product's own
/// <see cref="ReceivedEventStore"/> (the rows the ingress writes after queueing), not over HTTP: sending
/// 50,000 webhooks would also queue 50,000 messages for the dispatcher and take many minutes.
/// Diagnostic: a missed dedupe lookup (a point read of an id never seen) timed on its own, before and after.
/// </summary>
public static class IntakeGrowthBenchmark
{
    private const int LookupSamples = 200;

    public static async Task<IntakeGrowthResult> RunAsync(
        WebhookSender sender, string storage, StorageNames names, ReceivedEventStore received, int fillRows, int senders, TimeSpan warmup, TimeSpan duration,
        TimeSpan drainTimeout, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(progress);

        await QueueDrain.WaitAsync(storage, names.EventsQueue, drainTimeout, cancellationToken).ConfigureAwait(false);
        var rowsBefore = await CountRowsAsync(storage, names.ReceivedEventsTable, cancellationToken).ConfigureAwait(false);
        var lookupBefore = await MissedLookupsAsync(received, cancellationToken).ConfigureAwait(false);
        var before = await IngressBenchmark.RunAsync(sender, senders, warmup, duration, cancellationToken).ConfigureAwait(false);
        progress(string.Create(CultureInfo.InvariantCulture,
            $"    before: {rowsBefore} rows, {before.RequestsPerSecond:0.0} req/s (p50 {before.Latency.P50:0.0} ms, p99 {before.Latency.P99:0.0} ms); missed lookup p50 {lookupBefore.P50:0.00} ms"));

        var fill = await FillAsync(received, fillRows, cancellationToken).ConfigureAwait(false);
        progress(string.Create(CultureInfo.InvariantCulture, $"    filled: {fillRows} rows in {fill.TotalSeconds:0.0} s"));

        await QueueDrain.WaitAsync(storage, names.EventsQueue, drainTimeout, cancellationToken).ConfigureAwait(false);
        var rowsAfter = await CountRowsAsync(storage, names.ReceivedEventsTable, cancellationToken).ConfigureAwait(false);
        var lookupAfter = await MissedLookupsAsync(received, cancellationToken).ConfigureAwait(false);
        var after = await IngressBenchmark.RunAsync(sender, senders, warmup, duration, cancellationToken).ConfigureAwait(false);
        return new IntakeGrowthResult(rowsBefore, before, lookupBefore, fillRows, fill, rowsAfter, after, lookupAfter);
    }

    /// <summary>Records <paramref name="rows"/> deliveries the way the ingress does, 32 at a time.</summary>
    private static async Task<TimeSpan> FillAsync(ReceivedEventStore received, int rows, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, rows),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, ct) => await received.RecordAsync(Envelope("crm-" + EventIds.NewEventId().ToString(CultureInfo.InvariantCulture), now), ct).ConfigureAwait(false))
            .ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>One at a time, so each read is timed alone: ids never recorded, the lookup every new delivery makes.</summary>
    private static async Task<LatencySummary> MissedLookupsAsync(ReceivedEventStore received, CancellationToken cancellationToken)
    {
        var samples = new List<double>(LookupSamples);
        for (var i = 0; i < LookupSamples; i++)
        {
            var envelope = Envelope("crm-missing-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow);
            var start = Stopwatch.GetTimestamp();
            await received.WasReceivedAsync(envelope, cancellationToken).ConfigureAwait(false);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return LatencySummary.Of(samples);
    }

    private static async Task<long> CountRowsAsync(string storage, string tableName, CancellationToken cancellationToken)
    {
        var rows = 0L;
        var table = new TableClient(storage, tableName);
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows++;
        }

        return rows;
    }

    private static EventEnvelope Envelope(string id, DateTimeOffset at) =>
        new(id, "crm", EventTypes.CrmDealPropertyChanged, at, at, "bench-fill", "0", default);
}
