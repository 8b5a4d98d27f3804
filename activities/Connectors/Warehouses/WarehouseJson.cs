using System.Text.Json;

namespace Integration.Activities.Connectors.Warehouses;

/// <summary>Reading the warehouse vendors' JSON answers loosely (a field missing or null is null), and their validation messages as one line.</summary>
internal static class WarehouseJson
{
    public static JsonElement? Field(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string? Text(JsonElement o, string name) =>
        Field(o, name) is { } v ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

    public static int Int(JsonElement o, string name) =>
        Field(o, name) is { } v && (v.ValueKind == JsonValueKind.Number ? v.TryGetInt32(out int i) : int.TryParse(v.GetString(), out i)) ? i : 0;

    public static IEnumerable<JsonElement> Array(JsonElement o, string name) =>
        Field(o, name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    public static JsonDocument? TryParse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A validation answer as one line: ShipBob's map of field → [messages] or ProblemDetails, ShipStation's
    /// {"Message","ModelState":{field: [messages]}}; the raw text (shortened) when it is neither.
    /// </summary>
    public static string Messages(string body)
    {
        using JsonDocument? json = TryParse(body);
        if (json?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return body.Length > 300 ? body[..300] + "…" : body;
        }

        var parts = new List<string>();
        foreach (string key in (string[])["title", "detail", "Message", "message"])
        {
            if (Text(root, key) is { Length: > 0 } text && !parts.Contains(text))
            {
                parts.Add(text);
            }
        }

        JsonElement fields = Field(root, "ModelState") ?? Field(root, "errors") ?? root;
        foreach (JsonProperty p in fields.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
        {
            string messages = string.Join(", ", p.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText()));
            parts.Add(p.Name.Length == 0 ? messages : $"{p.Name}: {messages}");
        }

        return parts.Count == 0 ? body : string.Join("; ", parts);
    }
}
