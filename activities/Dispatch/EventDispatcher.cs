using Integration.Activities.Queueing;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Dispatch;

/// <summary>
/// Queue message to workflow: route the envelope, then start the business-key instance or raise an
/// event on it. Starting an id that already exists is a no-op, so redeliveries are harmless. Any
/// exception leaves the message on the queue to be retried and, in the end, poisoned.
/// </summary>
public sealed partial class EventDispatcher(ILogger<EventDispatcher> log)
{
    /// <summary>An instance in one of these states owns its business key; a second start is a duplicate.</summary>
    private static readonly OrchestrationRuntimeStatus[] OwningStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    ];

    public Task<DispatchOutcome> DispatchAsync(string message, DurableTaskClient client, CancellationToken cancellationToken) =>
        DispatchAsync(EnvelopeJson.Parse(message), client, cancellationToken);

    public async Task<DispatchOutcome> DispatchAsync(EventEnvelope envelope, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(client);
        DispatchOutcome outcome = EventRoutingTable.Route(envelope) switch
        {
            EventRoute.StartOrchestration start => await StartAsync(envelope, start, client, cancellationToken).ConfigureAwait(false),
            EventRoute.RaiseEvent raise => await RaiseAsync(envelope, raise, client, cancellationToken).ConfigureAwait(false),
            EventRoute.Ignore ignore => new DispatchOutcome(envelope.Id, DispatchOutcome.Ignored, null, ignore.Reason),
            var other => throw new InvalidOperationException($"Unhandled route {other.GetType().Name}"),
        };
        LogOutcome(envelope.Id, envelope.Type, outcome.Action, outcome.InstanceId, outcome.Detail, envelope.CorrelationId);
        return outcome;
    }

    private static async Task<DispatchOutcome> StartAsync(
        EventEnvelope envelope, EventRoute.StartOrchestration start, DurableTaskClient client, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? existing = await client.GetInstanceAsync(start.InstanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new DispatchOutcome(envelope.Id, DispatchOutcome.Duplicate, start.InstanceId, $"instance already {existing.RuntimeStatus}");
        }

        try
        {
            var options = new StartOrchestrationOptions(start.InstanceId).WithDedupeStatuses(OwningStatuses);
            await client.ScheduleNewOrchestrationInstanceAsync(start.OrchestratorName, start.Input, options, cancellationToken).ConfigureAwait(false);
            return new DispatchOutcome(envelope.Id, DispatchOutcome.Started, start.InstanceId, start.OrchestratorName);
        }
        catch (Exception ex) when (IsAlreadyExists(ex))
        {
            // Lost a race with a concurrent delivery of the same business key: that one owns it.
            return new DispatchOutcome(envelope.Id, DispatchOutcome.Duplicate, start.InstanceId, "instance created concurrently");
        }
    }

    private static async Task<DispatchOutcome> RaiseAsync(
        EventEnvelope envelope, EventRoute.RaiseEvent raise, DurableTaskClient client, CancellationToken cancellationToken)
    {
        await client.RaiseEventAsync(raise.InstanceId, raise.EventName, raise.Payload, cancellationToken).ConfigureAwait(false);
        return new DispatchOutcome(envelope.Id, DispatchOutcome.Raised, raise.InstanceId, raise.EventName);
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
