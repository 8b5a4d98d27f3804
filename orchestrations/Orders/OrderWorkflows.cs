namespace Integration.Orchestrations.Orders;

/// <summary>
/// The order workflows' names and instance ids, in one place so the subscription table, the workflows and the
/// operations API agree. A test checks each name is the class's own.
/// </summary>
public static class OrderWorkflows
{
    public const string Fulfilment = "OrderFulfilmentOrchestrator";
    public const string StockReservation = "StockReservationOrchestrator";
    public const string StockRelease = "StockReleaseOrchestrator";
    public const string CrmNote = "OrderCrmNoteOrchestrator";
    public const string ShipStationShipments = "ShipStationShipmentsOrchestrator";

    /// <summary>"order-store-a-1001": the one fulfilment workflow of an order.</summary>
    public static string FulfilmentInstanceId(string orderKey) => "order-" + orderKey;

    public static string StockReservationInstanceId(string orderKey) => "stock-reserve-" + orderKey;

    public static string StockReleaseInstanceId(string orderKey) => "stock-release-" + orderKey;

    public static string CrmNoteInstanceId(string orderKey) => "crm-note-" + orderKey;

    /// <summary>One per ShipStation SHIP_NOTIFY (its subject is a hash of the resource URL).</summary>
    public static string ShipStationShipmentsInstanceId(string notifyKey) => "shipstation-notify-" + notifyKey;
}
