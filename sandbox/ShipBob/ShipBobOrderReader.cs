using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.ShipBob;

/// <summary>A product line as sent: its position, the warehouse SKU ShipBob knows it by, and the units.</summary>
internal sealed record ShipBobProductInput(int Index, string ReferenceId, string? Name, int Quantity);

/// <summary>
/// Validates a POST /{version}/order body the way ShipBob does: every problem, keyed by its field path,
/// in one 400 answer. Whether the products exist is checked by the store (it needs the inventory).
/// </summary>
internal static class ShipBobOrderReader
{
    private static readonly string[] RequiredAddressFields = ["address1", "city", "country"];

    public static (string? ReferenceId, List<ShipBobProductInput> Products, Dictionary<string, List<string>> Errors) Read(JsonNode? node)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var products = new List<ShipBobProductInput>();
        if (node is not JsonObject body)
        {
            Add(errors, string.Empty, "A non-empty JSON object body is required.");
            return (null, products, errors);
        }

        var reference = Required(body, "reference_id", "reference_id", errors);
        Required(body, "shipping_method", "shipping_method", errors);
        if (body["recipient"] is not JsonObject recipient)
        {
            Add(errors, "recipient", "The recipient field is required.");
        }
        else
        {
            Required(recipient, "name", "recipient.name", errors);
            if (recipient["address"] is not JsonObject address)
            {
                Add(errors, "recipient.address", "The address field is required.");
            }
            else
            {
                foreach (var field in RequiredAddressFields)
                {
                    Required(address, field, $"recipient.address.{field}", errors);
                }
            }
        }

        if (body["products"] is not JsonArray lines || lines.Count == 0)
        {
            Add(errors, "products", "At least one product is required.");
        }
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i] as JsonObject;
                var sku = JsonValues.StringAt(line, "reference_id");
                if (string.IsNullOrWhiteSpace(sku))
                {
                    Add(errors, $"products[{i}].reference_id", "The reference_id field is required.");
                }

                if (line?["quantity"] is not JsonValue q || q.GetValueKind() != JsonValueKind.Number
                    || !q.TryGetValue(out int quantity) || quantity <= 0)
                {
                    Add(errors, $"products[{i}].quantity", "The quantity must be a whole number above 0.");
                    continue;
                }

                if (!string.IsNullOrWhiteSpace(sku))
                {
                    products.Add(new ShipBobProductInput(i, sku, JsonValues.StringAt(line, "name"), quantity));
                }
            }
        }

        return (reference, products, errors);
    }

    public static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            messages = [];
            errors[field] = messages;
        }

        messages.Add(message);
    }

    private static string? Required(JsonObject obj, string name, string path, Dictionary<string, List<string>> errors)
    {
        var value = JsonValues.StringAt(obj, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(errors, path, $"The {name} field is required.");
            return null;
        }

        return value;
    }
}
