using Microsoft.DurableTask.Client;

namespace Integration.Bench.Measurement;

/// <summary>How a batch of orchestrations ended and when the last one finished, as the engine recorded it.</summary>
/// <param name="Completed">Instances in state Completed.</param>
/// <param name="Failed">Instances that ended Failed or Terminated.</param>
/// <param name="Pending">Instances not finished when watching stopped (non-zero only on timeout).</param>
/// <param name="Elapsed">From the clock start to the last instance's LastUpdatedAt (the engine's completion time).</param>
/// <param name="DetectedAfter">From the clock start to when the watcher saw the last one finish (includes the poll interval).</param>
/// <param name="Method">How completion was observed: an instance query or per-instance reads.</param>
/// <param name="RunTimes">Per instance, created to last update in milliseconds: how long one orchestration took inside the engine.</param>
/// <param name="Instances">The finished instances by id, as last read.</param>
public sealed record CompletionResult(
    int Completed,
    int Failed,
    int Pending,
    TimeSpan Elapsed,
    TimeSpan DetectedAfter,
    string Method,
    LatencySummary RunTimes,
    IReadOnlyDictionary<string, OrchestrationMetadata> Instances)
{
    public bool AllCompleted => Pending == 0 && Failed == 0;
}
