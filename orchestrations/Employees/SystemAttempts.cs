using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;
using Microsoft.DurableTask;

namespace Integration.Orchestrations.Employees;

/// <summary>
/// One system's calls in an employee workflow. The workflow runs its own retry loop (not a retry policy)
/// so the attempt count and the last error are known to escalations, reviews, evidence and reports.
/// Mutated only by the orchestrator's own (single-threaded, replayed) code.
/// </summary>
public abstract class SystemAttempts(AccessTarget target)
{
    public AccessTarget Target { get; } = target;

    /// <summary>Calls made so far, across every round of retries (a review's "retry" continues the count).</summary>
    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The last failure was permanent (e.g. 403), not just too many transient ones.</summary>
    public bool Rejected { get; private set; }

    /// <summary>
    /// Calls <paramref name="call"/> (given the attempt number) on the <see cref="OffboardingRetry"/> schedule;
    /// the answer, or null on a permanent failure or when the attempts run out: a person decides then.
    /// </summary>
    public async Task<T?> RunAsync<T>(TaskOrchestrationContext context, Func<int, Task<T>> call)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(call);
        Rejected = false;
        for (int round = 1; round <= OffboardingRetry.MaxAttempts; round++)
        {
            Attempts++;
            try
            {
                return await call(Attempts);
            }
            catch (TaskFailedException ex)
            {
                LastError = ex.FailureDetails.ErrorMessage;
                if (WorkflowRetry.IsPermanent(ex.FailureDetails))
                {
                    Rejected = true;
                    return null;
                }
            }

            if (round < OffboardingRetry.MaxAttempts)
            {
                await context.CreateTimer(context.CurrentUtcDateTime + OffboardingRetry.Delay(round), CancellationToken.None);
            }
        }

        return null;
    }
}
