using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Integration.Bench.Measurement;

namespace Integration.Bench.Scenarios;

/// <summary>
/// (s) Storage baseline, a diagnostic: the same concurrency as (a), but straight from the bench to
/// Azurite, making the three calls the ingress makes per webhook (table point read, queue put, table
/// upsert) on scratch resources. Its latency is a floor under the ingress latency on this machine.
/// </summary>
public static class StorageProbe
{
    /// <summary>About the size of an event envelope on the queue.</summary>
    private static readonly string Message = new('x', 700);

    public static async Task<StorageProbeResult> RunAsync(string storage, string name, int senders, TimeSpan duration, CancellationToken cancellationToken)
    {
        var table = new TableClient(storage, name);
        var queue = new QueueClient(storage, name);
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var latencies = Enumerable.Range(0, senders).Select(_ => new List<double>(4096)).ToArray();
            var errors = 0;
            var start = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, senders).Select(i => Task.Run(async () =>
            {
                var n = 0;
                while (Stopwatch.GetElapsedTime(start) < duration)
                {
                    var key = string.Create(CultureInfo.InvariantCulture, $"{i}-{n++}");
                    var sent = Stopwatch.GetTimestamp();
                    try
                    {
                        await table.GetEntityIfExistsAsync<TableEntity>("probe", key, ["PartitionKey"], cancellationToken).ConfigureAwait(false);
                        await queue.SendMessageAsync(Message, cancellationToken).ConfigureAwait(false);
                        await table.UpsertEntityAsync(new TableEntity("probe", key) { ["Body"] = "x" }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                        latencies[i].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                    catch (RequestFailedException)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }, cancellationToken))).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            return new StorageProbeResult(senders, seconds, LatencySummary.Of(latencies.SelectMany(l => l)), errors);
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
            await queue.DeleteIfExistsAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
