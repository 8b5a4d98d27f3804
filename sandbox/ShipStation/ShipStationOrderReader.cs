using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.ShipStation;

/// <summary>A createorder item as sent.</summary>
internal sealed record ShipStationItemInput(JsonObject Body, string? LineItemKey, string? Sku, int Quantity);

/// <summary>A valid createorder body: the identity it upserts by and its lines.</summary>
internal sealed record ShipStationOrderInput(JsonObject Body, long? OrderId, string? OrderKey, string Status, List<ShipStationItemInput> Items);

/// <summary>Checks a POST /orders/createorder body for ShipStation's required fields, reporting them as ModelState entries.</summary>
internal static class ShipStationOrderReader
{
    public static (ShipStationOrderInput? Order, Dictionary<string, List<string>> Errors) Read(JsonNode? node)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (node is not JsonObject body)
        {
            Add(errors, "apiOrder", "The request body must be an order object.");
            return (null, errors);
        }

        foreach (var field in new[] { "orderNumber", "orderDate", "orderStatus" })
        {
            if (string.IsNullOrWhiteSpace(JsonValues.StringAt(body, field)))
            {
                Add(errors, $"apiOrder.{field}", $"The {field} field is required.");
            }
        }

        if (JsonValues.StringAt(body, "orderDate") is { } date && !DateTimeOffset.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            Add(errors, "apiOrder.orderDate", $"The value '{date}' is not valid for orderDate.");
        }

        var status = JsonValues.StringAt(body, "orderStatus");
        if (!string.IsNullOrWhiteSpace(status) && !ShipStationOrderStatus.All.Contains(status))
        {
            Add(errors, "apiOrder.orderStatus", $"'{status}' is not a valid order status ({string.Join(", ", ShipStationOrderStatus.All)}).");
        }

        foreach (var address in new[] { "billTo", "shipTo" })
        {
            if (body[address] is not JsonObject)
            {
                Add(errors, $"apiOrder.{address}", $"The {address} field is required.");
            }
        }

        long? orderId = null;
        if (body["orderId"] is JsonValue idValue && idValue.GetValueKind() == JsonValueKind.Number)
        {
            if (!idValue.TryGetValue(out long id) || id < 0)
            {
                Add(errors, "apiOrder.orderId", "The orderId must be a whole number.");
            }
            else if (id > 0)
            {
                orderId = id;
            }
        }

        var items = new List<ShipStationItemInput>();
        if (body["items"] is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject item)
                {
                    Add(errors, $"apiOrder.items[{i}]", "An item must be an object.");
                    continue;
                }

                if (item["quantity"] is not JsonValue q || q.GetValueKind() != JsonValueKind.Number || !q.TryGetValue(out int quantity) || quantity < 1)
                {
                    Add(errors, $"apiOrder.items[{i}].quantity", "The quantity must be a whole number above 0.");
                    continue;
                }

                items.Add(new ShipStationItemInput(item, Blank(JsonValues.StringAt(item, "lineItemKey")), Blank(JsonValues.StringAt(item, "sku")), quantity));
            }
        }
        else if (body["items"] is not null)
        {
            Add(errors, "apiOrder.items", "The items field must be an array.");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ShipStationOrderInput(body, orderId, Blank(JsonValues.StringAt(body, "orderKey")), status!, items), errors);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var messages))
        {
            messages = [];
            errors[key] = messages;
        }

        messages.Add(message);
    }
}
