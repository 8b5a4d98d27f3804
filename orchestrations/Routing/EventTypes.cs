namespace Integration.Orchestrations.Routing;

/// <summary>The event type names the product understands; one place so normalisers and routes agree.</summary>
public static class EventTypes
{
    public const string CrmDealClosed = "crm.deal.closed.v1";
    public const string CrmDealStageChanged = "crm.deal.stage_changed.v1";
    public const string CrmDealAmountChanged = "crm.deal.amount_changed.v1";
    public const string CrmDealPropertyChanged = "crm.deal.property_changed.v1";

    /// <summary>BambooHR "employee.created": a new hire.</summary>
    public const string HrEmployeeHired = "hr.employee.hired.v1";

    /// <summary>
    /// BambooHR "employee.updated" touching employment (status, employmentHistoryStatus, terminationDate,
    /// the termination time field): a termination entered, moved or cancelled. BambooHR sends no values,
    /// so the workflow reads the record to tell which.
    /// </summary>
    public const string HrEmployeeEmploymentChanged = "hr.employee.employment_changed.v1";

    /// <summary>Any other BambooHR employee update (name, job title...): no workflow acts on it.</summary>
    public const string HrEmployeeUpdated = "hr.employee.updated.v1";

    /// <summary>Shopify "orders/create": a customer placed an order in a store.</summary>
    public const string ShopOrderPlaced = "shop.order.placed.v1";

    /// <summary>Shopify "orders/updated": almost any change, including ones this product caused; only a live workflow hears it.</summary>
    public const string ShopOrderUpdated = "shop.order.updated.v1";

    /// <summary>Shopify "orders/cancelled".</summary>
    public const string ShopOrderCancelled = "shop.order.cancelled.v1";

    /// <summary>A warehouse shipped (part of) an order: ShipBob "order.shipped", or a ShipStation shipment read back from SHIP_NOTIFY.</summary>
    public const string WmsOrderShipped = "wms.order.shipped.v1";

    /// <summary>ShipBob "order.shipment.exception" or "order.shipment.on_hold": a shipment is stuck.</summary>
    public const string WmsShipmentException = "wms.order.shipment_exception.v1";

    /// <summary>ShipBob "order.shipment.cancelled": the warehouse cancelled a shipment.</summary>
    public const string WmsShipmentCancelled = "wms.order.shipment_cancelled.v1";

    /// <summary>Any other ShipBob shipment topic (delivered, tracking updated...): recorded, no workflow acts on it.</summary>
    public const string WmsShipmentUpdated = "wms.order.shipment_updated.v1";

    /// <summary>ShipStation "SHIP_NOTIFY": only a pointer to shipments, which a workflow reads back from the API.</summary>
    public const string WmsShipmentsNotified = "wms.shipments.notified.v1";
}
