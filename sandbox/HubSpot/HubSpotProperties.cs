using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.HubSpot;

/// Reads a JSON "properties" object into HubSpot's string-only property map.
internal static class HubSpotProperties
{
    /// <summary>Scalars become strings and null becomes "" (HubSpot clears the value); objects and arrays are rejected.</summary>
    public static bool TryRead(JsonObject properties, out Dictionary<string, string> result, out string error)
    {
        result = new Dictionary<string, string>(StringComparer.Ordinal);
        error = string.Empty;
        foreach (var (key, node) in properties)
        {
            if (node is null)
            {
                result[key] = string.Empty;
                continue;
            }

            var text = JsonValues.AsText(node);
            if (text is null)
            {
                error = $"Property values were not valid: property '{key}' must be a string, number or boolean.";
                return false;
            }

            result[key] = text;
        }

        return true;
    }
}
