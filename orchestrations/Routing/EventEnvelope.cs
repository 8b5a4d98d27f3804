using System.Text.Json;

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
    string? TraceState = null);
