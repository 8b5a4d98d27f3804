using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Xunit;
using static Integration.Tests.Unit.Orchestrations.Orders.OrderHarness;

namespace Integration.Tests.Unit.Orchestrations.Orders;

/// <summary>The order fulfilment workflow's main line, its waits and its endings (reviews are in OrderFulfilmentReviewTests).</summary>
public sealed class OrderFulfilmentOrchestratorTests
{
    [Fact]
    public async Task A_placed_order_is_planned_reserved_sent_and_on_shipment_fulfilled_in_the_store()
    {
        var harness = new OrderHarness().Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(
            [ActivityNames.PlanOrderFulfilment, ActivityNames.ReserveOrderStock, ActivityNames.CreateWarehouseOrder,
             ActivityNames.CommitShippedStock, ActivityNames.CreateShopFulfilment, ActivityNames.SyncStoreStock],
            harness.CalledNames);
        Assert.Equal(OrderFulfilmentResult.Fulfilled, result.Outcome);
        Assert.Equal(("store-a-1001", "shipbob", WarehouseOrderId), (result.OrderKey, result.Warehouse, result.WarehouseOrderId));
        Assert.Equal(["gid://shopify/Fulfillment/s1"], result.Fulfilments);
        Assert.Equal("completed", harness.Statuses[^1].Step);
        Assert.Empty(harness.Alerts);
    }

    [Fact]
    public async Task The_steps_publish_the_documented_status_names_in_order()
    {
        var harness = new OrderHarness().Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        await harness.RunAsync();

        Assert.Equal(
            ["planning", "reserving-stock", "creating-warehouse-order", "awaiting-shipment", "fulfilling-in-store", "completed"],
            harness.Statuses.Select(s => s.Step));
        Assert.Equal(new DateTimeOffset(Now + TimeSpan.FromDays(2)), harness.Statuses[3].WaitingUntil);
    }

    [Fact]
    public async Task Each_step_is_given_the_order_key_plan_and_correlation_id()
    {
        var harness = new OrderHarness().Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        await harness.RunAsync();

        FulfilmentPlanInput plan = harness.InputOf<FulfilmentPlanInput>(ActivityNames.PlanOrderFulfilment);
        Assert.Equal((Order, CorrelationId), (plan.Order, plan.CorrelationId));
        Assert.Null(plan.SkuAnswers);

        ReserveStockInput reserve = harness.InputOf<ReserveStockInput>(ActivityNames.ReserveOrderStock);
        Assert.Equal("store-a-1001", reserve.OrderKey);
        Assert.Equal([new StockLine("WH-TEE-BLK-M", 2), new StockLine("WH-MUG-CLASSIC", 1)], reserve.Lines);
        Assert.Equal(["shipbob", "shipstation"], reserve.Warehouses);
        Assert.Null(reserve.PinnedWarehouse);

        WarehouseOrderRequest sent = harness.InputOf<WarehouseOrderRequest>(ActivityNames.CreateWarehouseOrder);
        Assert.Equal(("shipbob", "store-a-1001", "#1001", "ada@example.com", Address), (sent.Warehouse, sent.OrderKey, sent.OrderName, sent.Email, sent.Address));
        Assert.Equal([new WarehouseOrderLine("11", "WH-TEE-BLK-M", "T-shirt", 2, 20m), new WarehouseOrderLine("12", "WH-MUG-CLASSIC", "Mug", 1, 9.5m)], sent.Lines);

        CommitShipmentInput commit = harness.InputOf<CommitShipmentInput>(ActivityNames.CommitShippedStock);
        Assert.Equal(("store-a-1001", "shipbob", "s1"), (commit.OrderKey, commit.Warehouse, commit.ShipmentId));

        CreateShopFulfilmentInput fulfil = harness.InputOf<CreateShopFulfilmentInput>(ActivityNames.CreateShopFulfilment);
        Assert.Equal(("store-a", 1001L, "s1", "USPS", "TRK-s1"), (fulfil.Shop, fulfil.OrderId, fulfil.ShipmentId, fulfil.Carrier, fulfil.TrackingNumber));
        Assert.Equal([new FulfilmentLine("TEE-BLK-M", 2), new FulfilmentLine("MUG-CLASSIC", 1)], fulfil.Lines);

        Assert.Equal(["WH-TEE-BLK-M", "WH-MUG-CLASSIC"], harness.InputOf<SyncStoreStockInput>(ActivityNames.SyncStoreStock).WarehouseSkus);
        Assert.All(harness.Calls, c => Assert.Same(WorkflowRetry.Standard, c.Options));
    }

    [Fact]
    public async Task A_partial_shipment_fulfils_its_lines_and_waits_for_the_rest()
    {
        var harness = new OrderHarness()
            .Deliver(Shipped("s1", ("WH-TEE-BLK-M", 1)), ActivityNames.CreateWarehouseOrder)
            .Deliver(Shipped("s2", ("WH-TEE-BLK-M", 1), ("WH-MUG-CLASSIC", 1)), ActivityNames.SyncStoreStock);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.Fulfilled, result.Outcome);
        Assert.Equal(["gid://shopify/Fulfillment/s1", "gid://shopify/Fulfillment/s2"], result.Fulfilments);
        CreateShopFulfilmentInput[] fulfilments = harness.InputsOf<CreateShopFulfilmentInput>(ActivityNames.CreateShopFulfilment).ToArray();
        Assert.Equal([new FulfilmentLine("TEE-BLK-M", 1)], fulfilments[0].Lines);
        Assert.Equal([new FulfilmentLine("TEE-BLK-M", 1), new FulfilmentLine("MUG-CLASSIC", 1)], fulfilments[1].Lines);
        Assert.Contains(harness.Statuses, s => s.Step == "awaiting-shipment" && s.Detail!.Contains("1 of 3 units shipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_shipment_heard_twice_is_handled_once()
    {
        var harness = new OrderHarness()
            .Deliver(Shipped("s1", ("WH-TEE-BLK-M", 1)), ActivityNames.CreateWarehouseOrder)
            .Deliver(Shipped("s1", ("WH-TEE-BLK-M", 1)), ActivityNames.SyncStoreStock)
            .Deliver(Shipped("s2", ("WH-TEE-BLK-M", 1), ("WH-MUG-CLASSIC", 1)), ActivityNames.SyncStoreStock);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.Fulfilled, result.Outcome);
        Assert.Equal(["s1", "s2"], harness.InputsOf<CommitShipmentInput>(ActivityNames.CommitShippedStock).Select(c => c.ShipmentId));
    }

    [Fact]
    public async Task A_missed_shipping_sla_alerts_naming_order_warehouse_and_warehouse_order_once_per_period_and_keeps_waiting()
    {
        var harness = new OrderHarness { SlaTimersToFire = 2 }.Deliver(AllShipped(), ActivityNames.RaiseAlert, occurrence: 2);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.Fulfilled, result.Outcome);
        AlertInput[] alerts = harness.Alerts.ToArray();
        Assert.Equal(2, alerts.Length);
        Assert.All(alerts, a =>
        {
            Assert.Equal(OrderFulfilmentOrchestrator.SlaAlertKind, a.Kind);
            Assert.Equal(InstanceId, a.Reference);
            Assert.Contains("store-a-1001", a.Text, StringComparison.Ordinal);
            Assert.Contains("shipbob", a.Text, StringComparison.Ordinal);
            Assert.Contains(WarehouseOrderId, a.Text, StringComparison.Ordinal);
        });
        Assert.Equal([Now + TimeSpan.FromDays(2), Now + TimeSpan.FromDays(4), Now + TimeSpan.FromDays(6)], harness.Timers);
    }

    [Theory]
    [InlineData(WarehouseShipment.Exception, "lost in transit")]
    [InlineData(WarehouseShipment.Cancelled, "cancelled by the warehouse")]
    public async Task A_shipment_problem_raises_a_warning_and_the_workflow_keeps_waiting(string status, string detail)
    {
        var harness = new OrderHarness()
            .Deliver(ShipmentProblem(status, detail), ActivityNames.CreateWarehouseOrder)
            .Deliver(AllShipped(), ActivityNames.RaiseAlert);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.Fulfilled, result.Outcome);
        AlertInput alert = Assert.Single(harness.Alerts);
        Assert.Equal("warning", alert.Severity);
        Assert.Contains(detail, alert.Text, StringComparison.Ordinal);
        Assert.Contains("store-a-1001", alert.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_updated_order_that_is_not_cancelled_is_noted_and_the_workflow_keeps_waiting()
    {
        var harness = new OrderHarness()
            .Deliver(Updated(Order with { Email = "new@example.com" }), ActivityNames.CreateWarehouseOrder)
            .Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.Fulfilled, result.Outcome);
        Assert.Single(harness.InputsOf<WarehouseOrderRequest>(ActivityNames.CreateWarehouseOrder));
        Assert.DoesNotContain(ActivityNames.CancelWarehouseOrder, harness.CalledNames);
        Assert.Contains(harness.Statuses, s => s.Step == "awaiting-shipment" && s.Detail!.Contains("changed in the store", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancel_before_shipping_cancels_the_warehouse_order_releases_the_stock_and_updates_the_stores()
    {
        var harness = new OrderHarness().Deliver(CancelledInStore(), ActivityNames.CreateWarehouseOrder);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.Cancelled, result.Outcome);
        Assert.Equal(
            [ActivityNames.PlanOrderFulfilment, ActivityNames.ReserveOrderStock, ActivityNames.CreateWarehouseOrder,
             ActivityNames.CancelWarehouseOrder, ActivityNames.ReleaseOrderStock, ActivityNames.SyncStoreStock],
            harness.CalledNames);
        Assert.Equal(new CancelWarehouseOrderInput("shipbob", "store-a-1001", WarehouseOrderId, CorrelationId), harness.InputOf<CancelWarehouseOrderInput>(ActivityNames.CancelWarehouseOrder));
        Assert.Contains("cancelling", harness.Statuses.Select(s => s.Step));
        Assert.Empty(harness.Alerts);
    }

    [Fact]
    public async Task An_updated_order_with_cancelled_at_set_is_a_cancellation()
    {
        var harness = new OrderHarness().Deliver(Updated(Order with { CancelledAt = new DateTimeOffset(Now) }), ActivityNames.CreateWarehouseOrder);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.Cancelled, result.Outcome);
        Assert.Contains(ActivityNames.CancelWarehouseOrder, harness.CalledNames);
    }

    [Fact]
    public async Task A_cancel_after_part_shipped_alerts_for_a_return()
    {
        var harness = new OrderHarness()
            .Deliver(Shipped("s1", ("WH-TEE-BLK-M", 1)), ActivityNames.CreateWarehouseOrder)
            .Deliver(CancelledInStore(), ActivityNames.SyncStoreStock);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.CancelledAfterShipping, result.Outcome);
        AlertInput alert = Assert.Single(harness.Alerts);
        Assert.Contains("Return needed", alert.Title, StringComparison.Ordinal);
        Assert.Contains("store-a-1001", alert.Text, StringComparison.Ordinal);
        Assert.Contains("shipbob", alert.Text, StringComparison.Ordinal);
        Assert.Contains(ActivityNames.ReleaseOrderStock, harness.CalledNames);
    }

    [Fact]
    public async Task A_cancel_the_warehouse_says_is_too_late_for_alerts_for_a_return()
    {
        var harness = new OrderHarness()
            .Returns(ActivityNames.CancelWarehouseOrder, new WarehouseCancelResult(WarehouseCancelResult.TooLate, "already packed"))
            .Deliver(CancelledInStore(), ActivityNames.CreateWarehouseOrder);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.CancelledAfterShipping, result.Outcome);
        AlertInput alert = Assert.Single(harness.Alerts);
        Assert.Contains("too late", alert.Text, StringComparison.Ordinal);
        Assert.Contains("shipbob", alert.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_cancelled_at_start_with_nothing_held_is_cancelled_without_calling_a_warehouse()
    {
        var harness = new OrderHarness()
            .Returns(ActivityNames.ReleaseOrderStock, new StockReservation("store-a-1001", StockReservation.None, null, []));

        OrderFulfilmentResult result = await harness.RunAsync(CancelledInStore().Order);

        Assert.Equal(OrderFulfilmentResult.Cancelled, result.Outcome);
        Assert.Equal([ActivityNames.PlanOrderFulfilment, ActivityNames.ReleaseOrderStock, ActivityNames.SyncStoreStock], harness.CalledNames);
    }

    [Fact]
    public async Task An_order_cancelled_at_start_whose_stock_is_held_cancels_at_that_warehouse()
    {
        var harness = new OrderHarness()
            .Returns(ActivityNames.ReleaseOrderStock, new StockReservation("store-a-1001", StockReservation.Reserved, "shipstation", []));

        OrderFulfilmentResult result = await harness.RunAsync(CancelledInStore().Order);

        Assert.Equal(OrderFulfilmentResult.Cancelled, result.Outcome);
        Assert.Equal(new CancelWarehouseOrderInput("shipstation", "store-a-1001", null, CorrelationId), harness.InputOf<CancelWarehouseOrderInput>(ActivityNames.CancelWarehouseOrder));
    }

    [Fact]
    public async Task A_late_cancel_restarting_a_fulfilled_order_alerts_for_a_return()
    {
        var harness = new OrderHarness()
            .Returns(ActivityNames.ReleaseOrderStock, new StockReservation("store-a-1001", StockReservation.Shipped, "shipbob", []));

        OrderFulfilmentResult result = await harness.RunAsync(CancelledInStore().Order);

        Assert.Equal(OrderFulfilmentResult.CancelledAfterShipping, result.Outcome);
        Assert.DoesNotContain(ActivityNames.CancelWarehouseOrder, harness.CalledNames);
        AlertInput alert = Assert.Single(harness.Alerts);
        Assert.Contains("Return needed", alert.Title, StringComparison.Ordinal);
        Assert.Contains("shipbob", alert.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ActivityNames.PlanOrderFulfilment)]
    [InlineData(ActivityNames.ReserveOrderStock)]
    [InlineData(ActivityNames.CreateWarehouseOrder)]
    public async Task A_step_that_fails_after_its_retries_is_dead_lettered_naming_it(string failing)
    {
        var harness = new OrderHarness().Fail(failing);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.DeadLettered, result.Outcome);
        Assert.Equal(ActivityNames.RecordDeadLetter, harness.CalledNames.Last());
        var letter = Assert.IsType<DeadLetterInput>(harness.Calls.Last().Input);
        Assert.Contains(failing, letter.Reason, StringComparison.Ordinal);
        Assert.Contains(FailureMessage, letter.Reason, StringComparison.Ordinal);
        Assert.Equal((InstanceId, CorrelationId), (letter.Reference, letter.CorrelationId));
        Assert.Equal(WorkflowDeadLetter.Step, harness.Statuses[^1].Step);
    }

    [Fact]
    public async Task A_fulfilment_that_fails_in_the_store_is_dead_lettered_with_the_warehouse_order_in_the_result()
    {
        var harness = new OrderHarness().Fail(ActivityNames.CreateShopFulfilment).Deliver(AllShipped(), ActivityNames.CreateWarehouseOrder);

        OrderFulfilmentResult result = await harness.RunAsync();

        Assert.Equal(OrderFulfilmentResult.DeadLettered, result.Outcome);
        Assert.Equal(("shipbob", WarehouseOrderId), (result.Warehouse, result.WarehouseOrderId));
    }
}
