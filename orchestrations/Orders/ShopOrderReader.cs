using System.Globalization;
using System.Text.Json;

namespace Integration.Orchestrations.Orders;

/// <summary>
/// Reads Shopify's REST Order (the body of the orders/* webhooks) into a <see cref="ShopOrder"/>, so the ingress,
/// the routing table and every subscriber see one reading of it. Pure. Ids are int64 (they exceed 2^53, so never
/// a double); money is a decimal string read with the invariant culture. Lines that need no shipping
/// (<c>requires_shipping: false</c>) and lines edited down to nothing (<c>current_quantity: 0</c>) are left out:
/// no warehouse ships them. An address without a first line or a country code counts as no address.
/// </summary>
public static class ShopOrderReader
{
    /// <exception cref="FormatException">The JSON is not an order: no integer <c>id</c>, no <c>line_items</c> array, or a field of the wrong kind.</exception>
    public static ShopOrder Read(string shop, JsonElement order)
    {
        ArgumentException.ThrowIfNullOrEmpty(shop);
        if (order.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The order must be a JSON object.");
        }

        long id = RequiredId(order, "id", "The order");
        if (!order.TryGetProperty("line_items", out JsonElement items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The order has no 'line_items' array.");
        }

        var lines = new List<ShopOrderLine>(items.GetArrayLength());
        int index = 0;
        foreach (JsonElement item in items.EnumerateArray())
        {
            if (ReadLine(item, index++) is { } line)
            {
                lines.Add(line);
            }
        }

        string name = Text(order, "name") ?? (Number(order, "order_number") is { } number ? "#" + number : "#" + id.ToString(CultureInfo.InvariantCulture));
        string? email = Text(order, "email") ?? Text(order, "contact_email") ??
            (order.TryGetProperty("customer", out JsonElement customer) && customer.ValueKind == JsonValueKind.Object ? Text(customer, "email") : null);
        DateTimeOffset createdAt = Time(order, "created_at") ?? throw new FormatException("The order has no readable 'created_at'.");

        return new ShopOrder(
            shop,
            id,
            name,
            email,
            Text(order, "currency") ?? Text(order, "presentment_currency") ?? string.Empty,
            Address(order),
            lines,
            createdAt,
            Time(order, "updated_at"),
            Time(order, "cancelled_at"),
            Text(order, "cancel_reason"));
    }

    private static ShopOrderLine? ReadLine(JsonElement item, int index)
    {
        string where = $"Line item [{index.ToString(CultureInfo.InvariantCulture)}]";
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where} is not a JSON object.");
        }

        long id = RequiredId(item, "id", where);
        int quantity = Int(item, "current_quantity", where) ?? Int(item, "quantity", where) ?? throw new FormatException($"{where} has no 'quantity'.");
        if (quantity <= 0 || (item.TryGetProperty("requires_shipping", out JsonElement shipping) && shipping.ValueKind == JsonValueKind.False))
        {
            return null;
        }

        string? sku = Text(item, "sku");
        string title = Text(item, "title") ?? Text(item, "name") ?? sku ?? string.Empty;
        return new ShopOrderLine(id, string.IsNullOrWhiteSpace(sku) ? null : sku.Trim(), title, quantity, Money(item, "price", where));
    }

    private static ShippingAddress? Address(JsonElement order)
    {
        if (!order.TryGetProperty("shipping_address", out JsonElement a) || a.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? address1 = Text(a, "address1");
        string? country = Text(a, "country_code");
        if (string.IsNullOrWhiteSpace(address1) || string.IsNullOrWhiteSpace(country))
        {
            return null;
        }

        string name = Text(a, "name") ?? string.Join(' ', new[] { Text(a, "first_name"), Text(a, "last_name") }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return new ShippingAddress(
            name,
            address1,
            Text(a, "address2"),
            Text(a, "city") ?? string.Empty,
            Text(a, "province_code"),
            country.ToUpperInvariant(),
            Text(a, "zip") ?? string.Empty,
            Text(a, "phone"));
    }

    /// <summary>An int64 id written as a JSON number or a string of digits.</summary>
    private static long RequiredId(JsonElement obj, string name, string where)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
        {
            throw new FormatException($"{where} has no '{name}'.");
        }

        string text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id > 0
            ? id
            : throw new FormatException($"{where} has an '{name}' that is not a positive integer: {Clip(text)}.");
    }

    private static int? Int(JsonElement obj, string name, string where)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n >= 0
            ? n
            : throw new FormatException($"{where} has a '{name}' that is not a whole number of units.");
    }

    private static decimal Money(JsonElement obj, string name, string where)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0m;
        }

        string text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimal amount)
            ? amount
            : throw new FormatException($"{where} has a '{name}' that is not a decimal amount: {Clip(text)}.");
    }

    private static string? Number(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind is JsonValueKind.Number or JsonValueKind.String ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;

    private static DateTimeOffset? Time(JsonElement obj, string name) =>
        Text(obj, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at) ? at : null;

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
