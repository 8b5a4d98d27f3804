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
        HandleFailure = failure => !IsPermanent(failure),
    });

    /// <summary>
    /// Compares the failure's type name rather than calling IsCausedBy: that resolves the type by
    /// scanning loaded assemblies and throws for types forwarded from netstandard (HttpRequestException),
    /// and a throwing handler makes the engine stop retrying altogether.
    /// </summary>
    public static bool IsPermanent(TaskFailureDetails failure)
    {
        for (TaskFailureDetails? f = failure; f is not null; f = f.InnerFailure)
        {
            if (f.ErrorType == typeof(PermanentActivityFailureException).FullName)
            {
                return true;
            }
        }

        return false;
    }
}
