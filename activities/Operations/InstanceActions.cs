using System.Text.Json;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Operations;

/// <summary>The actions support staff take on one workflow, by the names the route and bulk jobs use.</summary>
public static class InstanceActionNames
{
    public const string Terminate = "terminate";
    public const string Suspend = "suspend";
    public const string Resume = "resume";
    public const string Restart = "restart";
    public const string Retry = "retry";
    public const string Reread = "reread";
    public const string Purge = "purge";

    public static IReadOnlyList<string> All { get; } = [Terminate, Suspend, Resume, Restart, Retry, Reread, Purge];

    public static bool IsKnown(string? action) => action is not null && All.Contains(action, StringComparer.Ordinal);
}

/// <summary>
/// The one implementation of the instance actions, shared by the route and bulk jobs. Each reads the instance first and
/// acts only when its state fits: already in the asked-for state is "skipped", a state the action does not fit is
/// "refused" naming it, an engine error is "failed"; every outcome is one audit line. A storage or engine outage is
/// not an outcome: it is thrown, so the route answers 503 and a bulk job's activity is retried.
/// <list type="bullet">
/// <item>terminate: live → Terminated with the reason as output; Terminated → skipped; Completed or Failed → refused.</item>
/// <item>suspend: Running or Pending → Suspended; Suspended → skipped; finished → refused.</item>
/// <item>resume: Suspended → Running; Running or Pending → skipped; finished → refused.</item>
/// <item>restart: finished → a new run from the recorded input under the same id; live → refused (terminate it first).
/// (A fresh start under the same id rather than the engine's RestartAsync: see <see cref="RestartFromInputAsync"/>.)</item>
/// <item>retry: Failed → rewind where the backend can, else restart (the answer says which); Completed at step
/// "dead-lettered" → restart; Completed otherwise, Terminated or live → refused.</item>
/// <item>reread: live → raise the workflow's change event (from <see cref="EventRoutingTable.Reread"/>) with a synthetic
/// event id, so it reads its source again; finished, or a workflow that does not listen for changes → refused.</item>
/// <item>purge: finished → the engine's history and state are deleted (never the evidence table); live → refused.</item>
/// </list>
/// Restarting is safe to repeat: every write the workflows make to another system carries an idempotency key
/// (deal-to-invoice: <c>deal-{id}-invoice-r{revision}</c>), so a rerun finds what the first run created.
/// </summary>
public sealed partial class InstanceActions(AuditLog audit, TimeProvider time, ILogger<InstanceActions> log) : IInstanceActions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ActionOutcome> ApplyAsync(
        DurableTaskClient client, string instanceId, string action, string? reason, OperationsCaller caller, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(caller);
        ActionOutcome outcome;
        try
        {
            outcome = await DecideAndActAsync(client, instanceId, action, reason, correlationId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsOutage(ex, cancellationToken))
        {
            // Not an outcome: the route answers 503 and a bulk job retries; the log says what did not answer.
            LogNotApplied(ex, LogText.Safe(action), LogText.Safe(instanceId), LogText.Safe(correlationId));
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(ex, LogText.Safe(action), LogText.Safe(instanceId), LogText.Safe(correlationId));
            outcome = new ActionOutcome(instanceId, action, ActionOutcome.Failed, null, $"The engine refused '{action}' on '{instanceId}': {ex.GetType().Name}: {FirstLine(ex.Message)}");
        }

        await audit.WriteAsync(caller, action, instanceId, reason, $"{outcome.Result}: {outcome.Detail}", correlationId, cancellationToken).ConfigureAwait(false);
        LogOutcome(LogText.Safe(action), LogText.Safe(instanceId), outcome.Result, LogText.Safe(outcome.Detail), LogText.Safe(caller.Name), LogText.Safe(correlationId));
        return outcome;
    }

    private async Task<ActionOutcome> DecideAndActAsync(
        DurableTaskClient client, string instanceId, string action, string? reason, string correlationId, CancellationToken cancellationToken)
    {
        if (!InstanceActionNames.IsKnown(action))
        {
            return new ActionOutcome(instanceId, action, ActionOutcome.Refused, null, $"'{action}' is not an action; the actions are {string.Join(", ", InstanceActionNames.All)}.");
        }

        if (action == InstanceActionNames.Terminate && string.IsNullOrWhiteSpace(reason))
        {
            return new ActionOutcome(instanceId, action, ActionOutcome.Refused, null, "terminate needs a reason.");
        }

        OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return new ActionOutcome(instanceId, action, ActionOutcome.Refused, ActionOutcome.NotFoundState, $"No workflow instance has the id '{instanceId}'.");
        }

        OrchestrationRuntimeStatus status = instance.RuntimeStatus;
        string state = status.ToString();
        bool live = IsLive(status);
        ActionOutcome Outcome(string result, string detail) => new(instanceId, action, result, state, detail);
        ActionOutcome Refuse(string detail) => Outcome(ActionOutcome.Refused, $"'{instanceId}' is {state}: {detail}");

        switch (action)
        {
            case InstanceActionNames.Terminate:
                if (status == OrchestrationRuntimeStatus.Terminated)
                {
                    return Outcome(ActionOutcome.Skipped, $"'{instanceId}' is already Terminated.");
                }

                if (!live)
                {
                    return Refuse("it has already ended, so there is nothing to terminate.");
                }

                await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = $"terminated by an operator: {reason}" }, cancellationToken).ConfigureAwait(false);
                return Outcome(ActionOutcome.Done, $"'{instanceId}' was {state}; termination requested (the engine applies it within seconds).");

            case InstanceActionNames.Suspend:
                if (status == OrchestrationRuntimeStatus.Suspended)
                {
                    return Outcome(ActionOutcome.Skipped, $"'{instanceId}' is already Suspended.");
                }

                if (!live)
                {
                    return Refuse("it has already ended, so it cannot be suspended.");
                }

                await client.SuspendInstanceAsync(instanceId, reason, cancellationToken).ConfigureAwait(false);
                return Outcome(ActionOutcome.Done, $"'{instanceId}' was {state}; suspension requested: it stops at its next step until resumed.");

            case InstanceActionNames.Resume:
                if (status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending)
                {
                    return Outcome(ActionOutcome.Skipped, $"'{instanceId}' is {state}, not suspended: nothing to resume.");
                }

                if (!live)
                {
                    return Refuse("it has already ended; restart it instead.");
                }

                await client.ResumeInstanceAsync(instanceId, reason, cancellationToken).ConfigureAwait(false);
                return Outcome(ActionOutcome.Done, $"'{instanceId}' was Suspended; resume requested.");

            case InstanceActionNames.Restart:
                if (live)
                {
                    return Refuse("it is still running; terminate it first.");
                }

                await RestartFromInputAsync(client, instanceId, cancellationToken).ConfigureAwait(false);
                return Outcome(ActionOutcome.Done, $"'{instanceId}' was {state}; a new run from its recorded input started under the same id.");

            case InstanceActionNames.Retry:
                return await RetryAsync(client, instance, reason, Outcome, Refuse, cancellationToken).ConfigureAwait(false);

            case InstanceActionNames.Reread:
                if (!live)
                {
                    return Refuse("it has already ended, so it reads nothing; restart it to read the source again.");
                }

                string eventId = $"reread-{Guid.NewGuid():N}";
                if (EventRoutingTable.Reread(instance.Name, instanceId, eventId, correlationId, time.GetUtcNow()) is not { } route)
                {
                    return Refuse($"a {instance.Name} does not listen for changes of its source; wait for it to end, then restart it.");
                }

                await client.RaiseEventAsync(instanceId, route.EventName, route.Payload, cancellationToken).ConfigureAwait(false);
                return Outcome(ActionOutcome.Done, status == OrchestrationRuntimeStatus.Suspended
                    ? $"'{route.EventName}' raised with event id {eventId}: '{instanceId}' is Suspended and reads its source again once resumed."
                    : $"'{route.EventName}' raised with event id {eventId}: '{instanceId}' reads its source again at its next wait.");

            case InstanceActionNames.Purge:
                if (live)
                {
                    return Refuse("it is still running; terminate it first (only a finished workflow's history can be purged).");
                }

                PurgeResult purged = await client.PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
                return purged.PurgedInstanceCount > 0
                    ? Outcome(ActionOutcome.Done, $"'{instanceId}' ({state}) purged: its engine history and state are deleted; evidence records are kept.")
                    : Outcome(ActionOutcome.Skipped, $"'{instanceId}' had nothing left to purge.");

            default:
                throw new InvalidOperationException($"Unhandled action {action}");
        }
    }

    /// <summary>A failed workflow is rewound where the backend can (re-running only what failed), else restarted; a dead-lettered one is restarted.</summary>
    private static async Task<ActionOutcome> RetryAsync(
        DurableTaskClient client, OrchestrationMetadata instance, string? reason,
        Func<string, string, ActionOutcome> outcome, Func<string, ActionOutcome> refuse, CancellationToken cancellationToken)
    {
        string instanceId = instance.InstanceId;
        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Failed:
                try
                {
                    await client.RewindInstanceAsync(instanceId, reason ?? "retried by an operator", cancellationToken).ConfigureAwait(false);
                    return outcome(ActionOutcome.Done, $"'{instanceId}' was Failed; rewound: the failed steps run again, the completed ones are kept.");
                }
                catch (Exception ex) when (RewindUnsupported(ex))
                {
                    await RestartFromInputAsync(client, instanceId, cancellationToken).ConfigureAwait(false);
                    return outcome(ActionOutcome.Done, $"'{instanceId}' was Failed; this backend cannot rewind, so it was restarted from its recorded input under the same id.");
                }

            case OrchestrationRuntimeStatus.Completed when await IsDeadLetteredAsync(client, instanceId, cancellationToken).ConfigureAwait(false):
                await RestartFromInputAsync(client, instanceId, cancellationToken).ConfigureAwait(false);
                return outcome(ActionOutcome.Done, $"'{instanceId}' ended dead-lettered; restarted from its recorded input under the same id.");

            case OrchestrationRuntimeStatus.Completed:
                return refuse("it completed normally, so there is nothing to retry; restart it to run it again.");

            case OrchestrationRuntimeStatus.Terminated:
                return refuse("it was terminated, not failed; restart it to run it again.");

            default:
                return refuse("it is still running, so there is nothing to retry yet.");
        }
    }

    /// <summary>
    /// A new run of a finished instance from its recorded input, under the same id. Not DurableTaskClient.RestartAsync:
    /// on the standalone engine (TaskHubGrpcServer) the run that creates has no tags until it starts, and reading the
    /// instance meanwhile fails (ArgumentNullException in the engine's GetInstance, a 500 to every reader); a start
    /// under the same id, deduplicated on live statuses, is what the dispatcher already does for a finished instance,
    /// and behaves the same on both hosts. Started meanwhile by someone else, it throws (a "failed" outcome naming it).
    /// </summary>
    private static async Task RestartFromInputAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"'{instanceId}' was purged meanwhile; there is no recorded input to restart from.");
        object? input = null;
        if (!string.IsNullOrEmpty(instance.SerializedInput))
        {
            // A JsonElement serializes back to the very JSON it was read from, whatever the input's type.
            using JsonDocument recorded = JsonDocument.Parse(instance.SerializedInput);
            input = recorded.RootElement.Clone();
        }

        var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(LiveStatuses);
        await client.ScheduleNewOrchestrationInstanceAsync(instance.Name, input, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the workflow gave up through <see cref="WorkflowDeadLetter"/>: it completes at that step.</summary>
    private static async Task<bool> IsDeadLetteredAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? full = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(full?.SerializedCustomStatus))
        {
            return false;
        }

        try
        {
            return JsonSerializer.Deserialize<WorkflowStatus>(full.SerializedCustomStatus, Json)?.Step == WorkflowDeadLetter.Step;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static readonly OrchestrationRuntimeStatus[] LiveStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
    ];

    /// <summary>Pending, Running and Suspended instances can still change; the rest have ended.</summary>
    public static bool IsLive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended
#pragma warning disable CS0618 // ContinuedAsNew is obsolete but a backend may still report it for a moment between generations.
            or OrchestrationRuntimeStatus.ContinuedAsNew;
#pragma warning restore CS0618

    /// <summary>
    /// The gRPC client turns the backend's "Unimplemented" into NotImplementedException (the standalone engine's
    /// TaskHubGrpcServer has no rewind); other clients throw NotSupportedException or the raw RpcException.
    /// </summary>
    private static bool RewindUnsupported(Exception ex) =>
        ex is NotImplementedException or NotSupportedException ||
        (ex.GetType().Name == "RpcException" && ex.Message.Contains("Unimplemented", StringComparison.OrdinalIgnoreCase));

    /// <summary>Storage or the engine not answering (or the caller leaving) is not the action's outcome: it is thrown for a 503 or a retry.</summary>
    private static bool IsOutage(Exception ex, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested || ex is OperationCanceledException || StorageOutage.IsOutage(ex) ||
        (ex.GetType().Name == "RpcException" && (ex.Message.Contains("Unavailable", StringComparison.Ordinal) || ex.Message.Contains("DeadlineExceeded", StringComparison.Ordinal)));

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {Action} on {InstanceId}: {Result} - {Detail} (by {Caller}, {CorrelationId})")]
    private partial void LogOutcome(string action, string instanceId, string result, string detail, string caller, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action {Action} on {InstanceId} was not applied: storage or the engine did not answer ({CorrelationId})")]
    private partial void LogNotApplied(Exception ex, string action, string instanceId, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action {Action} on {InstanceId} failed ({CorrelationId})")]
    private partial void LogFailed(Exception ex, string action, string instanceId, string correlationId);
}
