using System.Diagnostics;

namespace Integration.Activities.Tracing;

/// <summary>
/// Keeps the trace going when nothing records it. The Durable Task SDK hands a trace on (client to orchestration to
/// activity) only through spans it manages to start, and an ActivitySource starts none without a listener; the
/// OpenTelemetry SDK, when it samples a span out, also starts none below a local parent. This listener asks for the
/// bare propagation data (no tags, no timing kept, nothing exported) of the product's, the Durable Task SDK's and
/// ASP.NET Core's spans, so the trace id reaches every activity and the API call log whether or not an exporter is set.
/// </summary>
public static class TracePropagation
{
    private static readonly HashSet<string> Sources = new(StringComparer.Ordinal)
    {
        IntegrationTrace.SourceName,
        IntegrationTrace.DurableTaskSourceName,
        IntegrationTrace.AspNetCoreSourceName,
    };

    private static readonly Lazy<ActivityListener> Listener = new(() =>
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            SampleUsingParentId = static (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });

    /// <summary>Starts listening, once per process (later calls do nothing).</summary>
    public static void EnsureListening() => _ = Listener.Value;
}
