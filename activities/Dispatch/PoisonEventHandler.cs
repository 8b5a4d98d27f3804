using System.Text.Json;
using Integration.Activities.Alerts;
using Integration.Activities.DeadLetters;
using Integration.Activities.Queueing;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Dispatch;

/// <summary>
/// A message that failed dispatch too often lands on "integration-events-poison": record a dead letter
/// holding the whole message (so it can be replayed) and alert. Unparseable messages are kept too. A replayed
/// message carries the dead letter it replays, so its failure is recorded as a replay of it.
/// </summary>
public sealed class PoisonEventHandler(DeadLetterStore deadLetters, AlertPublisher alerts, TimeProvider time)
{
    public async Task<DeadLetter> HandleAsync(string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        EventEnvelope? envelope = null;
        try
        {
            envelope = EnvelopeJson.Parse(message);
        }
        catch (JsonException)
        {
            // Kept below under a reference derived from the content.
        }

        string reference = envelope is null
            ? $"unparseable-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message)))[..16]}"
            : ReferenceOf(envelope);
        string correlationId = envelope?.CorrelationId ?? "none";
        string reason = envelope is null
            ? "The queue message is not an event envelope."
            : $"Dispatching {envelope.Type} for {envelope.Subject}{(envelope.Subscription is { } s ? $" to subscriber {s}" : string.Empty)} kept failing; the message was moved to the poison queue.";
        DeadLetter letter = await deadLetters.RecordAsync(new DeadLetterInput("event", reference, correlationId, reason, message, envelope?.Source ?? "unknown", envelope?.ReplayOf, message), cancellationToken).ConfigureAwait(false);
        string? instanceId = envelope is null ? null : InstanceIdOf(envelope);
        await alerts.PublishAsync(
            new Alert("error", "Event dead-lettered", reason, reference, correlationId, time.GetUtcNow(), AlertKinds.DeadLetter, instanceId, letter.Id),
            cancellationToken).ConfigureAwait(false);
        return letter;
    }

    /// <summary>
    /// The dead letter's reference: the event id, then the subscriber ("{eventId}/{subscription}"), so two subscribers'
    /// failures of one event are two dead letters, each replayed alone. A replay that fails again gets its own dead
    /// letter (the original stays "replayed"), marked as a replay.
    /// </summary>
    public static string ReferenceOf(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        string reference = envelope.Subscription is { } subscription ? $"{envelope.Id}/{subscription}" : envelope.Id;
        return envelope.ReplayId is { } replayId ? $"{reference}/replay/{replayId}" : reference;
    }

    /// <summary>The workflow the event was for, to name in the alert; null when none, or when the message cannot even be routed (which may be why it is here).</summary>
    public static string? InstanceIdOf(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        try
        {
            return EventRoutingTable.Route(envelope) is EventRoute.Reconcile route ? route.InstanceId : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
