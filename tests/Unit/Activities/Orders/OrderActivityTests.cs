using System.Text.Json;
using Integration.Activities.Connectors.Shopify;
using Integration.Activities.Connectors.Warehouses;
using Integration.Activities.Orders;
using Integration.Activities.Queueing;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Orders;

/// <summary>The thin order activities: each calls its dependency with what it was given and maps the answer.</summary>
public sealed class OrderActivityTests
{
    private static readonly TaskActivityContext Ctx = Mock.Of<TaskActivityContext>();

    private static readonly ShippingAddress Address = new("Ada", "1 Main St", null, "Springfield", "CA", "US", "90001", null);

    private static readonly ShopOrder Order = new(
        "store-a", 1001, "#1001", "ada@example.com", "USD", Address,
        [new ShopOrderLine(11, "TEE-BLK-M", "T-shirt", 2, 20m)], new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), null, null, null);

    [Fact]
    public async Task Reserve_holds_the_lines_then_pushes_their_skus()
    {
        var input = new ReserveStockInput("store-a-1001", [new StockLine("WH-A", 2), new StockLine("WH-B", 1)], ["shipbob"], null, "corr");
        var ledger = new Mock<IStockLedger>(MockBehavior.Strict);
        ledger.Setup(l => l.ReserveAsync(input, It.IsAny<CancellationToken>())).ReturnsAsync(new StockReservation("store-a-1001", StockReservation.Reserved, "shipbob", []));
        var sync = new Mock<IStoreStockSync>(MockBehavior.Strict);
        sync.Setup(s => s.SyncAsync(new[] { "WH-A", "WH-B" }, "corr", It.IsAny<CancellationToken>())).ReturnsAsync(new SyncStoreStockResult(3, 3, []));

        StockReservation result = await new ReserveOrderStockActivity(ledger.Object, sync.Object, NullLogger<ReserveOrderStockActivity>.Instance).RunAsync(Ctx, input);

        Assert.Equal(StockReservation.Reserved, result.Status);
        sync.VerifyAll();
    }

    [Fact]
    public async Task Reserve_returns_the_change_even_when_the_store_push_fails_and_does_not_push_a_backorder()
    {
        var input = new ReserveStockInput("k", [new StockLine("WH-A", 2)], ["shipbob"], null, "corr");
        var ledger = new Mock<IStockLedger>();
        ledger.SetupSequence(l => l.ReserveAsync(input, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StockReservation("k", StockReservation.Reserved, "shipbob", []))
            .ReturnsAsync(new StockReservation("k", StockReservation.Backordered, null, []));
        var sync = new Mock<IStoreStockSync>();
        sync.Setup(s => s.SyncAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("store down"));
        var activity = new ReserveOrderStockActivity(ledger.Object, sync.Object, NullLogger<ReserveOrderStockActivity>.Instance);

        Assert.Equal(StockReservation.Reserved, (await activity.RunAsync(Ctx, input)).Status);
        Assert.Equal(StockReservation.Backordered, (await activity.RunAsync(Ctx, input)).Status);
        sync.Verify(s => s.SyncAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Release_and_sync_call_the_ledger_and_the_sync()
    {
        var ledger = new Mock<IStockLedger>(MockBehavior.Strict);
        ledger.Setup(l => l.ReleaseAsync("k", It.IsAny<CancellationToken>())).ReturnsAsync(new StockReservation("k", StockReservation.Reserved, "shipbob", []));
        var sync = new Mock<IStoreStockSync>(MockBehavior.Strict);
        sync.Setup(s => s.SyncAsync(new[] { "WH-A" }, "corr", It.IsAny<CancellationToken>())).ReturnsAsync(new SyncStoreStockResult(3, 2, ["store-c: 503"]));

        Assert.Equal("shipbob", (await new ReleaseOrderStockActivity(ledger.Object).RunAsync(Ctx, new ReleaseStockInput("k", "corr"))).Warehouse);
        Assert.Equal(["store-c: 503"], (await new SyncStoreStockActivity(sync.Object).RunAsync(Ctx, new SyncStoreStockInput(["WH-A"], "corr"))).Problems);
    }

    [Fact]
    public async Task Commit_records_the_shipment_then_pushes_its_skus()
    {
        var input = new CommitShipmentInput("k", "shipbob", "s1", [new ShipmentLine("WH-A", 1), new ShipmentLine("WH-A", 1)], "corr");
        var ledger = new Mock<IStockLedger>(MockBehavior.Strict);
        ledger.Setup(l => l.CommitShipmentAsync(input, It.IsAny<CancellationToken>())).ReturnsAsync(new StockReservation("k", StockReservation.Shipped, "shipbob", []));
        var sync = new Mock<IStoreStockSync>(MockBehavior.Strict);
        sync.Setup(s => s.SyncAsync(new[] { "WH-A" }, "corr", It.IsAny<CancellationToken>())).ReturnsAsync(new SyncStoreStockResult(3, 3, []));

        StockReservation result = await new CommitShippedStockActivity(ledger.Object, sync.Object, NullLogger<CommitShippedStockActivity>.Instance).RunAsync(Ctx, input);

        Assert.Equal(StockReservation.Shipped, result.Status);
        sync.VerifyAll();
    }

    [Fact]
    public async Task Warehouse_orders_go_to_the_connector_of_that_name_ignoring_case()
    {
        var request = new WarehouseOrderRequest("ShipStation", "k", "#1", null, Address, [], "corr");
        var shipbob = Connector("shipbob");
        var shipstation = Connector("shipstation");
        shipstation.Setup(c => c.CreateOrderAsync(request, It.IsAny<CancellationToken>())).ReturnsAsync(new WarehouseOrderResult("shipstation", "k", WarehouseOrderResult.Created, "9", null));
        var cancel = new CancelWarehouseOrderInput("shipbob", "k", "7", "corr");
        shipbob.Setup(c => c.CancelOrderAsync(cancel, It.IsAny<CancellationToken>())).ReturnsAsync(new WarehouseCancelResult(WarehouseCancelResult.TooLate, "shipped"));
        IWarehouseConnector[] all = [shipbob.Object, shipstation.Object];

        Assert.Equal("9", (await new CreateWarehouseOrderActivity(all).RunAsync(Ctx, request)).WarehouseOrderId);
        Assert.Equal(WarehouseCancelResult.TooLate, (await new CancelWarehouseOrderActivity(all).RunAsync(Ctx, cancel)).Outcome);
    }

    [Fact]
    public async Task An_unknown_warehouse_is_a_permanent_failure_naming_the_configured_ones()
    {
        var ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(() =>
            new CreateWarehouseOrderActivity([Connector("shipbob").Object]).RunAsync(Ctx, new WarehouseOrderRequest("amazon", "k", "#1", null, Address, [], "corr")));

        Assert.Contains("'amazon'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("shipbob", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fulfilment_with_this_tracking_number_already_in_the_store_is_not_created_again()
    {
        var shopify = new Mock<IShopifyAdmin>(MockBehavior.Strict);
        shopify.Setup(s => s.GetFulfilmentsAsync("store-a", 1001, "corr", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new ShopFulfilment("gid://shopify/Fulfillment/5", "SUCCESS", "USPS", "TRK-1")]);

        ShopFulfilmentResult result = await new CreateShopFulfilmentActivity(shopify.Object).RunAsync(Ctx, FulfilInput(("TEE-BLK-M", 2)));

        Assert.Equal((ShopFulfilmentResult.Existing, "gid://shopify/Fulfillment/5"), (result.Outcome, result.FulfilmentId));
    }

    [Fact]
    public async Task A_fulfilment_is_created_for_the_open_fulfilment_order_lines_with_quantity_left_and_the_tracking()
    {
        var shopify = new Mock<IShopifyAdmin>(MockBehavior.Strict);
        shopify.Setup(s => s.GetFulfilmentsAsync("store-a", 1001, "corr", It.IsAny<CancellationToken>())).ReturnsAsync([]);
        shopify.Setup(s => s.GetFulfilmentOrdersAsync("store-a", 1001, "corr", It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new ShopFulfilmentOrder("fo-closed", "CLOSED", [new ShopFulfilmentOrderLine("l0", "TEE-BLK-M", 11, 2, 2)]),
            new ShopFulfilmentOrder("fo-1", "OPEN", [new ShopFulfilmentOrderLine("l1", "TEE-BLK-M", 11, 2, 1), new ShopFulfilmentOrderLine("l2", "MUG-CLASSIC", 12, 1, 1)]),
            new ShopFulfilmentOrder("fo-2", "OPEN", [new ShopFulfilmentOrderLine("l3", "tee-blk-m", 13, 5, 5)]),
        ]);
        ShopFulfilmentRequest? sent = null;
        shopify.Setup(s => s.CreateFulfilmentAsync("store-a", It.IsAny<ShopFulfilmentRequest>(), "corr", It.IsAny<CancellationToken>()))
            .Callback<string, ShopFulfilmentRequest, string, CancellationToken>((_, r, _, _) => sent = r)
            .ReturnsAsync(new ShopFulfilment("gid://shopify/Fulfillment/6", "SUCCESS", "USPS", "TRK-1"));

        ShopFulfilmentResult result = await new CreateShopFulfilmentActivity(shopify.Object).RunAsync(Ctx, FulfilInput(("TEE-BLK-M", 2)));

        Assert.Equal((ShopFulfilmentResult.Created, "gid://shopify/Fulfillment/6"), (result.Outcome, result.FulfilmentId));
        Assert.NotNull(sent);
        Assert.Equal(("USPS", "TRK-1", "https://t/1"), (sent.TrackingCompany, sent.TrackingNumber, sent.TrackingUrl));
        Assert.Equal(["fo-1", "fo-2"], sent.LineItemsByFulfilmentOrder.Select(f => f.FulfilmentOrderId));
        Assert.Equal([new ShopFulfilmentLineQuantity("l1", 1)], sent.LineItemsByFulfilmentOrder[0].Lines);
        Assert.Equal([new ShopFulfilmentLineQuantity("l3", 1)], sent.LineItemsByFulfilmentOrder[1].Lines);
    }

    [Fact]
    public async Task Nothing_left_to_fulfil_creates_nothing()
    {
        var shopify = new Mock<IShopifyAdmin>(MockBehavior.Strict);
        shopify.Setup(s => s.GetFulfilmentsAsync("store-a", 1001, "corr", It.IsAny<CancellationToken>())).ReturnsAsync([]);
        shopify.Setup(s => s.GetFulfilmentOrdersAsync("store-a", 1001, "corr", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new ShopFulfilmentOrder("fo-1", "OPEN", [new ShopFulfilmentOrderLine("l1", "TEE-BLK-M", 11, 2, 0)])]);

        ShopFulfilmentResult result = await new CreateShopFulfilmentActivity(shopify.Object).RunAsync(Ctx, FulfilInput(("TEE-BLK-M", 2)));

        Assert.Equal(ShopFulfilmentResult.NothingToFulfil, result.Outcome);
        Assert.Null(result.FulfilmentId);
    }

    [Fact]
    public async Task A_line_without_sku_matches_by_its_order_line_id_and_a_user_error_is_permanent()
    {
        var shopify = new Mock<IShopifyAdmin>(MockBehavior.Strict);
        shopify.Setup(s => s.GetFulfilmentsAsync("store-a", 1001, "corr", It.IsAny<CancellationToken>())).ReturnsAsync([]);
        shopify.Setup(s => s.GetFulfilmentOrdersAsync("store-a", 1001, "corr", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new ShopFulfilmentOrder("fo-1", "OPEN", [new ShopFulfilmentOrderLine("l9", null, 12, 1, 1)])]);
        shopify.Setup(s => s.CreateFulfilmentAsync("store-a", It.Is<ShopFulfilmentRequest>(r => r.LineItemsByFulfilmentOrder[0].Lines[0].Id == "l9"), "corr", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ShopifyUserErrorException("fulfillmentOrderId: is closed"));

        var ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => new CreateShopFulfilmentActivity(shopify.Object).RunAsync(Ctx, FulfilInput(("line:12", 1))));

        Assert.Contains("is closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_crm_note_is_written_once_on_the_contact_found_by_email_and_linked()
    {
        var crm = new Mock<IOrderCrmTimeline>(MockBehavior.Strict);
        crm.Setup(c => c.FindContactByEmailAsync("ada@example.com", "corr", It.IsAny<CancellationToken>())).ReturnsAsync("c-7");
        crm.Setup(c => c.CreateNoteAsync("c-7", It.Is<string>(b => b.Contains("#1001", StringComparison.Ordinal) && b.Contains("2 × T-shirt (TEE-BLK-M)", StringComparison.Ordinal)), Order.CreatedAt, "corr", It.IsAny<CancellationToken>()))
            .ReturnsAsync("n-3");
        var links = new Mock<IOrderCrmNoteLinks>(MockBehavior.Strict);
        links.Setup(l => l.FindNoteAsync("store-a-1001", It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);
        links.Setup(l => l.LinkAsync("store-a-1001", "n-3", "c-7", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        OrderCrmNoteResult result = await new AddOrderCrmNoteActivity(crm.Object, links.Object).RunAsync(Ctx, new AddOrderCrmNoteInput(Order, "corr"));

        Assert.Equal((OrderCrmNoteResult.Noted, "c-7", "n-3"), (result.Outcome, result.ContactId, result.NoteId));
        links.VerifyAll();
    }

    [Fact]
    public async Task A_noted_order_is_not_noted_again_and_no_email_or_contact_writes_nothing()
    {
        var crm = new Mock<IOrderCrmTimeline>(MockBehavior.Strict);
        crm.Setup(c => c.FindContactByEmailAsync("ada@example.com", "corr", It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);
        var links = new Mock<IOrderCrmNoteLinks>(MockBehavior.Strict);
        links.SetupSequence(l => l.FindNoteAsync("store-a-1001", It.IsAny<CancellationToken>())).ReturnsAsync("n-1").ReturnsAsync((string?)null).ReturnsAsync((string?)null);
        var activity = new AddOrderCrmNoteActivity(crm.Object, links.Object);

        Assert.Equal(OrderCrmNoteResult.AlreadyNoted, (await activity.RunAsync(Ctx, new AddOrderCrmNoteInput(Order, "corr"))).Outcome);
        Assert.Equal(OrderCrmNoteResult.NoEmail, (await activity.RunAsync(Ctx, new AddOrderCrmNoteInput(Order with { Email = null }, "corr"))).Outcome);
        Assert.Equal(OrderCrmNoteResult.NoContact, (await activity.RunAsync(Ctx, new AddOrderCrmNoteInput(Order, "corr"))).Outcome);
    }

    [Fact]
    public async Task Shipstation_shipments_not_voided_are_queued_once_each_as_shipped_facts_through_the_intake()
    {
        const string url = "http://127.0.0.1:7080/shipstation/shipments?batchId=3&includeShipmentItems=True";
        using JsonDocument body = JsonDocument.Parse("""
            [{"shipmentId":71,"orderKey":"store-a-1001","shipDate":"2026-12-07","voided":false,"trackingNumber":"T1"},
             {"shipmentId":72,"orderKey":"store-a-1002","voided":true},
             {"shipmentId":73,"orderKey":"store-b-5","voided":false}]
            """);
        var shipStation = new Mock<IShipStationShipments>(MockBehavior.Strict);
        shipStation.Setup(s => s.GetShipmentsAsync(new Uri(url), "corr", It.IsAny<CancellationToken>()))
            .ReturnsAsync(body.RootElement.EnumerateArray().ToArray());
        var queued = new List<EventEnvelope>();
        var queue = new Mock<IEventQueue>();
        queue.Setup(q => q.EnqueueAsync(It.IsAny<EventEnvelope>(), It.IsAny<CancellationToken>())).Callback<EventEnvelope, CancellationToken>((e, _) => { lock (queued) { queued.Add(e); } }).Returns(Task.CompletedTask);
        var received = new Mock<IReceivedEventStore>();
        received.Setup(r => r.WasReceivedAsync(It.Is<EventEnvelope>(e => e.Id == "shipstation-shipment-73"), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var activity = new FetchShipStationShipmentsActivity(shipStation.Object, queue.Object, received.Object, Config("http://127.0.0.1:7080/shipstation"), TimeProvider.System);

        ShipStationShipmentsResult result = await activity.RunAsync(Ctx, new FetchShipStationShipmentsInput(url, "corr"));

        Assert.Equal((3, 1, 1), (result.Shipments, result.Queued, result.Voided));
        Assert.Equal(["shipstation-shipment-71"], result.EventIds);
        EventEnvelope e = Assert.Single(queued);
        Assert.Equal(("shipstation-shipment-71", "shipstation", EventTypes.WmsOrderShipped, "store-a-1001", "corr"), (e.Id, e.Source, e.Type, e.Subject, e.CorrelationId));
        Assert.Equal("T1", e.Data.GetProperty("trackingNumber").GetString());
        received.Verify(r => r.RecordAsync(It.Is<EventEnvelope>(x => x.Id == "shipstation-shipment-71"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("http://evil.example/shipstation/shipments?batchId=1")]
    [InlineData("https://127.0.0.1:7080/shipstation/shipments")]
    [InlineData("http://127.0.0.1:7081/shipstation/shipments")]
    [InlineData("not a url")]
    public async Task A_pointer_that_is_not_shipstations_is_refused_before_any_call(string url)
    {
        var shipStation = new Mock<IShipStationShipments>(MockBehavior.Strict);
        var activity = new FetchShipStationShipmentsActivity(
            shipStation.Object, Mock.Of<IEventQueue>(), Mock.Of<IReceivedEventStore>(), Config("http://127.0.0.1:7080/shipstation"), TimeProvider.System);

        var ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => activity.RunAsync(Ctx, new FetchShipStationShipmentsInput(url, "corr")));

        Assert.Contains("does not point at ShipStation", ex.Message, StringComparison.Ordinal);
    }

    private static IOptions<ShipStationReadBackOptions> Config(string baseUrl) =>
        Microsoft.Extensions.Options.Options.Create(new ShipStationReadBackOptions { BaseUrl = baseUrl });

    private static Mock<IWarehouseConnector> Connector(string name)
    {
        var connector = new Mock<IWarehouseConnector>();
        connector.SetupGet(c => c.Name).Returns(name);
        return connector;
    }

    private static CreateShopFulfilmentInput FulfilInput(params (string Sku, int Quantity)[] lines) =>
        new("store-a", 1001, "s1", "USPS", "TRK-1", "https://t/1", lines.Select(l => new FulfilmentLine(l.Sku, l.Quantity)).ToArray(), "corr");
}
