using System.Text.Json;
using Integration.Orchestrations.Orders;

namespace Integration.Orchestrations.Routing;

/// <summary>
/// The order subscriptions' routes (issue 12), beside <see cref="EventRoutingTable"/> which picks them. Pure. An order
/// workflow is never run twice for one order: every route here starts only an absent workflow and leaves a finished one
/// alone, except a cancellation, which restarts a finished fulfilment so a cancel after shipping still reaches it (it
/// alerts for a return). Store order events carry the REST Order (read by <see cref="ShopOrderReader"/>); warehouse
/// events a shipment (read by <see cref="WarehouseShipmentReader"/>) whose subject is our order key.
/// </summary>
internal static class OrderRoutes
{
    /// <summary>
    /// order-fulfilment: placed → start if absent; updated → raise only; cancelled → start if absent and restart a
    /// finished one; warehouse shipped/exception/cancelled → raise only.
    /// </summary>
    public static EventRoute Fulfilment(EventEnvelope envelope)
    {
        if (!OrderKeys.TryParse(envelope.Subject, out string shop, out long orderId))
        {
            return NotOurOrder(envelope);
        }

        string key = OrderKeys.Key(shop, orderId);
        string instanceId = OrderWorkflows.FulfilmentInstanceId(key);
        switch (envelope.Type)
        {
            case EventTypes.ShopOrderPlaced or EventTypes.ShopOrderUpdated or EventTypes.ShopOrderCancelled:
                ShopOrder order = ShopOrderReader.Read(shop, envelope.Data);
                bool cancelled = envelope.Type == EventTypes.ShopOrderCancelled;
                return new EventRoute.Reconcile(
                    OrderWorkflows.Fulfilment,
                    instanceId,
                    new OrderFulfilmentInput(order, envelope.CorrelationId, envelope.Id),
                    OrderEvent.EventName,
                    new OrderEvent(envelope.Id, envelope.CorrelationId, envelope.Type, order, null),
                    StartIfAbsent: envelope.Type != EventTypes.ShopOrderUpdated,
                    RestartIfFinished: cancelled);

            case EventTypes.WmsOrderShipped or EventTypes.WmsShipmentException or EventTypes.WmsShipmentCancelled:
                WarehouseShipment shipment = WarehouseShipmentReader.Read(envelope.Source, envelope.Data) with
                {
                    OrderKey = key,
                    Status = envelope.Type switch
                    {
                        EventTypes.WmsOrderShipped => WarehouseShipment.Shipped,
                        EventTypes.WmsShipmentException => WarehouseShipment.Exception,
                        _ => WarehouseShipment.Cancelled,
                    },
                };

                // Raise only: a shipment for an order with no workflow has nothing to update, so the input never starts one.
                return new EventRoute.Reconcile(
                    OrderWorkflows.Fulfilment,
                    instanceId,
                    new OrderFulfilmentInput(Placeholder(shop, orderId), envelope.CorrelationId, envelope.Id),
                    OrderEvent.EventName,
                    new OrderEvent(envelope.Id, envelope.CorrelationId, envelope.Type, null, shipment),
                    StartIfAbsent: false,
                    RestartIfFinished: false);

            default:
                return new EventRoute.Ignore($"the order fulfilment does not act on {envelope.Type}");
        }
    }

    /// <summary>stock-reservation: placed → reserve (<c>stock-reserve-{key}</c>); cancelled → release (<c>stock-release-{key}</c>); each once.</summary>
    public static EventRoute Stock(EventEnvelope envelope)
    {
        if (!OrderKeys.TryParse(envelope.Subject, out string shop, out long orderId))
        {
            return NotOurOrder(envelope);
        }

        string key = OrderKeys.Key(shop, orderId);
        (string orchestrator, string instanceId) = envelope.Type switch
        {
            EventTypes.ShopOrderPlaced => (OrderWorkflows.StockReservation, OrderWorkflows.StockReservationInstanceId(key)),
            EventTypes.ShopOrderCancelled => (OrderWorkflows.StockRelease, OrderWorkflows.StockReleaseInstanceId(key)),
            _ => (string.Empty, string.Empty),
        };
        if (orchestrator.Length == 0)
        {
            return new EventRoute.Ignore($"the stock subscription does not act on {envelope.Type}");
        }

        ShopOrder order = ShopOrderReader.Read(shop, envelope.Data);
        return new EventRoute.Reconcile(
            orchestrator,
            instanceId,
            new StockReservationInput(order, envelope.CorrelationId, envelope.Id),
            OrderEvent.EventName,
            new OrderEvent(envelope.Id, envelope.CorrelationId, envelope.Type, order, null),
            StartIfAbsent: true,
            RestartIfFinished: false);
    }

    /// <summary>crm-order-note: placed → <c>crm-note-{key}</c>, once.</summary>
    public static EventRoute CrmNote(EventEnvelope envelope)
    {
        if (!OrderKeys.TryParse(envelope.Subject, out string shop, out long orderId))
        {
            return NotOurOrder(envelope);
        }

        if (envelope.Type != EventTypes.ShopOrderPlaced)
        {
            return new EventRoute.Ignore($"the CRM note does not act on {envelope.Type}");
        }

        ShopOrder order = ShopOrderReader.Read(shop, envelope.Data);
        return new EventRoute.Reconcile(
            OrderWorkflows.CrmNote,
            OrderWorkflows.CrmNoteInstanceId(OrderKeys.Key(shop, orderId)),
            new OrderCrmNoteInput(order, envelope.CorrelationId, envelope.Id),
            OrderEvent.EventName,
            new OrderEvent(envelope.Id, envelope.CorrelationId, envelope.Type, order, null),
            StartIfAbsent: true,
            RestartIfFinished: false);
    }

    /// <summary>shipstation-shipments: a SHIP_NOTIFY pointer → <c>shipstation-notify-{hash}</c>, which reads the shipments back once.</summary>
    public static EventRoute ShipStationShipments(EventEnvelope envelope)
    {
        string? resourceUrl = envelope.Data.ValueKind == JsonValueKind.Object &&
            envelope.Data.TryGetProperty("resource_url", out JsonElement url) && url.ValueKind == JsonValueKind.String
            ? url.GetString()
            : null;
        if (string.IsNullOrWhiteSpace(resourceUrl))
        {
            return new EventRoute.Ignore($"event {envelope.Id} has no resource_url to read shipments from");
        }

        return new EventRoute.Reconcile(
            OrderWorkflows.ShipStationShipments,
            OrderWorkflows.ShipStationShipmentsInstanceId(envelope.Subject),
            new ShipStationShipmentsInput(resourceUrl, envelope.CorrelationId, envelope.Id),
            OrderEvent.EventName,
            new OrderEvent(envelope.Id, envelope.CorrelationId, envelope.Type, null, null),
            StartIfAbsent: true,
            RestartIfFinished: false);
    }

    private static EventRoute.Ignore NotOurOrder(EventEnvelope envelope) =>
        new($"'{envelope.Subject}' is not an order this product sent (not a '{{shop}}-{{orderId}}' key)");

    /// <summary>The input of a raise-only route, which never starts a workflow: the order as far as its key tells.</summary>
    private static ShopOrder Placeholder(string shop, long orderId) =>
        new(shop, orderId, string.Empty, null, string.Empty, null, [], DateTimeOffset.MinValue, null, null, null);
}
