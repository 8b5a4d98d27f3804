using Integration.Bench.Measurement;

namespace Integration.Bench.Scenarios;

/// <summary>Figures of the end-to-end run: webhook to invoice for a batch of closed deals.</summary>
/// <param name="Deals">Deals closed.</param>
/// <param name="Concurrency">Concurrent webhook senders.</param>
/// <param name="SendSeconds">Time to get all deliveries accepted.</param>
/// <param name="RejectedSends">Deliveries not answered 202 after retries.</param>
/// <param name="Completion">How the orchestrations ended and when.</param>
/// <param name="Sandbox">The vendor-side cross-check; null when the run did not get that far.</param>
/// <param name="DispatchDelays">Per deal, webhook answered 202 to orchestration created, in milliseconds: queue and dispatcher time.</param>
/// <param name="Io">Vendor calls and log rows the run caused; null when the run did not finish.</param>
public sealed record EndToEndResult(
    int Deals,
    int Concurrency,
    double SendSeconds,
    int RejectedSends,
    CompletionResult Completion,
    SandboxCheckResult? Sandbox,
    LatencySummary DispatchDelays,
    ProductIo? Io)
{
    public double WorkflowsPerSecond => Completion.Completed / Completion.Elapsed.TotalSeconds;

    public bool Passed => RejectedSends == 0 && Completion.AllCompleted && Completion.Completed == Deals && Sandbox is { Passed: true };
}
