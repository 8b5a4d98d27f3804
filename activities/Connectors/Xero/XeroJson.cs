using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integration.Activities.Connectors.Xero;

/// <summary>Xero JSON: PascalCase names as declared, nulls omitted on write, names matched ignoring case on read.</summary>
internal static class XeroJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
    };
}
