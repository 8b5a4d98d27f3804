using Microsoft.DurableTask;

namespace Integration.Orchestrations.Common;

/// <summary>
/// The outer retry layer for activities (seconds to minutes, across host restarts). HTTP-level retries
/// inside one activity attempt are the connectors' resilience pipeline; this covers what outlives them.
/// </summary>
public static class WorkflowRetry
{
    /// <summary>Eight attempts over about ten minutes; permanent failures are not retried.</summary>
    public static TaskOptions Standard { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMinutes(5))
    {
        HandleFailure = failure => !failure.IsCausedBy<PermanentActivityFailureException>(),
    });
}
