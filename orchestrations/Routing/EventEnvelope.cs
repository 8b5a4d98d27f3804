using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integration.Orchestrations.Routing;

/// <summary>
/// One verified business event in the product's own vocabulary, whatever system sent it.
/// It is what the webhook ingress puts on the queue and what the dispatcher routes.
/// </summary>
/// <param name="Id">Stable id derived from the sender's delivery id (e.g. "crm-123"), so redeliveries share it.</param>
/// <param name="Source">The configured source name the webhook came in on ("crm", "app").</param>
/// <param name="Type">Past-tense fact with a version, e.g. "crm.deal.closed.v1".</param>
/// <param name="Subject">The business key the event is about (e.g. the deal id).</param>
/// <param name="Data">The sender's event payload, untouched.</param>
/// <param name="TraceParent">The W3C traceparent of the webhook's intake span, so the dispatcher continues its trace; absent in messages queued before tracing.</param>
/// <param name="TraceState">The W3C tracestate that goes with it, if any.</param>
/// <param name="ReplayOf">Set on a message re-enqueued by a dead-letter replay: the dead letter's id, so a replay that fails again is dead-lettered as a replay (and cannot be replayed again).</param>
/// <param name="ReplayId">The replay's own delivery id, so each replay that fails gets its own dead letter.</param>
/// <param name="Subscription">The one subscriber (<see cref="EventSubscriptions"/>) this message is for: the ingress queues one
/// message per subscriber so each has its own retries and dead letter. Null on a type no one subscribes to, and on
/// messages queued before subscriptions (the dispatcher fans those out).</param>
public sealed record EventEnvelope(
    string Id,
    string Source,
    string Type,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string CorrelationId,
    string Subject,
    JsonElement Data,
    string? TraceParent = null,
    string? TraceState = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReplayOf = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReplayId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Subscription = null);
