using System.Text.Json;

namespace Integration.Orchestrations.Orders;

/// <summary>
/// Reads a warehouse's shipment into a <see cref="WarehouseShipment"/>: the body of a ShipBob shipment webhook
/// (<c>{id, order_id, reference_id, status, tracking{carrier, tracking_number, tracking_url}, products[{reference_id, sku, quantity}], status_details[]}</c>)
/// or one ShipStation shipment read back from a SHIP_NOTIFY (<c>{shipmentId, orderId, orderKey, trackingNumber, carrierCode, voided, shipmentItems[{sku, quantity}]}</c>).
/// Pure. The source names the warehouse ("shipbob", "shipstation"); under another source name the shape decides.
/// </summary>
public static class WarehouseShipmentReader
{
    public const string ShipBob = "shipbob";
    public const string ShipStation = "shipstation";

    /// <exception cref="FormatException">The JSON is not a shipment of that warehouse.</exception>
    public static WarehouseShipment Read(string source, JsonElement shipment)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (shipment.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The shipment must be a JSON object.");
        }

        bool shipStation = source.Equals(ShipStation, StringComparison.OrdinalIgnoreCase) ||
            (!source.Equals(ShipBob, StringComparison.OrdinalIgnoreCase) && shipment.TryGetProperty("shipmentId", out _));
        return shipStation ? ReadShipStation(shipment) : ReadShipBob(shipment);
    }

    /// <summary>ShipBob's shipment status as a <see cref="WarehouseShipment"/> status (the event's topic, when known, says more).</summary>
    public static string ShipBobStatus(string? status) => status?.ToLowerInvariant() switch
    {
        "cancelled" or "canceled" => WarehouseShipment.Cancelled,
        "exception" or "onhold" or "on_hold" => WarehouseShipment.Exception,
        _ => WarehouseShipment.Shipped,
    };

    private static WarehouseShipment ReadShipBob(JsonElement s)
    {
        const string where = "The ShipBob shipment";
        string id = RequiredScalar(s, "id", where);
        string reference = Text(s, "reference_id") ?? throw new FormatException($"{where} has no 'reference_id'.");
        JsonElement tracking = s.TryGetProperty("tracking", out JsonElement t) && t.ValueKind == JsonValueKind.Object ? t : default;
        var lines = new List<ShipmentLine>();
        if (s.TryGetProperty("products", out JsonElement products) && products.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement p in products.EnumerateArray())
            {
                string sku = (p.ValueKind == JsonValueKind.Object ? Text(p, "reference_id") ?? Text(p, "sku") : null)
                    ?? throw new FormatException($"{where} has a product without 'reference_id' or 'sku'.");
                lines.Add(new ShipmentLine(sku, Quantity(p, "quantity", where)));
            }
        }

        string? detail = null;
        if (s.TryGetProperty("status_details", out JsonElement details) && details.ValueKind == JsonValueKind.Array)
        {
            var parts = details.EnumerateArray()
                .Where(d => d.ValueKind == JsonValueKind.Object)
                .Select(d => string.Join(": ", new[] { Text(d, "name"), Text(d, "description") }.Where(x => x is not null)))
                .Where(x => x.Length > 0)
                .ToList();
            detail = parts.Count == 0 ? null : string.Join("; ", parts);
        }

        return new WarehouseShipment(
            ShipBob,
            reference,
            Scalar(s, "order_id"),
            id,
            ShipBobStatus(Text(s, "status")),
            tracking.ValueKind == JsonValueKind.Object ? Text(tracking, "carrier") : null,
            tracking.ValueKind == JsonValueKind.Object ? Text(tracking, "tracking_number") : null,
            tracking.ValueKind == JsonValueKind.Object ? Text(tracking, "tracking_url") : null,
            lines,
            detail);
    }

    private static WarehouseShipment ReadShipStation(JsonElement s)
    {
        const string where = "The ShipStation shipment";
        string id = RequiredScalar(s, "shipmentId", where);
        string orderKey = Text(s, "orderKey") ?? throw new FormatException($"{where} has no 'orderKey'.");
        var lines = new List<ShipmentLine>();
        if (s.TryGetProperty("shipmentItems", out JsonElement items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in items.EnumerateArray())
            {
                string sku = (item.ValueKind == JsonValueKind.Object ? Text(item, "sku") : null) ?? throw new FormatException($"{where} has an item without 'sku'.");
                lines.Add(new ShipmentLine(sku, Quantity(item, "quantity", where)));
            }
        }

        bool voided = s.TryGetProperty("voided", out JsonElement v) && v.ValueKind == JsonValueKind.True;
        return new WarehouseShipment(
            ShipStation,
            orderKey,
            Scalar(s, "orderId"),
            id,
            voided ? WarehouseShipment.Cancelled : WarehouseShipment.Shipped,
            Text(s, "carrierCode"),
            Text(s, "trackingNumber"),
            null,
            lines,
            voided ? "the shipment's label was voided" : null);
    }

    private static int Quantity(JsonElement obj, string name, string where) =>
        obj.TryGetProperty(name, out JsonElement q) && q.ValueKind == JsonValueKind.Number && q.TryGetInt32(out int n) && n >= 0
            ? n
            : throw new FormatException($"{where} has a line whose '{name}' is not a whole number of units.");

    private static string RequiredScalar(JsonElement obj, string name, string where) =>
        Scalar(obj, name) ?? throw new FormatException($"{where} has no '{name}'.");

    private static string? Scalar(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) ? v.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(v.GetString()) => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;
}
