using System.Diagnostics;
using System.Text.Json;
using Integration.Activities.Dispatch;
using Integration.Activities.Queueing;
using Integration.Activities.Tracing;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Tracing;

/// <summary>The webhook's W3C trace context crosses the queue in the envelope, and the dispatcher continues that trace.</summary>
public sealed class EnvelopeTraceContextTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string SpanId = "00f067aa0ba902b7";
    private const string TraceParent = $"00-{TraceId}-{SpanId}-01";

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public EnvelopeTraceContextTests() => TracePropagation.EnsureListening();

    [Fact]
    public void A_message_queued_before_tracing_still_parses_without_a_context()
    {
        const string message = """
            {"id":"crm-1","source":"crm","type":"crm.deal.closed.v1","occurredAt":"2026-03-01T12:00:00+00:00",
             "receivedAt":"2026-03-01T12:00:00+00:00","correlationId":"corr-1","subject":"4242","data":{"objectId":4242}}
            """;

        EventEnvelope envelope = EnvelopeJson.Parse(message);

        Assert.Equal(("crm-1", "4242"), (envelope.Id, envelope.Subject));
        Assert.Null(envelope.TraceParent);
        Assert.Null(envelope.TraceState);
        Assert.Equal(default, IntegrationTrace.ParentOf(envelope));
    }

    [Fact]
    public void The_trace_context_round_trips_through_the_queue_message()
    {
        EventEnvelope sent = DealClosed() with { TraceParent = TraceParent, TraceState = "vendor=abc" };

        EventEnvelope received = EnvelopeJson.Parse(JsonSerializer.Serialize(sent, EnvelopeJson.Options));

        Assert.Equal(TraceParent, received.TraceParent);
        Assert.Equal("vendor=abc", received.TraceState);
    }

    [Fact]
    public void The_webhook_span_context_is_put_on_each_envelope()
    {
        using var webhook = new Activity("webhook crm");
        webhook.SetParentId(ActivityTraceId.CreateFromString(TraceId), ActivitySpanId.CreateFromString(SpanId), ActivityTraceFlags.Recorded);
        webhook.TraceStateString = "vendor=abc";
        webhook.Start();

        EventEnvelope envelope = IntegrationTrace.WithContextOf(DealClosed(), webhook);

        Assert.Equal($"00-{TraceId}-{webhook.SpanId.ToHexString()}-01", envelope.TraceParent);
        Assert.Equal("vendor=abc", envelope.TraceState);
        Assert.Same(envelope, IntegrationTrace.WithContextOf(envelope, null));
    }

    [Fact]
    public void The_dispatch_span_continues_the_envelopes_trace_as_a_remote_child()
    {
        using Activity? span = IntegrationTrace.StartDispatch(DealClosed() with { TraceParent = TraceParent });

        Assert.NotNull(span);
        Assert.Equal(TraceId, span.TraceId.ToHexString());
        Assert.Equal(SpanId, span.ParentSpanId.ToHexString());
        Assert.True(span.HasRemoteParent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a traceparent")]
    public void An_envelope_without_a_usable_context_is_dispatched_in_a_trace_of_its_own(string? traceParent)
    {
        using Activity? span = IntegrationTrace.StartDispatch(DealClosed() with { TraceParent = traceParent });

        Assert.NotNull(span);
        Assert.NotEqual(default, span.TraceId);
        Assert.NotEqual(TraceId, span.TraceId.ToHexString());
    }

    [Fact]
    public async Task A_started_workflow_is_tagged_with_the_trace_id_of_the_webhook()
    {
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.GetInstanceAsync("deal-invoice-4242", false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        StartOrchestrationOptions? started = null;
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((_, _, options, _) => started = options)
            .ReturnsAsync("deal-invoice-4242");

        await new EventDispatcher(NullLogger<EventDispatcher>.Instance).DispatchAsync(DealClosed() with { TraceParent = TraceParent }, client.Object, CancellationToken.None);

        Assert.NotNull(started);
        Assert.Equal(TraceId, started.Tags[IntegrationTrace.TraceIdTag]);
        Assert.Equal("deal-invoice-4242", started.InstanceId);
    }

    private static EventEnvelope DealClosed() =>
        new("crm-1", "crm", "crm.deal.closed.v1", Now, Now, "corr-1", "4242", JsonSerializer.SerializeToElement(new { objectId = 4242 }));
}
