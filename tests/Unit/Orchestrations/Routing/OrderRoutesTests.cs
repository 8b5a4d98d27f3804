using System.Text.Json;
using Integration.Orchestrations.Orders;
using Integration.Orchestrations.Routing;
using Integration.Tests.Unit.Orchestrations.Orders;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Routing;

/// <summary>The order subscriptions' routes: instance ids, who starts a workflow, and who restarts a finished one (only a cancel).</summary>
public sealed class OrderRoutesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_placed_order_without_a_subscription_fans_out_to_its_three_subscribers()
    {
        var fanOut = Assert.IsType<EventRoute.FanOut>(EventRoutingTable.Route(Shop(EventTypes.ShopOrderPlaced, subscription: null)));

        Assert.Equal(["order-fulfilment", "stock-reservation", "crm-order-note"], fanOut.Subscriptions);
    }

    [Fact]
    public void Placed_starts_the_fulfilment_if_absent_and_never_restarts_a_finished_one()
    {
        var route = Reconcile(Shop(EventTypes.ShopOrderPlaced, EventSubscriptions.OrderFulfilment));

        Assert.Equal((OrderWorkflows.Fulfilment, "order-store-a-1001", true, false), (route.OrchestratorName, route.InstanceId, route.StartIfAbsent, route.RestartIfFinished));
        var input = Assert.IsType<OrderFulfilmentInput>(route.Input);
        Assert.Equal(("store-a-1001", "corr-1", "shopify-w1"), (input.Order.Key, input.CorrelationId, input.TriggerEventId));
        Assert.Equal(OrderEvent.EventName, route.EventName);
        var payload = Assert.IsType<OrderEvent>(route.Payload);
        Assert.Equal(("shopify-w1", EventTypes.ShopOrderPlaced), (payload.EventId, payload.Type));
        Assert.Equal(1001, payload.Order!.OrderId);
        Assert.Null(payload.Shipment);
    }

    [Fact]
    public void Updated_is_only_raised_on_a_live_fulfilment()
    {
        var route = Reconcile(Shop(EventTypes.ShopOrderUpdated, EventSubscriptions.OrderFulfilment));

        Assert.Equal(("order-store-a-1001", false, false), (route.InstanceId, route.StartIfAbsent, route.RestartIfFinished));
    }

    [Fact]
    public void Cancelled_starts_the_fulfilment_if_absent_and_restarts_a_finished_one_so_a_late_cancel_is_heard()
    {
        var route = Reconcile(Shop(EventTypes.ShopOrderCancelled, EventSubscriptions.OrderFulfilment, cancelledAt: "2026-03-02T09:00:00Z"));

        Assert.Equal(("order-store-a-1001", true, true), (route.InstanceId, route.StartIfAbsent, route.RestartIfFinished));
        Assert.NotNull(Assert.IsType<OrderFulfilmentInput>(route.Input).Order.CancelledAt);
    }

    [Fact]
    public void Placed_reserves_stock_once_and_cancelled_releases_it_once()
    {
        var reserve = Reconcile(Shop(EventTypes.ShopOrderPlaced, EventSubscriptions.StockReservation));
        var release = Reconcile(Shop(EventTypes.ShopOrderCancelled, EventSubscriptions.StockReservation));

        Assert.Equal((OrderWorkflows.StockReservation, "stock-reserve-store-a-1001", true, false), (reserve.OrchestratorName, reserve.InstanceId, reserve.StartIfAbsent, reserve.RestartIfFinished));
        Assert.Equal((OrderWorkflows.StockRelease, "stock-release-store-a-1001", true, false), (release.OrchestratorName, release.InstanceId, release.StartIfAbsent, release.RestartIfFinished));
        Assert.IsType<StockReservationInput>(reserve.Input);
        Assert.IsType<StockReservationInput>(release.Input);
    }

    [Fact]
    public void Placed_adds_the_crm_note_once()
    {
        var route = Reconcile(Shop(EventTypes.ShopOrderPlaced, EventSubscriptions.CrmOrderNote));

        Assert.Equal((OrderWorkflows.CrmNote, "crm-note-store-a-1001", true, false), (route.OrchestratorName, route.InstanceId, route.StartIfAbsent, route.RestartIfFinished));
        Assert.Equal("ada@example.com", Assert.IsType<OrderCrmNoteInput>(route.Input).Order.Email);
    }

    [Theory]
    [InlineData(EventTypes.WmsOrderShipped, WarehouseShipment.Shipped)]
    [InlineData(EventTypes.WmsShipmentException, WarehouseShipment.Exception)]
    [InlineData(EventTypes.WmsShipmentCancelled, WarehouseShipment.Cancelled)]
    public void A_warehouse_shipment_is_only_raised_on_the_live_fulfilment_with_the_topics_status(string type, string status)
    {
        var route = Reconcile(Wms(type, "store-a-1001"));

        Assert.Equal(("order-store-a-1001", false, false), (route.InstanceId, route.StartIfAbsent, route.RestartIfFinished));
        var payload = Assert.IsType<OrderEvent>(route.Payload);
        Assert.Null(payload.Order);
        Assert.Equal((status, "shipbob", "730001"), (payload.Shipment!.Status, payload.Shipment.Warehouse, payload.Shipment.ShipmentId));
    }

    [Fact]
    public void A_shipment_for_a_reference_this_product_did_not_make_is_ignored_saying_so()
    {
        var ignore = Assert.IsType<EventRoute.Ignore>(EventRoutingTable.Route(Wms(EventTypes.WmsOrderShipped, "SOME-OTHER-CHANNEL")));

        Assert.Contains("not an order this product sent", ignore.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ship_notify_pointer_starts_one_read_back_per_pointer()
    {
        var envelope = new EventEnvelope("shipstation-abc", "shipstation", EventTypes.WmsShipmentsNotified, Now, Now, "corr-1", "0123456789abcdef0123456789abcdef",
            JsonSerializer.SerializeToElement(new { resource_url = "http://127.0.0.1:7080/shipstation/shipments?batchId=7", resource_type = "SHIP_NOTIFY" }));

        var route = Reconcile(envelope);

        Assert.Equal((OrderWorkflows.ShipStationShipments, "shipstation-notify-0123456789abcdef0123456789abcdef", true, false), (route.OrchestratorName, route.InstanceId, route.StartIfAbsent, route.RestartIfFinished));
        Assert.Equal(new ShipStationShipmentsInput("http://127.0.0.1:7080/shipstation/shipments?batchId=7", "corr-1", "shipstation-abc"), route.Input);
    }

    [Fact]
    public void A_shipment_updated_event_has_no_subscriber()
    {
        Assert.IsType<EventRoute.Ignore>(EventRoutingTable.Route(Wms(EventTypes.WmsShipmentUpdated, "store-a-1001", subscription: null)));
    }

    private static EventRoute.Reconcile Reconcile(EventEnvelope envelope) => Assert.IsType<EventRoute.Reconcile>(EventRoutingTable.Route(envelope));

    private static EventEnvelope Shop(string type, string? subscription, string? cancelledAt = null)
    {
        using JsonDocument doc = JsonDocument.Parse(ShopifyOrderExamples.StoreOrder(1001, cancelledAt));
        return new EventEnvelope("shopify-w1", "shopify", type, Now, Now, "corr-1", "store-a-1001", doc.RootElement.Clone(), Subscription: subscription);
    }

    private static EventEnvelope Wms(string type, string reference, string? subscription = EventSubscriptions.OrderFulfilment)
    {
        using JsonDocument doc = JsonDocument.Parse(WarehouseShipmentReaderTests.ShipBobShipped.Replace("store-a-1001", reference, StringComparison.Ordinal));
        return new EventEnvelope("shipbob-m1", "shipbob", type, Now, Now, "corr-1", reference, doc.RootElement.Clone(), Subscription: subscription);
    }
}
