using System.Collections.Concurrent;
using System.Text.Json;
using Integration.Activities.Dispatch;
using Integration.Activities.Queueing;
using Integration.Orchestrations.Orders;
using Integration.Orchestrations.Routing;
using Integration.Tests.Unit.Orchestrations.Orders;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Dispatch;

/// <summary>
/// The dispatcher's side of publish/subscribe: a message for several subscribers is queued again once per subscriber;
/// a route that must not restart leaves a finished workflow alone (a cancel restarts it); dead letters are per subscriber.
/// </summary>
public sealed class SubscriptionDispatchTests
{
    private const string FulfilmentId = "order-store-a-1001";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Mock<DurableTaskClient> client = new("test");
    private readonly RecordingQueue queue = new();
    private readonly EventDispatcher dispatcher;

    public SubscriptionDispatchTests() => dispatcher = new EventDispatcher(NullLogger<EventDispatcher>.Instance, queue: queue);

    [Fact]
    public async Task A_placed_order_queued_for_no_subscriber_is_queued_again_once_per_subscriber_and_starts_nothing()
    {
        DispatchOutcome outcome = await dispatcher.DispatchAsync(Placed(subscription: null), client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.FannedOut, outcome.Action);
        Assert.Equal(["crm-order-note", "order-fulfilment", "stock-reservation"], queue.Messages.Select(m => m.Subscription!).Order());
        Assert.All(queue.Messages, m => Assert.Equal(("shopify-w1", "corr-1"), (m.Id, m.CorrelationId)));
        Assert.Empty(client.Invocations);
    }

    [Fact]
    public async Task A_fan_out_without_a_queue_fails_so_the_message_is_retried_not_dropped()
    {
        var noQueue = new EventDispatcher(NullLogger<EventDispatcher>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => noQueue.DispatchAsync(Placed(subscription: null), client.Object, CancellationToken.None));
    }

    [Fact]
    public async Task A_fan_out_that_cannot_queue_fails_so_the_message_is_retried()
    {
        queue.Fail = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => dispatcher.DispatchAsync(Placed(subscription: null), client.Object, CancellationToken.None));
    }

    [Fact]
    public async Task A_placed_order_starts_its_fulfilment_deduplicated_on_every_status_so_a_finished_one_is_never_replaced()
    {
        var scheduled = CaptureSchedules();
        Instance(FulfilmentId, null);

        DispatchOutcome outcome = await dispatcher.DispatchAsync(Placed(EventSubscriptions.OrderFulfilment), client.Object, CancellationToken.None);

        Assert.Equal((DispatchOutcome.Started, FulfilmentId), (outcome.Action, outcome.InstanceId));
        var (name, input, options) = Assert.Single(scheduled);
        Assert.Equal(OrderWorkflows.Fulfilment, name.Name);
        Assert.Equal("store-a-1001", Assert.IsType<OrderFulfilmentInput>(input).Order.Key);
        Assert.Equal(
            new[] { "Completed", "Failed", "Pending", "Running", "Suspended", "Terminated" },
            options!.DedupeStatuses!.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task A_repeat_of_a_placed_order_leaves_a_finished_fulfilment_alone(OrchestrationRuntimeStatus status)
    {
        Instance(FulfilmentId, status);

        DispatchOutcome outcome = await dispatcher.DispatchAsync(Placed(EventSubscriptions.OrderFulfilment), client.Object, CancellationToken.None);

        Assert.Equal((DispatchOutcome.Ignored, FulfilmentId), (outcome.Action, outcome.InstanceId));
        Assert.Contains(status.ToString(), outcome.Detail, StringComparison.Ordinal);
        VerifyNeverScheduled();
        client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_cancel_after_the_fulfilment_finished_restarts_it_so_it_can_alert_for_a_return()
    {
        var scheduled = CaptureSchedules();
        Instance(FulfilmentId, OrchestrationRuntimeStatus.Completed);

        DispatchOutcome outcome = await dispatcher.DispatchAsync(
            Placed(EventSubscriptions.OrderFulfilment) with { Type = EventTypes.ShopOrderCancelled }, client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Restarted, outcome.Action);
        Assert.Equal(new[] { "Pending", "Running", "Suspended" }, Assert.Single(scheduled).Options!.DedupeStatuses!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_shipment_for_an_order_with_no_fulfilment_starts_nothing()
    {
        Instance(FulfilmentId, null);

        DispatchOutcome outcome = await dispatcher.DispatchAsync(Shipped(), client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Ignored, outcome.Action);
        VerifyNeverScheduled();
    }

    [Fact]
    public async Task A_shipment_is_raised_on_the_live_fulfilment()
    {
        var raised = new List<object?>();
        client.Setup(c => c.RaiseEventAsync(FulfilmentId, OrderEvent.EventName, It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, object?, CancellationToken>((_, _, payload, _) => raised.Add(payload))
            .Returns(Task.CompletedTask);
        Instance(FulfilmentId, OrchestrationRuntimeStatus.Running);
        client.Setup(c => c.GetInstanceAsync(FulfilmentId, true, It.IsAny<CancellationToken>())).ReturnsAsync(Metadata(FulfilmentId, OrchestrationRuntimeStatus.Running, Now.AddSeconds(1)));

        DispatchOutcome outcome = await dispatcher.DispatchAsync(Shipped(), client.Object, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Raised, outcome.Action);
        Assert.Equal(WarehouseShipment.Shipped, Assert.IsType<OrderEvent>(Assert.Single(raised)).Shipment!.Status);
        VerifyNeverScheduled();
    }

    [Fact]
    public void Two_subscribers_failures_of_one_event_are_two_dead_letters_and_a_replays_failure_a_third()
    {
        EventEnvelope fulfilment = Placed(EventSubscriptions.OrderFulfilment);
        EventEnvelope stock = Placed(EventSubscriptions.StockReservation);

        Assert.Equal("shopify-w1/order-fulfilment", PoisonEventHandler.ReferenceOf(fulfilment));
        Assert.Equal("shopify-w1/stock-reservation", PoisonEventHandler.ReferenceOf(stock));
        Assert.Equal("shopify-w1/stock-reservation/replay/r1", PoisonEventHandler.ReferenceOf(stock with { ReplayId = "r1" }));
        Assert.Equal("crm-1", PoisonEventHandler.ReferenceOf(stock with { Id = "crm-1", Subscription = null }));
    }

    [Fact]
    public void A_poisoned_message_the_routing_table_cannot_read_still_gets_its_alert_without_an_instance()
    {
        EventEnvelope broken = Placed(EventSubscriptions.OrderFulfilment) with { Data = JsonSerializer.SerializeToElement(new { id = 1001 }) };

        Assert.Null(PoisonEventHandler.InstanceIdOf(broken));
        Assert.Equal(FulfilmentId, PoisonEventHandler.InstanceIdOf(Placed(EventSubscriptions.OrderFulfilment)));
    }

    private static EventEnvelope Placed(string? subscription)
    {
        using JsonDocument doc = JsonDocument.Parse(ShopifyOrderExamples.StoreOrder(1001));
        return new EventEnvelope("shopify-w1", "shopify", EventTypes.ShopOrderPlaced, Now, Now, "corr-1", "store-a-1001", doc.RootElement.Clone(), Subscription: subscription);
    }

    private static EventEnvelope Shipped()
    {
        using JsonDocument doc = JsonDocument.Parse(WarehouseShipmentReaderTests.ShipBobShipped);
        return new EventEnvelope("shipbob-m1", "shipbob", EventTypes.WmsOrderShipped, Now, Now, "corr-2", "store-a-1001", doc.RootElement.Clone(), Subscription: EventSubscriptions.OrderFulfilment);
    }

    private void Instance(string instanceId, OrchestrationRuntimeStatus? status) =>
        client.Setup(c => c.GetInstanceAsync(instanceId, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(status is null ? null : Metadata(instanceId, status.Value, Now));

    private static OrchestrationMetadata Metadata(string instanceId, OrchestrationRuntimeStatus status, DateTimeOffset lastUpdated) =>
        new(OrderWorkflows.Fulfilment, instanceId) { RuntimeStatus = status, LastUpdatedAt = lastUpdated };

    private List<(TaskName Name, object? Input, StartOrchestrationOptions? Options)> CaptureSchedules()
    {
        var scheduled = new List<(TaskName Name, object? Input, StartOrchestrationOptions? Options)>();
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((name, input, options, _) => scheduled.Add((name, input, options)))
            .ReturnsAsync(FulfilmentId);
        return scheduled;
    }

    private void VerifyNeverScheduled() =>
        client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);

    private sealed class RecordingQueue : IEventQueue
    {
        public ConcurrentBag<EventEnvelope> Messages { get; } = [];

        public bool Fail { get; set; }

        public async Task EnqueueAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (Fail)
            {
                throw new InvalidOperationException("storage refused the message");
            }

            Messages.Add(envelope);
        }
    }
}
