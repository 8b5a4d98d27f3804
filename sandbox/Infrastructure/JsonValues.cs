using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Infrastructure;

/// Lenient readers for scalar JSON values sent by clients.
internal static class JsonValues
{
    /// <summary>A string as-is, a number as its JSON text, a boolean as "true"/"false"; null otherwise.</summary>
    public static string? AsText(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>A JSON number, or a string holding an invariant decimal.</summary>
    public static bool TryDecimal(JsonNode? node, out decimal result)
    {
        result = 0;
        if (node is not JsonValue value)
        {
            return false;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.TryGetValue(out result) || decimal.TryParse(
                value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out result),
            JsonValueKind.String => decimal.TryParse(
                value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out result),
            _ => false,
        };
    }

    public static string? StringAt(JsonObject? obj, string name) => AsText(obj?[name]);
}
