using Microsoft.DurableTask;

namespace Integration.Orchestrations.Common;

/// <summary>
/// The one way a workflow waits for a moment in business time (a business day, a termination's
/// effective time) while staying open to a change that makes the wait moot.
/// </summary>
public static class DurableWaits
{
    /// <summary>
    /// Added to every such timer: the storage queue behind a durable timer counts its delay in whole
    /// seconds and can fire up to a second early, and orchestration time then already reads the
    /// deadline, so only a margin keeps the work from starting before the moment.
    /// </summary>
    public static readonly TimeSpan TimerMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits until <paramref name="until"/>; false when <paramref name="interrupt"/> came first or had
    /// already completed. No timer when the moment is now: a timer costs an extra episode, and an event
    /// already delivered shows as a completed task (replayed in the same order, so deterministic).
    /// </summary>
    /// <param name="margin">
    /// Added to the timer; <see cref="TimerMargin"/> unless the caller's next step holds until the moment
    /// itself (an activity told "not before"), which keeps the work on time instead of a second late.
    /// </param>
    public static async Task<bool> UntilAsync<T>(TaskOrchestrationContext context, DateTimeOffset until, Task<T> interrupt, TimeSpan? margin = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(interrupt);
        if (interrupt.IsCompleted)
        {
            return false;
        }

        if (until.UtcDateTime <= context.CurrentUtcDateTime)
        {
            return true;
        }

        using var cancelTimer = new CancellationTokenSource();
        Task timer = context.CreateTimer(until.UtcDateTime + (margin ?? TimerMargin), cancelTimer.Token);
        if (await Task.WhenAny(interrupt, timer) == interrupt)
        {
            // Synchronous on purpose; see ManualReview.
            cancelTimer.Cancel();
            return false;
        }

        return true;
    }
}
