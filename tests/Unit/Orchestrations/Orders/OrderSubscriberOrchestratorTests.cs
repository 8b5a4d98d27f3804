using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Xunit;
using static Integration.Tests.Unit.Orchestrations.Orders.OrderHarness;

namespace Integration.Tests.Unit.Orchestrations.Orders;

/// <summary>The other subscribers of order events: stock reservation and release, the CRM note, the ShipStation read-back.</summary>
public sealed class OrderSubscriberOrchestratorTests
{
    private static StockReservationInput StockInput(ShopOrder? order = null) => new(order ?? Order, CorrelationId, "shopify-1");

    [Fact]
    public void Every_order_workflow_is_named_as_the_subscription_table_names_it()
    {
        Assert.Equal(OrderWorkflows.Fulfilment, nameof(OrderFulfilmentOrchestrator));
        Assert.Equal(OrderWorkflows.StockReservation, nameof(StockReservationOrchestrator));
        Assert.Equal(OrderWorkflows.StockRelease, nameof(StockReleaseOrchestrator));
        Assert.Equal(OrderWorkflows.CrmNote, nameof(OrderCrmNoteOrchestrator));
        Assert.Equal(OrderWorkflows.ShipStationShipments, nameof(ShipStationShipmentsOrchestrator));
    }

    [Fact]
    public async Task A_placed_order_is_planned_reserved_at_once_and_pushed_to_the_stores()
    {
        var harness = new OrderHarness();

        StockReservationResult result = await new StockReservationOrchestrator().RunAsync(harness.Context.Object, StockInput());

        Assert.Equal([ActivityNames.PlanOrderFulfilment, ActivityNames.ReserveOrderStock, ActivityNames.SyncStoreStock], harness.CalledNames);
        Assert.Equal(("store-a-1001", StockReservation.Reserved, "shipbob"), (result.OrderKey, result.Outcome, result.Warehouse));
        ReserveStockInput reserve = harness.InputOf<ReserveStockInput>(ActivityNames.ReserveOrderStock);
        Assert.Equal([new StockLine("WH-TEE-BLK-M", 2), new StockLine("WH-MUG-CLASSIC", 1)], reserve.Lines);
        Assert.Equal(["shipbob", "shipstation"], reserve.Warehouses);
        Assert.Equal(["WH-TEE-BLK-M", "WH-MUG-CLASSIC"], harness.InputOf<SyncStoreStockInput>(ActivityNames.SyncStoreStock).WarehouseSkus);
    }

    [Fact]
    public async Task A_backordered_order_says_what_is_short()
    {
        var harness = new OrderHarness().Returns(
            ActivityNames.ReserveOrderStock, new StockReservation("store-a-1001", StockReservation.Backordered, null, [new StockShortage("WH-TEE-BLK-M", 2, 1)]));

        StockReservationResult result = await new StockReservationOrchestrator().RunAsync(harness.Context.Object, StockInput());

        Assert.Equal(StockReservation.Backordered, result.Outcome);
        Assert.Contains("WH-TEE-BLK-M needs 2, at most 1", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unmapped_order_holds_nothing_and_says_so()
    {
        var harness = new OrderHarness().Returns(ActivityNames.PlanOrderFulfilment, Unmapped);

        StockReservationResult result = await new StockReservationOrchestrator().RunAsync(harness.Context.Object, StockInput());

        Assert.Equal(StockReservationOrchestrator.NotPlanned, result.Outcome);
        Assert.Contains("SKU-UNMAPPED-2", result.Detail, StringComparison.Ordinal);
        Assert.Equal([ActivityNames.PlanOrderFulfilment], harness.CalledNames);
    }

    [Fact]
    public async Task A_cancelled_order_is_not_reserved()
    {
        var harness = new OrderHarness();

        StockReservationResult result = await new StockReservationOrchestrator().RunAsync(harness.Context.Object, StockInput(CancelledInStore().Order));

        Assert.Equal(StockReservationOrchestrator.Cancelled, result.Outcome);
        Assert.Empty(harness.CalledNames);
    }

    [Fact]
    public async Task A_failed_reservation_is_dead_lettered()
    {
        var harness = new OrderHarness().Fail(ActivityNames.ReserveOrderStock);

        StockReservationResult result = await new StockReservationOrchestrator().RunAsync(harness.Context.Object, StockInput());

        Assert.Equal(OrderFulfilmentResult.DeadLettered, result.Outcome);
        Assert.Equal(ActivityNames.RecordDeadLetter, harness.CalledNames.Last());
    }

    [Theory]
    [InlineData(StockReservation.Reserved, StockReservation.Released)]
    [InlineData(StockReservation.Shipped, StockReservation.Shipped)]
    [InlineData(StockReservation.None, StockReservation.None)]
    public async Task A_cancelled_order_releases_its_stock_and_pushes_its_skus(string before, string outcome)
    {
        var harness = new OrderHarness().Returns(ActivityNames.ReleaseOrderStock, new StockReservation("store-a-1001", before, "shipbob", []));

        StockReservationResult result = await new StockReleaseOrchestrator().RunAsync(harness.Context.Object, StockInput(CancelledInStore().Order));

        Assert.Equal([ActivityNames.PlanOrderFulfilment, ActivityNames.ReleaseOrderStock, ActivityNames.SyncStoreStock], harness.CalledNames);
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(new ReleaseStockInput("store-a-1001", CorrelationId), harness.InputOf<ReleaseStockInput>(ActivityNames.ReleaseOrderStock));
    }

    [Fact]
    public async Task The_crm_note_workflow_returns_what_the_activity_did()
    {
        var harness = new OrderHarness();

        OrderCrmNoteResult result = await new OrderCrmNoteOrchestrator().RunAsync(harness.Context.Object, new OrderCrmNoteInput(Order, CorrelationId, "shopify-1"));

        Assert.Equal(OrderCrmNoteResult.Noted, result.Outcome);
        Assert.Equal(new AddOrderCrmNoteInput(Order, CorrelationId), harness.InputOf<AddOrderCrmNoteInput>(ActivityNames.AddOrderCrmNote));
    }

    [Fact]
    public async Task A_failed_crm_note_is_dead_lettered()
    {
        var harness = new OrderHarness().Fail(ActivityNames.AddOrderCrmNote);

        OrderCrmNoteResult result = await new OrderCrmNoteOrchestrator().RunAsync(harness.Context.Object, new OrderCrmNoteInput(Order, CorrelationId, "shopify-1"));

        Assert.Equal(OrderFulfilmentResult.DeadLettered, result.Outcome);
        Assert.Contains(ActivityNames.RecordDeadLetter, harness.CalledNames);
    }

    [Fact]
    public async Task The_shipstation_read_back_fetches_the_pointer_and_reports_what_it_queued()
    {
        var harness = new OrderHarness();
        const string url = "http://127.0.0.1:7080/shipstation/shipments?batchId=1&includeShipmentItems=True";

        ShipStationShipmentsResult result = await new ShipStationShipmentsOrchestrator().RunAsync(harness.Context.Object, new ShipStationShipmentsInput(url, CorrelationId, "shipstation-abc"));

        Assert.Equal(new FetchShipStationShipmentsInput(url, CorrelationId), harness.InputOf<FetchShipStationShipmentsInput>(ActivityNames.FetchShipStationShipments));
        Assert.Equal((2, 1, 1), (result.Shipments, result.Queued, result.Voided));
        Assert.Contains("1 queued, 1 voided", harness.Statuses[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_shipstation_read_back_is_dead_lettered()
    {
        var harness = new OrderHarness().Fail(ActivityNames.FetchShipStationShipments);

        await new ShipStationShipmentsOrchestrator().RunAsync(harness.Context.Object, new ShipStationShipmentsInput("http://x/", CorrelationId, "shipstation-abc"));

        Assert.Equal(ActivityNames.RecordDeadLetter, harness.CalledNames.Last());
    }
}
