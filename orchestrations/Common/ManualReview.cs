using Microsoft.DurableTask;

namespace Integration.Orchestrations.Common;

/// <summary>One thing an operator may answer, e.g. "use-customer" (with a value) or "cancel".</summary>
public sealed record ReviewAction(string Name, string Description, bool RequiresValue);

/// <summary>What a workflow asks an operator; published in its custom status so the decision endpoint can check answers.</summary>
public sealed record ReviewRequest(string Reason, IReadOnlyList<ReviewAction> Actions)
{
    /// <summary>
    /// This asking of the question, set by <see cref="ManualReview"/> when it publishes it: a workflow asks one
    /// question at a time but many over its life (the same one again after a "retry"), so the instance id alone
    /// does not say which one an answer is for. The review route lets exactly one answer win per id.
    /// </summary>
    public string? Id { get; init; }
}

/// <summary>An operator's answer, delivered to the waiting workflow as an external event.</summary>
public sealed record ReviewDecision(string Action, string? Value, string? ReviewedBy, string? Comment)
{
    /// <summary>
    /// The <see cref="ReviewRequest.Id"/> the answer is for, stamped by the review route. A workflow takes an answer
    /// only for the question it is asking; null (an answer raised by something other than the route) is taken as is.
    /// </summary>
    public string? ReviewId { get; init; }
}

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

    /// <summary>
    /// Answers to earlier questions one review passes over before it fails: such an answer is one that lost to a
    /// deal change (carried over by ContinueAsNew) or, rarely, one delivered twice; at most one or two per question.
    /// </summary>
    public const int MaxPassedOver = 100;

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

        // NewGuid is replay-safe: the same id on every replay, a new one for each question asked.
        ReviewRequest asked = request with { Id = context.NewGuid().ToString("N") };
        context.SetCustomStatus(new WorkflowStatus(AwaitingStep, asked.Reason, context.CurrentUtcDateTime) { Review = asked });
        await context.CallActivityAsync(
            ActivityNames.RaiseReviewAlert, new ReviewAlertInput(context.InstanceId, correlationId, asked, 0), WorkflowRetry.Standard);

        // One waiter at a time: a second WaitForExternalEvent would queue behind the first. A new one is
        // registered only after an answer to an earlier question was passed over.
        Task<ReviewDecision> decision = context.WaitForExternalEvent<ReviewDecision>(DecisionEvent);
        int passedOver = 0;
        Task<ReviewDecision> NextDecision()
        {
            // Bounded so history stays bounded; far above anything the review route can deliver.
            return ++passedOver <= MaxPassedOver
                ? context.WaitForExternalEvent<ReviewDecision>(DecisionEvent)
                : throw new InvalidOperationException($"Review {asked.Id} of {context.InstanceId} passed over {MaxPassedOver} answers to earlier questions.");
        }

        for (int escalation = 1; escalation <= MaxEscalations; escalation++)
        {
            using var cancelTimer = new CancellationTokenSource();
            Task timer = context.CreateTimer(context.CurrentUtcDateTime.Add(EscalateAfter), cancelTimer.Token);
            Task first = interrupt is null ? await Task.WhenAny(decision, timer) : await Task.WhenAny(decision, interrupt, timer);
            while (first == decision && !Answers(asked, await decision))
            {
                decision = NextDecision();
                first = interrupt is null ? await Task.WhenAny(decision, timer) : await Task.WhenAny(decision, interrupt, timer);
            }

            if (first != timer)
            {
                // Synchronous on purpose: CancelAsync runs on the thread pool, and an orchestrator that
                // awaits a non-durable task ends its episode there and never resumes.
                cancelTimer.Cancel();
                return first == decision ? await decision : null;
            }

            await context.CallActivityAsync(
                ActivityNames.RaiseReviewAlert, new ReviewAlertInput(context.InstanceId, correlationId, asked, escalation), WorkflowRetry.Standard);
        }

        Task last = interrupt is null ? decision : await Task.WhenAny(decision, interrupt);
        while (last == decision && !Answers(asked, await decision))
        {
            decision = NextDecision();
            last = interrupt is null ? decision : await Task.WhenAny(decision, interrupt);
        }

        return last == decision ? await decision : null;
    }

    /// <summary>
    /// False for an answer to an earlier question (a second answer that reached the instance after the first was
    /// taken, or one carried over by ContinueAsNew): it must not answer the question asked now.
    /// </summary>
    private static bool Answers(ReviewRequest asked, ReviewDecision decision) =>
        decision.ReviewId is null || string.Equals(decision.ReviewId, asked.Id, StringComparison.Ordinal);
}
