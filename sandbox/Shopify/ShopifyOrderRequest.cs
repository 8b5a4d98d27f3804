using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Shopify;

/// <summary>One line of an admin order: a store SKU and how many; title and price default to the catalogue's.</summary>
internal sealed record ShopifyOrderLineRequest(string Sku, int Quantity, string? Title, decimal? Price);

/// <summary>
/// The admin body that places an order: {"id"?, "email"?, "shipping_address"?: {..}|null, "line_items": [{"sku",
/// "quantity", "title"?, "price"?}], "deliveries"?: 0..10}. An omitted shipping_address means the default US address,
/// an explicit null means none (the "missing address" review).
/// </summary>
internal sealed record ShopifyOrderRequest(long? Id, string? Email, bool AddressGiven, JsonObject? ShippingAddress, IReadOnlyList<ShopifyOrderLineRequest> Lines, int Deliveries)
{
    public const int MaxDeliveries = 10;
    public const int MaxLines = 250;
    public const string DefaultEmail = "alex@example.com";

    private static readonly string[] AddressFields =
        ["first_name", "last_name", "name", "company", "address1", "address2", "city", "province", "province_code", "country", "country_code", "zip", "phone"];

    public static JsonObject DefaultAddress() => new()
    {
        ["first_name"] = "Alex",
        ["last_name"] = "Doe",
        ["name"] = "Alex Doe",
        ["company"] = null,
        ["address1"] = "1 Main Street",
        ["address2"] = null,
        ["city"] = "Springfield",
        ["province"] = "Illinois",
        ["province_code"] = "IL",
        ["country"] = "United States",
        ["country_code"] = "US",
        ["zip"] = "62701",
        ["phone"] = "+12175550100",
    };

    public static ShopifyOrderRequest? Read(JsonNode? node, out string error)
    {
        error = string.Empty;
        if (node is not JsonObject body)
        {
            error = "The body must be a JSON object with a 'line_items' array.";
            return null;
        }

        long? id = null;
        if (body["id"] is { } idNode)
        {
            if (idNode is not JsonValue idValue || idValue.GetValueKind() != JsonValueKind.Number || !idValue.TryGetValue(out long parsed) || parsed <= 0)
            {
                error = "'id' must be a positive whole number (an int64 order id).";
                return null;
            }

            id = parsed;
        }

        var email = JsonValues.StringAt(body, "email");
        if (body["email"] is not null && (email is null || !email.Contains('@')))
        {
            error = "'email' must be an e-mail address.";
            return null;
        }

        var addressGiven = body.ContainsKey("shipping_address");
        JsonObject? address = null;
        if (addressGiven && body["shipping_address"] is { } addressNode)
        {
            if (!TryAddress(addressNode, out address, out error))
            {
                return null;
            }
        }

        if (body["line_items"] is not JsonArray lines || lines.Count == 0)
        {
            error = "'line_items' must be a non-empty array of {\"sku\",\"quantity\"}.";
            return null;
        }

        if (lines.Count > MaxLines)
        {
            error = $"An order has at most {MaxLines} line items (got {lines.Count}).";
            return null;
        }

        var result = new List<ShopifyOrderLineRequest>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!TryLine(lines[i], i, out var line, out error))
            {
                return null;
            }

            result.Add(line!);
        }

        var deliveries = 1;
        if (body["deliveries"] is { } deliveriesNode)
        {
            if (deliveriesNode is not JsonValue dv || dv.GetValueKind() != JsonValueKind.Number || !dv.TryGetValue(out deliveries)
                || deliveries is < 0 or > MaxDeliveries)
            {
                error = $"'deliveries' must be a whole number from 0 to {MaxDeliveries}.";
                return null;
            }
        }

        return new ShopifyOrderRequest(id, email, addressGiven, address, result, deliveries);
    }

    /// <summary>A shipping address object: only Shopify's address fields, each a string or null.</summary>
    public static bool TryAddress(JsonNode node, out JsonObject? address, out string error)
    {
        address = null;
        error = string.Empty;
        if (node is not JsonObject input)
        {
            error = "'shipping_address' must be an object or null.";
            return false;
        }

        var result = new JsonObject();
        foreach (var field in AddressFields)
        {
            result[field] = null;
        }

        foreach (var (name, value) in input)
        {
            if (!AddressFields.Contains(name))
            {
                error = $"'shipping_address.{name}' is not an address field; use {string.Join(", ", AddressFields)}.";
                return false;
            }

            if (value is not null && (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                error = $"'shipping_address.{name}' must be a string or null.";
                return false;
            }

            result[name] = value?.DeepClone();
        }

        if (result["name"] is null && (result["first_name"] is not null || result["last_name"] is not null))
        {
            result["name"] = $"{JsonValues.StringAt(result, "first_name")} {JsonValues.StringAt(result, "last_name")}".Trim();
        }

        address = result;
        return true;
    }

    private static bool TryLine(JsonNode? node, int index, out ShopifyOrderLineRequest? line, out string error)
    {
        line = null;
        error = string.Empty;
        var path = $"line_items[{index}]";
        if (node is not JsonObject input)
        {
            error = $"'{path}' must be an object with 'sku' and 'quantity'.";
            return false;
        }

        var sku = input["sku"] is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(sku))
        {
            error = $"'{path}.sku' is required (a store SKU such as TEE-BLK-M).";
            return false;
        }

        if (input["quantity"] is not JsonValue q || q.GetValueKind() != JsonValueKind.Number || !q.TryGetValue(out int quantity) || quantity is < 1 or > 10000)
        {
            error = $"'{path}.quantity' must be a whole number from 1 to 10000.";
            return false;
        }

        string? title = null;
        if (input["title"] is { } titleNode)
        {
            title = titleNode is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
            if (string.IsNullOrWhiteSpace(title))
            {
                error = $"'{path}.title' must be a non-empty string.";
                return false;
            }
        }

        decimal? price = null;
        if (input["price"] is { } priceNode)
        {
            if (!JsonValues.TryDecimal(priceNode, out var value) || value < 0)
            {
                error = $"'{path}.price' must be a non-negative amount (a number or a decimal string such as \"25.00\").";
                return false;
            }

            price = value;
        }

        line = new ShopifyOrderLineRequest(sku, quantity, title, price);
        return true;
    }
}
