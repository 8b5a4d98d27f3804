using Integration.Bench.Measurement;

namespace Integration.Bench.Scenarios;

/// <summary>Figures of (k): how long a full HubSpot batch waits for its 202, and the checks on what was queued.</summary>
/// <param name="Batches">Measured batches, sent one after another.</param>
/// <param name="BatchSize">Events per batch.</param>
/// <param name="Acknowledge">Per batch, send to complete 202, in milliseconds.</param>
/// <param name="RepeatMilliseconds">The repeat of the last batch (all duplicates), in milliseconds.</param>
/// <param name="Events">Events accepted in the measured batches.</param>
/// <param name="Unrecorded">Accepted events without a ReceivedEvents row afterwards.</param>
/// <param name="Problems">Answers that were not 202 with the expected events and duplicate flags.</param>
public sealed record BatchAcknowledgeResult(
    int Batches, int BatchSize, LatencySummary Acknowledge, double RepeatMilliseconds, int Events, int Unrecorded, IReadOnlyList<string> Problems)
{
    /// <summary>HubSpot's timeout, after which it retries the whole batch.</summary>
    public const double HubSpotTimeoutMs = 5000;

    public bool Passed => Problems.Count == 0 && Acknowledge.Count == Batches;
}
