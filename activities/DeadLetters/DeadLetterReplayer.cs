using System.Text.Json;
using Integration.Activities.Operations;
using Integration.Activities.Queueing;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.DeadLetters;

/// <summary>
/// Finds and replays dead letters, for the route and bulk jobs alike. A replay can never create a duplicate side
/// effect: it is refused (409) when the dead letter was already replayed, is itself from a replay, or its event's
/// workflow already completed; otherwise the dead letter is claimed (compare-and-set) before anything is sent, so
/// of two replays at once exactly one sends. An event dead letter re-enqueues its original message marked as a
/// replay; a workflow dead letter is retried through <see cref="IInstanceActions"/>. Every replay is audited.
/// </summary>
/// <param name="services">Resolves the engine client and the instance actions when a host has them (the standalone host does).</param>
public sealed partial class DeadLetterReplayer(
    DeadLetterStore store, IEventQueue queue, AuditLog audit, IServiceProvider services, ILogger<DeadLetterReplayer> log) : IDeadLetterOperations
{
    public const string Action = "replay";

    public Task<DeadLetterPage> FindAsync(DeadLetterFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        store.FindAsync(filter, pageSize, continuationToken, cancellationToken);

    public Task<ActionOutcome> ReplayAsync(string deadLetterId, string? reason, OperationsCaller caller, string correlationId, CancellationToken cancellationToken) =>
        ReplayAsync(deadLetterId, reason, caller, correlationId, services.GetService<DurableTaskClient>(), cancellationToken);

    /// <param name="client">The engine client a route was bound with (the Functions host binds one per request); null when there is none.</param>
    public async Task<ActionOutcome> ReplayAsync(
        string deadLetterId, string? reason, OperationsCaller caller, string correlationId, DurableTaskClient? client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ActionOutcome outcome = await DecideAsync(deadLetterId, reason, caller, correlationId, client, cancellationToken).ConfigureAwait(false);
        string result = outcome.Result == ActionOutcome.Done ? ActionOutcome.Done : $"{outcome.Result}: {outcome.Detail}";
        await audit.WriteAsync(caller, "dead-letter.replay", deadLetterId, reason, result, correlationId, cancellationToken).ConfigureAwait(false);
        LogReplay(LogText.Safe(deadLetterId), outcome.Result, LogText.Safe(outcome.Detail), caller.Name, LogText.Safe(correlationId));
        return outcome;
    }

    private async Task<ActionOutcome> DecideAsync(
        string id, string? reason, OperationsCaller caller, string correlationId, DurableTaskClient? client, CancellationToken cancellationToken)
    {
        if (!DeadLetterIds.TryDecode(id, out string kind, out string reference) ||
            await store.GetAsync(kind, reference, cancellationToken).ConfigureAwait(false) is not { } letter)
        {
            return Refused(id, ActionOutcome.NotFoundState, $"No dead letter has the id '{id}'.");
        }

        if (Refusal(letter) is { } refusal)
        {
            return refusal;
        }

        return kind == "workflow"
            ? await RetryWorkflowAsync(letter, reason, caller, correlationId, client, cancellationToken).ConfigureAwait(false)
            : await ReplayEventAsync(letter, caller, client, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The refusals that need nothing but the dead letter itself.</summary>
    public static ActionOutcome? Refusal(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (letter.Status == DeadLetterStore.Replayed)
        {
            return Refused(letter.Id, DeadLetterStore.Replayed,
                $"This dead letter was already replayed{(letter.ReplayedAt is { } at ? $" at {at:u}" : string.Empty)}{(letter.ReplayedBy is { } by ? $" by {by}" : string.Empty)}" +
                $"{(letter.ReplayDeliveryId is { } delivery ? $" (delivery {delivery})" : string.Empty)}; it is not replayed twice.");
        }

        if (letter.Status == DeadLetterStore.Resolved)
        {
            return Refused(letter.Id, DeadLetterStore.Resolved,
                $"This dead letter was resolved{(letter.ResolvedAt is { } at ? $" at {at:u}" : string.Empty)}{(letter.ResolvedBy is { } by ? $" by {by}" : string.Empty)}; there is nothing to replay.");
        }

        if (letter.ReplayOf is { } original)
        {
            return Refused(letter.Id, "replay",
                $"This dead letter comes from a replay of dead letter '{original}'; a replay of a replay is refused. Replay the original, or retry its workflow.");
        }

        if (!letter.Replayable)
        {
            return Refused(letter.Id, "message-too-large",
                "The original message was too large to keep whole, so it cannot be replayed; the start of it is in 'detail'.");
        }

        return null;
    }

    private async Task<ActionOutcome> ReplayEventAsync(DeadLetter letter, OperationsCaller caller, DurableTaskClient? client, CancellationToken cancellationToken)
    {
        string? message = await store.GetMessageAsync(letter.Kind, letter.Reference, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return Refused(letter.Id, "no-message", "The original message was not kept whole (too large, or recorded before messages were kept), so it cannot be replayed.");
        }

        EventEnvelope envelope;
        try
        {
            envelope = EnvelopeJson.Parse(message);
        }
        catch (JsonException)
        {
            return Refused(letter.Id, "not-an-envelope", "The message is not an event envelope; replaying it would only poison it again.");
        }

        if (EventRoutingTable.Route(envelope) is EventRoute.Reconcile route)
        {
            if (client is null)
            {
                return new ActionOutcome(letter.Id, Action, ActionOutcome.Failed, letter.Status,
                    "This host has no engine client to check the event's workflow, so the replay was not sent.");
            }

            OrchestrationMetadata? instance = await client.GetInstanceAsync(route.InstanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                return Refused(letter.Id, "Completed",
                    $"Workflow '{route.InstanceId}' already completed at {instance.LastUpdatedAt:u}; nothing was enqueued, so nothing runs twice.");
            }
        }

        string deliveryId = Guid.NewGuid().ToString("N");
        if (await ClaimAsync(letter, caller, deliveryId, cancellationToken).ConfigureAwait(false) is { } lost)
        {
            return lost;
        }

        try
        {
            await queue.EnqueueAsync(envelope with { ReplayOf = letter.Id, ReplayId = deliveryId }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.ReleaseReplayAsync(letter.Kind, letter.Reference, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return new ActionOutcome(letter.Id, Action, ActionOutcome.Done, DeadLetterStore.Replayed,
            $"Event '{envelope.Id}' was put back on the events queue as delivery {deliveryId}.");
    }

    private async Task<ActionOutcome> RetryWorkflowAsync(
        DeadLetter letter, string? reason, OperationsCaller caller, string correlationId, DurableTaskClient? client, CancellationToken cancellationToken)
    {
        if (services.GetService<IInstanceActions>() is not { } actions || client is null)
        {
            return new ActionOutcome(letter.Id, Action, ActionOutcome.Failed, letter.Status,
                "Retrying a workflow needs the engine, which this caller has no client for; the dead letter stays open.");
        }

        if (await ClaimAsync(letter, caller, "retry", cancellationToken).ConfigureAwait(false) is { } lost)
        {
            return lost;
        }

        ActionOutcome retried;
        try
        {
            retried = await actions.ApplyAsync(client, letter.Reference, "retry", reason, caller, correlationId, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.ReleaseReplayAsync(letter.Kind, letter.Reference, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (retried.Result != ActionOutcome.Done)
        {
            await store.ReleaseReplayAsync(letter.Kind, letter.Reference, cancellationToken).ConfigureAwait(false);
        }

        return retried with { Target = letter.Id, Action = Action, State = retried.Result == ActionOutcome.Done ? DeadLetterStore.Replayed : retried.State };
    }

    /// <summary>Null when this replay claimed the dead letter; otherwise the refusal naming the replay that did.</summary>
    private async Task<ActionOutcome?> ClaimAsync(DeadLetter letter, OperationsCaller caller, string deliveryId, CancellationToken cancellationToken)
    {
        ReplayClaim claim = await store.ClaimReplayAsync(letter.Kind, letter.Reference, caller.Name, deliveryId, cancellationToken).ConfigureAwait(false);
        if (claim == ReplayClaim.Claimed)
        {
            return null;
        }

        DeadLetter? now = await store.GetAsync(letter.Kind, letter.Reference, cancellationToken).ConfigureAwait(false);
        return now is null ? Refused(letter.Id, ActionOutcome.NotFoundState, $"No dead letter has the id '{letter.Id}'.") : Refusal(now) ?? Refused(letter.Id, now.Status, "Another replay took this dead letter first.");
    }

    private static ActionOutcome Refused(string id, string state, string detail) => new(id, Action, ActionOutcome.Refused, state, detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letter {DeadLetterId} replay: {Result} - {Detail} (by {Caller}, {CorrelationId})")]
    private partial void LogReplay(string deadLetterId, string result, string detail, string caller, string correlationId);
}
