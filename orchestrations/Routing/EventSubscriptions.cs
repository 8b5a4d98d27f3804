namespace Integration.Orchestrations.Routing;

/// <summary>
/// Who subscribes to which event type: the ingress queues one message per subscriber, each with its own workflow,
/// retries and dead letter, so one failing subscriber neither blocks nor repeats another. Reviewed like the
/// routing table (which says what each subscription does with the event). The table, as the README lists it:
/// <list type="table">
/// <item><c>crm.deal.closed.v1</c>, <c>crm.deal.stage_changed.v1</c>, <c>crm.deal.amount_changed.v1</c> → <c>deal-to-invoice</c></item>
/// <item><c>hr.employee.employment_changed.v1</c> → <c>offboarding</c>; <c>hr.employee.hired.v1</c> → <c>onboarding</c></item>
/// <item><c>shop.order.placed.v1</c> → <c>order-fulfilment</c>, <c>stock-reservation</c>, <c>crm-order-note</c></item>
/// <item><c>shop.order.updated.v1</c> → <c>order-fulfilment</c></item>
/// <item><c>shop.order.cancelled.v1</c> → <c>order-fulfilment</c>, <c>stock-reservation</c></item>
/// <item><c>wms.order.shipped.v1</c>, <c>wms.order.shipment_exception.v1</c>, <c>wms.order.shipment_cancelled.v1</c> → <c>order-fulfilment</c></item>
/// <item><c>wms.shipments.notified.v1</c> → <c>shipstation-shipments</c></item>
/// <item><c>crm.deal.property_changed.v1</c>, <c>hr.employee.updated.v1</c>, <c>wms.order.shipment_updated.v1</c>, and any
/// type not listed (other Shopify topics) → none: queued once and recorded as ignored</item>
/// </list>
/// </summary>
public static class EventSubscriptions
{
    public const string DealToInvoice = "deal-to-invoice";
    public const string Offboarding = "offboarding";
    public const string Onboarding = "onboarding";

    /// <summary>The order's one fulfilment workflow, <c>order-{shop}-{orderId}</c>.</summary>
    public const string OrderFulfilment = "order-fulfilment";

    /// <summary>Reserves a placed order's stock at once (before the warehouse order exists) and releases a cancelled one's.</summary>
    public const string StockReservation = "stock-reservation";

    /// <summary>A note on the customer's CRM timeline.</summary>
    public const string CrmOrderNote = "crm-order-note";

    /// <summary>Reads the shipments behind a ShipStation SHIP_NOTIFY pointer back from its API.</summary>
    public const string ShipStationShipments = "shipstation-shipments";

    private static readonly Dictionary<string, IReadOnlyList<string>> Subscribers = new(StringComparer.Ordinal)
    {
        [EventTypes.CrmDealClosed] = [DealToInvoice],
        [EventTypes.CrmDealStageChanged] = [DealToInvoice],
        [EventTypes.CrmDealAmountChanged] = [DealToInvoice],
        [EventTypes.CrmDealPropertyChanged] = [],
        [EventTypes.HrEmployeeEmploymentChanged] = [Offboarding],
        [EventTypes.HrEmployeeHired] = [Onboarding],
        [EventTypes.HrEmployeeUpdated] = [],
        [EventTypes.ShopOrderPlaced] = [OrderFulfilment, StockReservation, CrmOrderNote],
        [EventTypes.ShopOrderUpdated] = [OrderFulfilment],
        [EventTypes.ShopOrderCancelled] = [OrderFulfilment, StockReservation],
        [EventTypes.WmsOrderShipped] = [OrderFulfilment],
        [EventTypes.WmsShipmentException] = [OrderFulfilment],
        [EventTypes.WmsShipmentCancelled] = [OrderFulfilment],
        [EventTypes.WmsShipmentUpdated] = [],
        [EventTypes.WmsShipmentsNotified] = [ShipStationShipments],
    };

    /// <summary>Every event type the product knows, with its subscribers (an empty list: known, and no one acts on it).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Table => Subscribers;

    /// <summary>The subscribers of <paramref name="type"/>, in a fixed order; none for a type not in the table.</summary>
    public static IReadOnlyList<string> For(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Subscribers.TryGetValue(type, out IReadOnlyList<string>? names) ? names : [];
    }
}
