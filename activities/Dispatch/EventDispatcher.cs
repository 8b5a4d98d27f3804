using System.Diagnostics;
using Integration.Activities.Queueing;
using Integration.Activities.Tracing;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Dispatch;

/// <summary>
/// Queue message to workflow: route the envelope, then raise the event on the business key's live
/// instance, or start (restart) it. A start never runs twice beside itself (dedupe on live statuses),
/// and a start that loses a race becomes an event, so no change is dropped. An instance can end in the
/// moment a change is raised to it, and the engine then discards the change; so after raising, the
/// dispatcher watches until the instance has taken it, and starts an instance that ended without it
/// again. Any exception leaves the message on the queue to be retried and, in the end, poisoned.
/// </summary>
/// <param name="handOverWatch">How long to watch a live instance for a raised change (30 s; tests shorten it).</param>
/// <param name="queue">The events queue, for fanning out a message meant for several subscribers (one queued before subscriptions, or a replay of one).</param>
public sealed partial class EventDispatcher(ILogger<EventDispatcher> log, TimeSpan? handOverWatch = null, IEventQueue? queue = null)
{
    /// <summary>An instance in one of these states is still running and can hear an event.</summary>
    private static readonly OrchestrationRuntimeStatus[] LiveStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
    ];

    private static readonly OrchestrationRuntimeStatus[] AllStatuses =
    [
        .. LiveStatuses,
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    ];

    /// <summary>Raise, restart or start again at most this often for one message; each round follows a race the engine reported.</summary>
    private const int MaxHandOvers = 3;

    private static readonly TimeSpan HandOverPoll = TimeSpan.FromMilliseconds(100);

    private readonly TimeSpan watch = handOverWatch ?? TimeSpan.FromSeconds(30);

    public Task<DispatchOutcome> DispatchAsync(string message, DurableTaskClient client, CancellationToken cancellationToken) =>
        DispatchAsync(EnvelopeJson.Parse(message), client, cancellationToken);

    public async Task<DispatchOutcome> DispatchAsync(EventEnvelope envelope, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(client);

        // The webhook's trace continues here; the Durable Task client hands the current span to the run it starts.
        using Activity? span = IntegrationTrace.StartDispatch(envelope);
        DispatchOutcome outcome = EventRoutingTable.Route(envelope) switch
        {
            EventRoute.Reconcile reconcile => await ReconcileAsync(envelope, reconcile, client, cancellationToken).ConfigureAwait(false),
            EventRoute.Ignore ignore => new DispatchOutcome(envelope.Id, DispatchOutcome.Ignored, null, ignore.Reason),
            EventRoute.FanOut fanOut => await FanOutAsync(envelope, fanOut, cancellationToken).ConfigureAwait(false),
            var other => throw new InvalidOperationException($"Unhandled route {other.GetType().Name}"),
        };
        LogOutcome(LogText.Safe(envelope.Id), LogText.Safe(envelope.Type), outcome.Action, LogText.Safe(outcome.InstanceId), LogText.Safe(outcome.Detail), LogText.Safe(envelope.CorrelationId));
        return outcome;
    }

    /// <summary>
    /// Queues the message again once per subscriber, side by side, so each runs (and fails) on its own. If one enqueue
    /// fails, the message is retried and all are queued again: the business key's workflow absorbs the repeat.
    /// </summary>
    private async Task<DispatchOutcome> FanOutAsync(EventEnvelope envelope, EventRoute.FanOut route, CancellationToken cancellationToken)
    {
        if (queue is null)
        {
            throw new InvalidOperationException($"Event {envelope.Id} is for several subscribers, and this dispatcher has no queue to fan it out on.");
        }

        await Task.WhenAll(route.Subscriptions.Select(s => queue.EnqueueAsync(envelope with { Subscription = s }, cancellationToken))).ConfigureAwait(false);
        return new DispatchOutcome(envelope.Id, DispatchOutcome.FannedOut, null, string.Join(", ", route.Subscriptions));
    }

    /// <summary>A live instance hears the change; a finished one is started again and reads the source afresh (unless the route says not to).</summary>
    private async Task<DispatchOutcome> ReconcileAsync(
        EventEnvelope envelope, EventRoute.Reconcile route, DurableTaskClient client, CancellationToken cancellationToken)
    {
        for (int round = 1; ; round++)
        {
            OrchestrationMetadata? existing = await client.GetInstanceAsync(route.InstanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (existing is null && !route.StartIfAbsent)
            {
                return new DispatchOutcome(envelope.Id, DispatchOutcome.Ignored, route.InstanceId, "no workflow exists for this key, so there is nothing to reconcile");
            }

            if (existing is not null && !route.RestartIfFinished && !LiveStatuses.Contains(existing.RuntimeStatus))
            {
                return new DispatchOutcome(envelope.Id, DispatchOutcome.Ignored, route.InstanceId,
                    $"the workflow already finished ({existing.RuntimeStatus}) and this event does not start it again");
            }

            if (existing is not null && LiveStatuses.Contains(existing.RuntimeStatus))
            {
                await client.RaiseEventAsync(route.InstanceId, route.EventName, route.Payload, cancellationToken).ConfigureAwait(false);
                if (await TakenAsync(existing, envelope, route, client, cancellationToken).ConfigureAwait(false))
                {
                    return new DispatchOutcome(envelope.Id, DispatchOutcome.Raised, route.InstanceId, route.EventName);
                }

                LogEndedWithoutChange(LogText.Safe(route.InstanceId), LogText.Safe(envelope.Id), LogText.Safe(envelope.CorrelationId));
            }
            else
            {
                try
                {
                    // Dedupe only on live statuses: a finished instance of this key is replaced by a fresh run. A route that
                    // must not restart dedupes on every status, so a run that finished since the read above is not replaced.
                    var options = new StartOrchestrationOptions(route.InstanceId).WithDedupeStatuses(route.RestartIfFinished ? LiveStatuses : AllStatuses) with { Tags = TraceTags() };
                    await client.ScheduleNewOrchestrationInstanceAsync(route.OrchestratorName, route.Input, options, cancellationToken).ConfigureAwait(false);
                    return existing is null
                        ? new DispatchOutcome(envelope.Id, DispatchOutcome.Started, route.InstanceId, route.OrchestratorName)
                        : new DispatchOutcome(envelope.Id, DispatchOutcome.Restarted, route.InstanceId, $"previous run {existing.RuntimeStatus}");
                }
                catch (Exception ex) when (IsAlreadyExists(ex))
                {
                    // Another delivery started it a moment ago: the next round tells that run instead.
                }
            }

            if (round == MaxHandOvers)
            {
                throw new InvalidOperationException(
                    $"Event {envelope.Id} could not be handed to {route.InstanceId} in {MaxHandOvers} rounds: it kept starting or ending meanwhile; the message will be retried.");
            }
        }
    }

    /// <summary>
    /// Whether the live instance took the raised change: it ran an episode since (any episode after the
    /// raise sees the change), or it ended with a run that this change started. False when it ended
    /// without the change, or vanished, so the caller must start it again.
    /// </summary>
    private async Task<bool> TakenAsync(
        OrchestrationMetadata before, EventEnvelope envelope, EventRoute.Reconcile route, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var watching = Stopwatch.StartNew();
        while (true)
        {
            OrchestrationMetadata? now = await client.GetInstanceAsync(route.InstanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            if (now is null)
            {
                return false;
            }

            if (!LiveStatuses.Contains(now.RuntimeStatus))
            {
                return now.DataConverter?.Deserialize(now.SerializedInput, route.Input.GetType()) is IReconcileInput last
                    && last.TriggerEventId == envelope.Id;
            }

            if (now.LastUpdatedAt != before.LastUpdatedAt)
            {
                return true;
            }

            if (watching.Elapsed >= watch)
            {
                // The engine has not run the instance since: the change waits in its queue for the next episode.
                LogWatchElapsed(LogText.Safe(route.InstanceId), LogText.Safe(envelope.Id), watch.TotalSeconds, LogText.Safe(envelope.CorrelationId));
                return true;
            }

            await Task.Delay(HandOverPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The trace id the run starts in, kept with the instance (tags survive ContinueAsNew) for the instance view.</summary>
    private static Dictionary<string, string> TraceTags() =>
        IntegrationTrace.TraceIdOf(Activity.Current) is { } traceId ? new() { [IntegrationTrace.TraceIdTag] = traceId } : [];

    /// <summary>
    /// The gRPC client throws DurableTask.Core's OrchestrationAlreadyExistsException (matched by name so
    /// this assembly need not reference the engine); other clients say so in the message.
    /// </summary>
    private static bool IsAlreadyExists(Exception ex) =>
        ex.GetType().Name == "OrchestrationAlreadyExistsException" ||
        ex.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase) ||
        (ex.InnerException is { } inner && IsAlreadyExists(inner));

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} ({Type}): {Action} {InstanceId} - {Detail} ({CorrelationId})")]
    private partial void LogOutcome(string eventId, string type, string action, string? instanceId, string detail, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{InstanceId} ended as event {EventId} was raised to it, without taking it; starting it again ({CorrelationId})")]
    private partial void LogEndedWithoutChange(string instanceId, string eventId, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{InstanceId} has not run in the {Seconds} s since event {EventId} was raised to it; the event stays queued for it ({CorrelationId})")]
    private partial void LogWatchElapsed(string instanceId, string eventId, double seconds, string correlationId);
}
