using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using Integration.Bench.Measurement;
using Integration.DevHost.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Bench.Raw;

/// <summary>
/// (c) Raw engine baseline: starts N no-op orchestrations directly on a bare engine (same Azurite,
/// own task hub) and times until all have completed. What the product cannot beat on this machine.
/// </summary>
public static class RawEngineBenchmark
{
    private const string IdPrefix = "noop-";

    public static async Task<RawEngineResult> RunAsync(
        string storage, string taskHub, int grpcPort, DurableTaskSettings hub, int count, int concurrency, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var app = RawEngineHost.Build(storage, taskHub, grpcPort, hub);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The worker may have dialled the shared channel before Kestrel listened; wait until it is ready.
            using (var ready = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                ready.CancelAfter(TimeSpan.FromSeconds(60));
                await app.Services.GetRequiredService<GrpcChannel>().ConnectAsync(ready.Token).ConfigureAwait(false);
            }

            var client = app.Services.GetRequiredService<DurableTaskClient>();

            // Unmeasured warm-up (one wave of instances): the product's engine had been running, JIT-compiled
            // and owning its partitions for a while before (b); this one gets the same chance.
            var warmup = Enumerable.Range(1, concurrency).Select(i => "warmup-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            await Task.WhenAll(warmup.Select(id => StartAsync(client, id, cancellationToken))).ConfigureAwait(false);
            var warm = await CompletionWatcher.WaitAsync(
                client, "warmup-", warmup, DateTimeOffset.UtcNow, Stopwatch.GetTimestamp(), TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
            if (!warm.AllCompleted)
            {
                throw new InvalidOperationException("The raw engine did not complete its warm-up orchestrations within 2 minutes.");
            }

            var ids = Enumerable.Range(1, count).Select(i => IdPrefix + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var startedAt = DateTimeOffset.UtcNow;
            var start = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(
                ids,
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (id, ct) => await StartAsync(client, id, ct).ConfigureAwait(false)).ConfigureAwait(false);
            var startSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

            var completion = await CompletionWatcher.WaitAsync(client, IdPrefix, ids, startedAt, start, timeout, cancellationToken).ConfigureAwait(false);
            return new RawEngineResult(count, concurrency, startSeconds, completion);
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await app.StopAsync(stopping.Token).ConfigureAwait(false);
        }
    }

    private static Task<string> StartAsync(DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(NoopWorkflow.OrchestratorName, id, new StartOrchestrationOptions(id), cancellationToken);
}
