using Integration.Activities.Queueing;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Dispatch;

/// <summary>
/// Queue message to workflow: route the envelope, then raise the event on the business key's live
/// instance, or start (restart) it. A start never runs twice beside itself (dedupe on live statuses),
/// and a start that loses a race becomes an event, so no change is dropped. Any exception leaves the
/// message on the queue to be retried and, in the end, poisoned.
/// </summary>
public sealed partial class EventDispatcher(ILogger<EventDispatcher> log)
{
    /// <summary>An instance in one of these states is still running and can hear an event.</summary>
    private static readonly OrchestrationRuntimeStatus[] LiveStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
    ];

    public Task<DispatchOutcome> DispatchAsync(string message, DurableTaskClient client, CancellationToken cancellationToken) =>
        DispatchAsync(EnvelopeJson.Parse(message), client, cancellationToken);

    public async Task<DispatchOutcome> DispatchAsync(EventEnvelope envelope, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(client);
        DispatchOutcome outcome = EventRoutingTable.Route(envelope) switch
        {
            EventRoute.Reconcile reconcile => await ReconcileAsync(envelope, reconcile, client, cancellationToken).ConfigureAwait(false),
            EventRoute.Ignore ignore => new DispatchOutcome(envelope.Id, DispatchOutcome.Ignored, null, ignore.Reason),
            var other => throw new InvalidOperationException($"Unhandled route {other.GetType().Name}"),
        };
        LogOutcome(envelope.Id, envelope.Type, outcome.Action, outcome.InstanceId, outcome.Detail, envelope.CorrelationId);
        return outcome;
    }

    /// <summary>A live instance hears the change; a finished one is started again and reads the source afresh.</summary>
    private static async Task<DispatchOutcome> ReconcileAsync(
        EventEnvelope envelope, EventRoute.Reconcile route, DurableTaskClient client, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? existing = await client.GetInstanceAsync(route.InstanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (existing is null && !route.StartIfAbsent)
        {
            return new DispatchOutcome(envelope.Id, DispatchOutcome.Ignored, route.InstanceId, "no workflow exists for this key, so there is nothing to reconcile");
        }

        if (existing is not null && LiveStatuses.Contains(existing.RuntimeStatus))
        {
            return await RaiseAsync(envelope, route, client, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // Dedupe only on live statuses: a finished instance of this key is replaced by a fresh run.
            var options = new StartOrchestrationOptions(route.InstanceId).WithDedupeStatuses(LiveStatuses);
            await client.ScheduleNewOrchestrationInstanceAsync(route.OrchestratorName, route.Input, options, cancellationToken).ConfigureAwait(false);
            return existing is null
                ? new DispatchOutcome(envelope.Id, DispatchOutcome.Started, route.InstanceId, route.OrchestratorName)
                : new DispatchOutcome(envelope.Id, DispatchOutcome.Restarted, route.InstanceId, $"previous run {existing.RuntimeStatus}");
        }
        catch (Exception ex) when (IsAlreadyExists(ex))
        {
            // Another delivery started it a moment ago: tell that run instead, so this change is not lost.
            return await RaiseAsync(envelope, route, client, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<DispatchOutcome> RaiseAsync(
        EventEnvelope envelope, EventRoute.Reconcile route, DurableTaskClient client, CancellationToken cancellationToken)
    {
        await client.RaiseEventAsync(route.InstanceId, route.EventName, route.Payload, cancellationToken).ConfigureAwait(false);
        return new DispatchOutcome(envelope.Id, DispatchOutcome.Raised, route.InstanceId, route.EventName);
    }

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
}
