using System.Text.Json;

namespace Integration.Activities.Operations;

/// <summary>Reads the step out of a workflow's custom status (WorkflowStatus as JSON, property names in either case); anything else has no step.</summary>
public static class WorkflowSteps
{
    public static (string? Step, string? Detail) Read(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return (null, null);
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(customStatus);
            JsonElement root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.String && root.GetString() is { } inner && inner.StartsWith('{'))
            {
                return Read(inner);
            }

            return root.ValueKind != JsonValueKind.Object ? (null, null) : (Text(root, "step"), Text(root, "detail"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>A property by name, ignoring case (the two hosts' serializers differ in casing).</summary>
    public static JsonElement? Property(JsonElement obj, string name)
    {
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}
