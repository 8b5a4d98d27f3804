using System.Diagnostics;
using Grpc.Core;
using Microsoft.DurableTask.Client;

namespace Integration.Bench.Measurement;

/// <summary>
/// Waits until a known set of orchestration instances has finished. It queries finished instances by
/// id prefix once a second (one cheap call, little load on the host under test) and falls back to
/// reading the unfinished ones individually if the server does not implement queries.
/// </summary>
public static class CompletionWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private static readonly OrchestrationRuntimeStatus[] Finished =
    [
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    ];

    /// <param name="client">A client of the engine that runs the instances.</param>
    /// <param name="idPrefix">Common prefix of the instance ids, for the query.</param>
    /// <param name="instanceIds">The instances to wait for.</param>
    /// <param name="startedAt">Wall-clock time of the clock start (compared with the engine's LastUpdatedAt).</param>
    /// <param name="startTimestamp">Stopwatch timestamp of the clock start.</param>
    /// <param name="timeout">Give up this long after the clock start.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<CompletionResult> WaitAsync(
        DurableTaskClient client,
        string idPrefix,
        IReadOnlyCollection<string> instanceIds,
        DateTimeOffset startedAt,
        long startTimestamp,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var pending = new HashSet<string>(instanceIds, StringComparer.Ordinal);
        var finished = new Dictionary<string, OrchestrationMetadata>(StringComparer.Ordinal);
        var useQuery = true;

        while (pending.Count > 0 && Stopwatch.GetElapsedTime(startTimestamp) < timeout)
        {
            if (useQuery)
            {
                try
                {
                    await QueryAsync(client, idPrefix, pending, finished, cancellationToken).ConfigureAwait(false);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
                {
                    useQuery = false;
                    continue;
                }
            }
            else
            {
                await ReadEachAsync(client, pending, finished, cancellationToken).ConfigureAwait(false);
            }

            if (pending.Count > 0)
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        var detected = Stopwatch.GetElapsedTime(startTimestamp);
        var lastUpdate = finished.Count == 0 ? startedAt : finished.Values.Max(m => m.LastUpdatedAt);
        var elapsed = lastUpdate - startedAt;
        if (elapsed <= TimeSpan.Zero || elapsed > detected)
        {
            // Clock skew between the engine's timestamps and ours: fall back to what we observed.
            elapsed = detected;
        }

        return new CompletionResult(
            finished.Values.Count(m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed),
            finished.Values.Count(m => m.RuntimeStatus != OrchestrationRuntimeStatus.Completed),
            pending.Count,
            elapsed,
            detected,
            useQuery ? "instance query by id prefix, every 1 s" : "per-instance reads, every 1 s",
            LatencySummary.Of(finished.Values.Select(m => (m.LastUpdatedAt - m.CreatedAt).TotalMilliseconds)),
            finished);
    }

    private static async Task QueryAsync(
        DurableTaskClient client, string idPrefix, HashSet<string> pending, Dictionary<string, OrchestrationMetadata> finished, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = idPrefix,
            Statuses = Finished,
            PageSize = 1000,
            FetchInputsAndOutputs = false,
        };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (pending.Remove(instance.InstanceId))
            {
                finished[instance.InstanceId] = instance;
            }
        }
    }

    private static async Task ReadEachAsync(
        DurableTaskClient client, HashSet<string> pending, Dictionary<string, OrchestrationMetadata> finished, CancellationToken cancellationToken)
    {
        var done = new System.Collections.Concurrent.ConcurrentBag<OrchestrationMetadata>();
        await Parallel.ForEachAsync(
            pending.ToArray(),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, ct).ConfigureAwait(false);
                if (instance is not null && Finished.Contains(instance.RuntimeStatus))
                {
                    done.Add(instance);
                }
            }).ConfigureAwait(false);
        foreach (var instance in done)
        {
            pending.Remove(instance.InstanceId);
            finished[instance.InstanceId] = instance;
        }
    }
}
