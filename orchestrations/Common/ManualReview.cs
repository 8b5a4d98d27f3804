using Microsoft.DurableTask;

namespace Integration.Orchestrations.Common;

/// <summary>One thing an operator may answer, e.g. "use-customer" (with a value) or "cancel".</summary>
public sealed record ReviewAction(string Name, string Description, bool RequiresValue);

/// <summary>What a workflow asks an operator; published in its custom status so the decision endpoint can check answers.</summary>
public sealed record ReviewRequest(string Reason, IReadOnlyList<ReviewAction> Actions);

/// <summary>An operator's answer, delivered to the waiting workflow as an external event.</summary>
public sealed record ReviewDecision(string Action, string? Value, string? ReviewedBy, string? Comment);

/// <summary>Asks for an alert about a review: the first request (escalation 0) or an overdue reminder.</summary>
public sealed record ReviewAlertInput(string InstanceId, string CorrelationId, ReviewRequest Request, int Escalation);

/// <summary>
/// The one manual-review mechanism every workflow uses: publish what is needed in the custom status,
/// alert, then wait for the decision event; each time the wait runs past the escalation interval,
/// alert again at a higher severity. A workflow never guesses past a question only a person can answer.
/// </summary>
public static class ManualReview
{
    public const string DecisionEvent = "review-decision";
    public const string AwaitingStep = "awaiting-review";

    /// <summary>How long an unanswered review waits before each escalation.</summary>
    public static readonly TimeSpan EscalateAfter = TimeSpan.FromHours(4);

    /// <summary>Escalations before the workflow stops reminding and simply waits.</summary>
    public const int MaxEscalations = 3;

    public static async Task<ReviewDecision> RequestAsync(TaskOrchestrationContext context, ReviewRequest request, string correlationId) =>
        (await RequestAsync<bool>(context, request, correlationId, interrupt: null))!;

    /// <summary>
    /// As above, but gives up when <paramref name="interrupt"/> completes first (e.g. the business
    /// object changed and the question may no longer apply): then the answer is null.
    /// </summary>
    public static async Task<ReviewDecision?> RequestAsync<TInterrupt>(
        TaskOrchestrationContext context, ReviewRequest request, string correlationId, Task<TInterrupt>? interrupt)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        context.SetCustomStatus(new WorkflowStatus(AwaitingStep, request.Reason, context.CurrentUtcDateTime) { Review = request });
        await context.CallActivityAsync(
            ActivityNames.RaiseReviewAlert, new ReviewAlertInput(context.InstanceId, correlationId, request, 0), WorkflowRetry.Standard);

        // One waiter for the whole review: a second WaitForExternalEvent would queue behind the first.
        Task<ReviewDecision> decision = context.WaitForExternalEvent<ReviewDecision>(DecisionEvent);
        for (int escalation = 1; escalation <= MaxEscalations; escalation++)
        {
            using var cancelTimer = new CancellationTokenSource();
            Task timer = context.CreateTimer(context.CurrentUtcDateTime.Add(EscalateAfter), cancelTimer.Token);
            Task first = interrupt is null ? await Task.WhenAny(decision, timer) : await Task.WhenAny(decision, interrupt, timer);
            if (first != timer)
            {
                // Synchronous on purpose: CancelAsync runs on the thread pool, and an orchestrator that
                // awaits a non-durable task ends its episode there and never resumes.
                cancelTimer.Cancel();
                return first == decision ? await decision : null;
            }

            await context.CallActivityAsync(
                ActivityNames.RaiseReviewAlert, new ReviewAlertInput(context.InstanceId, correlationId, request, escalation), WorkflowRetry.Standard);
        }

        if (interrupt is null)
        {
            return await decision;
        }

        return await Task.WhenAny(decision, interrupt) == decision ? await decision : null;
    }
}
