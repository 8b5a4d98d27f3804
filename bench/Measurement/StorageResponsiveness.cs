using System.Diagnostics;
using Azure;
using Azure.Storage.Queues;

namespace Integration.Bench.Measurement;

/// <summary>
/// Times one trivial storage call (the queue service's properties) once a second while a phase runs:
/// how long any storage request waits in Azurite at that moment, the engine's included.
/// </summary>
public sealed class StorageResponsiveness : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<double> samples = [];
    private readonly Task loop;

    private StorageResponsiveness(string storage) => loop = ProbeAsync(new QueueServiceClient(storage), stop.Token);

    public static StorageResponsiveness Start(string storage) => new(storage);

    /// <summary>Stops probing and summarises the answer times in milliseconds.</summary>
    public async Task<LatencySummary> StopAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        lock (samples)
        {
            return LatencySummary.Of(samples);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        stop.Dispose();
    }

    private async Task ProbeAsync(QueueServiceClient queues, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                await queues.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // An answer all the same; its time counts.
            }

            lock (samples)
            {
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
    }
}
