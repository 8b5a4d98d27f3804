using System.Text.Json.Nodes;
using Integration.Sandbox.Warehouses;

namespace Integration.Sandbox.ShipBob;

/// <summary>ShipBob's snake_case wire shapes: orders, shipments (also the webhook body) and inventory levels.</summary>
internal static class ShipBobJson
{
    public static JsonObject Order(ShipBobOrder order) => new()
    {
        ["id"] = order.Id,
        ["created_date"] = WarehouseTimes.Iso(order.CreatedAt),
        ["purchase_date"] = order.Request["purchase_date"]?.DeepClone(),
        ["reference_id"] = order.ReferenceId,
        ["order_number"] = order.Request["order_number"]?.DeepClone(),
        ["status"] = order.Status,
        ["type"] = order.Request["type"]?.DeepClone() ?? "DTC",
        ["channel"] = new JsonObject { ["id"] = order.ChannelId, ["name"] = "Sandbox channel" },
        ["shipping_method"] = order.Request["shipping_method"]?.DeepClone(),
        ["recipient"] = order.Request["recipient"]?.DeepClone(),
        ["products"] = new JsonArray([.. order.Products.Select(p => (JsonNode?)Product(p))]),
        ["tags"] = order.Request["tags"]?.DeepClone() ?? new JsonArray(),
        ["shipments"] = new JsonArray([.. order.Shipments.Select(s => (JsonNode?)Shipment(order, s))]),
    };

    /// <summary>A shipment as the order and the shipment webhooks carry it.</summary>
    public static JsonObject Shipment(ShipBobOrder order, ShipBobShipment shipment) => new()
    {
        ["id"] = shipment.Id,
        ["order_id"] = order.Id,
        ["reference_id"] = order.ReferenceId,
        ["recipient"] = order.Request["recipient"]?.DeepClone(),
        ["created_date"] = WarehouseTimes.Iso(shipment.CreatedAt),
        ["last_update_at"] = WarehouseTimes.Iso(shipment.LastUpdateAt),
        ["status"] = shipment.Status,
        ["status_details"] = new JsonArray([.. shipment.StatusDetails.Select(d =>
            (JsonNode?)new JsonObject { ["name"] = d.Name, ["description"] = d.Description })]),
        ["location"] = new JsonObject { ["id"] = 1, ["name"] = "Sandbox FC" },
        ["tracking"] = shipment.Tracking is { } t
            ? new JsonObject
            {
                ["carrier"] = t.Carrier,
                ["carrier_service"] = t.CarrierService,
                ["tracking_number"] = t.TrackingNumber,
                ["tracking_url"] = t.TrackingUrl,
                ["shipping_date"] = WarehouseTimes.Iso(t.ShippingDate),
            }
            : null,
        ["actual_fulfillment_date"] = shipment.Tracking is { } shipped ? WarehouseTimes.Iso(shipped.ShippingDate) : null,
        ["is_tracking_uploaded"] = false,
        ["products"] = new JsonArray([.. shipment.Products.Select(p => (JsonNode?)new JsonObject
        {
            ["id"] = p.Id,
            ["reference_id"] = p.ReferenceId,
            ["sku"] = p.ReferenceId,
            ["name"] = p.Name,
            ["quantity"] = p.Quantity,
        })]),
    };

    public static JsonObject InventoryLevel(StockItem item, int committed) => new()
    {
        ["inventory_id"] = item.Id,
        ["name"] = item.Name,
        ["sku"] = item.Sku,
        ["is_active"] = true,
        ["total_on_hand_quantity"] = item.OnHand,
        ["total_committed_quantity"] = committed,
        ["total_fulfillable_quantity"] = Math.Max(0, item.OnHand - committed),
        ["total_sellable_quantity"] = Math.Max(0, item.OnHand - committed),
        ["total_backordered_quantity"] = Math.Max(0, committed - item.OnHand),
        ["total_awaiting_quantity"] = 0,
        ["total_exception_quantity"] = 0,
        ["total_internal_transfer_quantity"] = 0,
    };

    private static JsonObject Product(ShipBobProduct p) => new()
    {
        ["id"] = p.Id,
        ["reference_id"] = p.ReferenceId,
        ["sku"] = p.ReferenceId,
        ["name"] = p.Name,
        ["quantity"] = p.Quantity,
    };
}
