using System.Diagnostics;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Tracing;

/// <summary>
/// The product's own spans (webhook intake, dispatch) and the W3C trace context an envelope carries across the
/// queue, so one trace runs from the webhook request to every outbound call of the workflow it starts.
/// </summary>
public static class IntegrationTrace
{
    /// <summary>The product's ActivitySource: webhook intake and dispatch spans.</summary>
    public const string SourceName = "Integration";

    /// <summary>The Durable Task SDK's own ActivitySource (create_orchestration, orchestration:{name}, activity:{name}).</summary>
    public const string DurableTaskSourceName = "Microsoft.DurableTask";

    /// <summary>ASP.NET Core's ActivitySource for incoming requests.</summary>
    public const string AspNetCoreSourceName = "Microsoft.AspNetCore";

    /// <summary>The orchestration tag holding the trace id its run was started in, shown on the instance view.</summary>
    public const string TraceIdTag = "traceId";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>The span of one webhook request's intake (verify, normalise, queue): a child of the request's span.</summary>
    public static Activity? StartWebhook(string source)
    {
        Activity? span = Source.StartActivity("webhook " + source, ActivityKind.Internal);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("integration.webhook.source", source);
        }

        return span;
    }

    /// <summary>The envelope with the W3C context of <paramref name="span"/> (the webhook's), for the dispatcher to continue.</summary>
    public static EventEnvelope WithContextOf(EventEnvelope envelope, Activity? span)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return TraceParentOf(span) is { } traceParent
            ? envelope with { TraceParent = traceParent, TraceState = span!.TraceStateString }
            : envelope;
    }

    /// <summary>
    /// The dispatcher's span for one queued envelope, continuing the webhook's trace (a remote parent: it crossed the
    /// queue). An envelope queued without a context (before tracing, or by other tooling) starts a trace of its own.
    /// </summary>
    public static Activity? StartDispatch(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        Activity? span = Source.StartActivity("dispatch " + envelope.Type, ActivityKind.Consumer, ParentOf(envelope));
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("integration.event.id", envelope.Id);
            span.SetTag("integration.event.type", envelope.Type);
            span.SetTag("integration.event.subject", envelope.Subject);
            span.SetTag("integration.correlation_id", envelope.CorrelationId);
        }

        return span;
    }

    /// <summary>The context the envelope carries, or none (default) when it has none or it does not parse.</summary>
    public static ActivityContext ParentOf(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, envelope.TraceState, isRemote: true, out ActivityContext parent)
            ? parent
            : default;
    }

    /// <summary>The span's trace id as 32 hex digits, or null without a span.</summary>
    public static string? TraceIdOf(Activity? span) =>
        span is { IdFormat: ActivityIdFormat.W3C } ? span.TraceId.ToHexString() : null;

    /// <summary>The span as a W3C traceparent header value; null without a span or for a non-W3C one.</summary>
    public static string? TraceParentOf(Activity? span) =>
        span is { IdFormat: ActivityIdFormat.W3C }
            ? $"00-{span.TraceId.ToHexString()}-{span.SpanId.ToHexString()}-{(byte)span.ActivityTraceFlags:x2}"
            : null;
}
