using System.Collections.Concurrent;
using System.Text.Json;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Integration.Tests.System.Engine;

/// <summary>
/// The order fulfilment workflow on the real Durable Task engine (in-memory backend, so every wait is a real episode
/// and every episode a replay), with the activities stubbed: its event waiter kept across waits, the reviews and the
/// SLA timers must replay deterministically. The connectors and the stock ledger are other work; these stubs stand in.
/// </summary>
public sealed class OrderFulfilmentEngineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly ShippingAddress Address = new("Ada", "1 Main St", null, "Springfield", "CA", "US", "90001", null);

    private static readonly ShopOrder Order = new(
        "store-a", 1001, "#1001", "ada@example.com", "USD", Address,
        [new ShopOrderLine(11, "TEE-BLK-M", "T-shirt", 2, 20m), new ShopOrderLine(12, "SKU-UNMAPPED-2", "Odd", 1, 5m)],
        DateTimeOffset.UtcNow, null, null, null);

    [Fact]
    public async Task An_unmapped_order_answered_use_sku_then_shipped_in_two_parts_after_a_missed_sla_is_fulfilled()
    {
        var stubs = new Stubs(TimeSpan.FromSeconds(3));
        await using DurableTaskTestHost host = await DurableTaskTestHost.StartAsync(stubs.Register);
        DurableTaskClient client = host.Client;
        const string id = "order-store-a-1001";

        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(OrderFulfilmentOrchestrator), new OrderFulfilmentInput(Order, "engine-corr", "shopify-1"), new StartOrchestrationOptions(id));

        WorkflowStatus asked = await WaitForStepAsync(client, id, ManualReview.AwaitingStep);
        Assert.Contains("SKU-UNMAPPED-2", asked.Detail, StringComparison.Ordinal);
        await client.RaiseEventAsync(id, ManualReview.DecisionEvent, new ReviewDecision(OrderReviews.UseSku, "SKU-UNMAPPED-2=WH-MUG-CLASSIC", "ops", null) { ReviewId = asked.Review!.Id });

        await WaitForStepAsync(client, id, "awaiting-shipment");
        await WaitUntilAsync(() => stubs.Alerts.Any(a => a.Kind == OrderFulfilmentOrchestrator.SlaAlertKind), "an SLA alert");
        await client.RaiseEventAsync(id, OrderEvent.EventName, Shipped("s1", ("WH-TEE-BLK-M", 2)));
        await client.RaiseEventAsync(id, OrderEvent.EventName, Shipped("s1", ("WH-TEE-BLK-M", 2)));
        await client.RaiseEventAsync(id, OrderEvent.EventName, Shipped("s2", ("WH-MUG-CLASSIC", 1)));

        using var timeout = new CancellationTokenSource(Deadline);
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        OrderFulfilmentResult result = done.ReadOutputAs<OrderFulfilmentResult>()!;
        Assert.Equal(OrderFulfilmentResult.Fulfilled, result.Outcome);
        Assert.Equal(["f-s1", "f-s2"], result.Fulfilments);
        Assert.Equal(["s1", "s2"], stubs.Commits.ToArray());
        Assert.Equal(["TEE-BLK-M:2", "SKU-UNMAPPED-2:1"], stubs.Fulfilled.ToArray());
        Assert.Equal("WH-MUG-CLASSIC", stubs.PlannedWith.Last()?["SKU-UNMAPPED-2"]);
        Assert.Single(stubs.WarehouseOrders);
    }

    [Fact]
    public async Task A_cancel_while_waiting_for_the_shipment_cancels_the_warehouse_order_and_releases_the_stock()
    {
        var stubs = new Stubs(TimeSpan.FromDays(2)) { MapEverything = true };
        await using DurableTaskTestHost host = await DurableTaskTestHost.StartAsync(stubs.Register);
        DurableTaskClient client = host.Client;
        const string id = "order-store-a-1002";

        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(OrderFulfilmentOrchestrator), new OrderFulfilmentInput(Order with { OrderId = 1002 }, "engine-corr", "shopify-2"), new StartOrchestrationOptions(id));
        await WaitForStepAsync(client, id, "awaiting-shipment");
        await client.RaiseEventAsync(id, OrderEvent.EventName, new OrderEvent(
            "shopify-c", "c", EventTypes.ShopOrderCancelled, Order with { OrderId = 1002, CancelledAt = DateTimeOffset.UtcNow }, null));

        using var timeout = new CancellationTokenSource(Deadline);
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrderFulfilmentResult.Cancelled, done.ReadOutputAs<OrderFulfilmentResult>()!.Outcome);
        Assert.Equal(["store-a-1002"], stubs.Cancelled.ToArray());
        Assert.Equal(["store-a-1002"], stubs.Released.ToArray());
    }

    private static OrderEvent Shipped(string shipmentId, params (string Sku, int Quantity)[] lines) => new(
        "shipbob-" + shipmentId, "corr-" + shipmentId, EventTypes.WmsOrderShipped, null,
        new WarehouseShipment("shipbob", "store-a-1001", "sb-1", shipmentId, WarehouseShipment.Shipped, "USPS", "TRK-" + shipmentId, null,
            lines.Select(l => new ShipmentLine(l.Sku, l.Quantity)).ToArray(), null));

    private static async Task<WorkflowStatus> WaitForStepAsync(DurableTaskClient client, string id, string step)
    {
        WorkflowStatus? status = null;
        await WaitUntilAsync(
            async () =>
            {
                OrchestrationMetadata? m = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
                status = m?.SerializedCustomStatus is { } s ? JsonSerializer.Deserialize<WorkflowStatus>(s, new JsonSerializerOptions(JsonSerializerDefaults.Web)) : null;
                return status?.Step == step;
            },
            $"step {step}");
        return status!;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        DateTime until = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Stub activities recording what the workflow asked of them.</summary>
    private sealed class Stubs(TimeSpan sla)
    {
        public bool MapEverything { get; init; }

        public ConcurrentQueue<IReadOnlyDictionary<string, string>?> PlannedWith { get; } = new();

        public ConcurrentQueue<string> WarehouseOrders { get; } = new();

        public ConcurrentQueue<string> Commits { get; } = new();

        public ConcurrentQueue<string> Fulfilled { get; } = new();

        public ConcurrentQueue<string> Cancelled { get; } = new();

        public ConcurrentQueue<string> Released { get; } = new();

        public ConcurrentQueue<AlertInput> Alerts { get; } = new();

        public void Register(DurableTaskRegistry r)
        {
            r.AddOrchestrator<OrderFulfilmentOrchestrator>();
            r.AddActivityFunc<FulfilmentPlanInput, FulfilmentPlan>(ActivityNames.PlanOrderFulfilment, (_, i) =>
            {
                PlannedWith.Enqueue(i.SkuAnswers);
                string? answered = i.SkuAnswers is { } a && a.TryGetValue("SKU-UNMAPPED-2", out string? w) ? w : null;
                string? odd = MapEverything ? "WH-MUG-CLASSIC" : answered;
                PlannedLine[] lines =
                [
                    new(11, "TEE-BLK-M", "WH-TEE-BLK-M", "T-shirt", 2, 20m),
                    new(12, "SKU-UNMAPPED-2", odd, "Odd", 1, 5m),
                ];
                return new FulfilmentPlan(i.Order.Key, "v2", lines, ["shipbob", "shipstation"], sla, odd is null ? ["no warehouse SKU for 'SKU-UNMAPPED-2'"] : []);
            });
            r.AddActivityFunc<ReserveStockInput, StockReservation>(ActivityNames.ReserveOrderStock, (_, i) => new StockReservation(i.OrderKey, StockReservation.Reserved, "shipbob", []));
            r.AddActivityFunc<ReleaseStockInput, StockReservation>(ActivityNames.ReleaseOrderStock, (_, i) =>
            {
                Released.Enqueue(i.OrderKey);
                return new StockReservation(i.OrderKey, StockReservation.Reserved, "shipbob", []);
            });
            r.AddActivityFunc<CommitShipmentInput, StockReservation>(ActivityNames.CommitShippedStock, (_, i) =>
            {
                Commits.Enqueue(i.ShipmentId);
                return new StockReservation(i.OrderKey, StockReservation.PartiallyShipped, "shipbob", []);
            });
            r.AddActivityFunc<SyncStoreStockInput, SyncStoreStockResult>(ActivityNames.SyncStoreStock, (_, _) => new SyncStoreStockResult(3, 3, []));
            r.AddActivityFunc<WarehouseOrderRequest, WarehouseOrderResult>(ActivityNames.CreateWarehouseOrder, (_, i) =>
            {
                WarehouseOrders.Enqueue(i.OrderKey);
                return new WarehouseOrderResult(i.Warehouse, i.OrderKey, WarehouseOrderResult.Created, "sb-1", null);
            });
            r.AddActivityFunc<CancelWarehouseOrderInput, WarehouseCancelResult>(ActivityNames.CancelWarehouseOrder, (_, i) =>
            {
                Cancelled.Enqueue(i.OrderKey);
                return new WarehouseCancelResult(WarehouseCancelResult.Cancelled, null);
            });
            r.AddActivityFunc<CreateShopFulfilmentInput, ShopFulfilmentResult>(ActivityNames.CreateShopFulfilment, (_, i) =>
            {
                Fulfilled.Enqueue(string.Join(",", i.Lines.Select(l => $"{l.Sku}:{l.Quantity}")));
                return new ShopFulfilmentResult(ShopFulfilmentResult.Created, "f-" + i.ShipmentId, null);
            });
            r.AddActivityFunc<AlertInput, bool>(ActivityNames.RaiseAlert, (_, i) =>
            {
                Alerts.Enqueue(i);
                return true;
            });
            r.AddActivityFunc<ReviewAlertInput, bool>(ActivityNames.RaiseReviewAlert, (_, _) => true);
            r.AddActivityFunc<DeadLetterInput, bool>(ActivityNames.RecordDeadLetter, (_, _) => true);
        }
    }
}
