using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;
using Integration.Sandbox.Warehouses;

namespace Integration.Sandbox.ShipStation;

/// <summary>ShipStation's camelCase wire shapes: v1 orders and shipments, v2 inventory.</summary>
internal static class ShipStationJson
{
    /// <summary>The stored body with ShipStation's own fields laid over it (ids, dates, status, numbered items, total).</summary>
    public static JsonObject Order(ShipStationOrder order)
    {
        var json = (JsonObject)order.Body.DeepClone();
        json.Remove("orderId");
        var items = new JsonArray([.. order.Items.Select(i => (JsonNode?)Item(order, i))]);
        var total = order.Items.Sum(i => i.Quantity * UnitPrice(i));
        var result = new JsonObject
        {
            ["orderId"] = order.OrderId,
            ["orderNumber"] = order.OrderNumber,
            ["orderKey"] = order.OrderKey,
            ["createDate"] = Time(order.CreatedAt),
            ["modifyDate"] = Time(order.ModifiedAt),
            ["orderStatus"] = order.Status,
            ["items"] = items,
            ["orderTotal"] = total,
            ["shipDate"] = order.Shipments.Count == 0 ? null : Date(order.Shipments[^1].CreatedAt),
        };
        foreach (var (name, value) in json)
        {
            if (!result.ContainsKey(name))
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }

    public static JsonObject Shipment(ShipStationOrder order, ShipStationShipment shipment, bool includeItems) => new()
    {
        ["shipmentId"] = shipment.ShipmentId,
        ["orderId"] = order.OrderId,
        ["orderKey"] = order.OrderKey,
        ["userId"] = null,
        ["customerEmail"] = order.Body["customerEmail"]?.DeepClone(),
        ["orderNumber"] = order.OrderNumber,
        ["createDate"] = Time(shipment.CreatedAt),
        ["shipDate"] = Date(shipment.CreatedAt),
        ["shipmentCost"] = 0,
        ["insuranceCost"] = 0,
        ["trackingNumber"] = shipment.TrackingNumber,
        ["isReturnLabel"] = false,
        ["batchNumber"] = shipment.BatchId.ToString(CultureInfo.InvariantCulture),
        ["carrierCode"] = shipment.CarrierCode,
        ["serviceCode"] = shipment.ServiceCode,
        ["packageCode"] = "package",
        ["confirmation"] = "none",
        ["warehouseId"] = 100001,
        ["voided"] = false,
        ["voidDate"] = null,
        ["marketplaceNotified"] = false,
        ["notifyErrorMessage"] = null,
        ["shipTo"] = order.Body["shipTo"]?.DeepClone(),
        ["shipmentItems"] = includeItems
            ? new JsonArray([.. shipment.Items.Select(s => (JsonNode?)ShipmentItem(s.Item, s.Quantity))])
            : null,
        ["labelData"] = null,
        ["formData"] = null,
    };

    public static JsonObject InventoryLevel(StockItem item, int allocated) => new()
    {
        ["sku"] = item.Sku,
        ["on_hand"] = item.OnHand,
        ["allocated"] = allocated,
        ["available"] = Math.Max(0, item.OnHand - allocated),
        ["average_cost"] = new JsonObject { ["currency"] = "usd", ["amount"] = 0.0 },
        ["inventory_warehouse_id"] = "se-100001",
        ["inventory_location_id"] = "se-200001",
    };

    /// <summary>ShipStation's timestamp style (no offset); the sandbox's are UTC, where the real API uses US Pacific time.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject Item(ShipStationOrder order, ShipStationItem item)
    {
        var json = ShipmentItem(item, item.Quantity);
        json["createDate"] = Time(order.CreatedAt);
        json["modifyDate"] = Time(order.ModifiedAt);
        return json;
    }

    private static JsonObject ShipmentItem(ShipStationItem item, int quantity)
    {
        var json = new JsonObject
        {
            ["orderItemId"] = item.OrderItemId,
            ["lineItemKey"] = item.LineItemKey,
            ["sku"] = item.Sku,
            ["name"] = item.Body["name"]?.DeepClone(),
            ["quantity"] = quantity,
            ["unitPrice"] = UnitPrice(item),
        };
        foreach (var (name, value) in item.Body)
        {
            if (!json.ContainsKey(name))
            {
                json[name] = value?.DeepClone();
            }
        }

        return json;
    }

    private static decimal UnitPrice(ShipStationItem item) =>
        JsonValues.TryDecimal(item.Body["unitPrice"], out var price) ? price : 0m;
}
