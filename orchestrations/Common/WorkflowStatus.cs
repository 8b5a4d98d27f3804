namespace Integration.Orchestrations.Common;

/// <summary>
/// The custom status every workflow publishes, so support staff see where it is without reading history.
/// </summary>
/// <param name="Step">A short machine-readable step name, e.g. "creating-invoice".</param>
/// <param name="Detail">A human sentence about the step, e.g. "waiting until 2026-11-30T09:00 Europe/London".</param>
/// <param name="UpdatedAt">Orchestration time (replay-safe) of the change.</param>
public sealed record WorkflowStatus(string Step, string? Detail, DateTime UpdatedAt)
{
    /// <summary>While the step is "awaiting-review": the question and the answers accepted.</summary>
    public ReviewRequest? Review { get; init; }

    /// <summary>While the workflow waits on a durable timer (e.g. for the next business day): when it resumes.</summary>
    public DateTimeOffset? WaitingUntil { get; init; }
}
