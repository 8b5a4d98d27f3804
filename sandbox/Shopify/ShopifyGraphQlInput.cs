using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Shopify;

/// <summary>Reads GraphQL input values; a value of the wrong type is a request-level error, as a schema check would make it.</summary>
internal static class ShopifyGraphQlInput
{
    public static JsonNode? Argument(ShopifyGraphQlDocument document, string name) =>
        document.Arguments.GetValueOrDefault(name);

    public static JsonObject RequiredObject(JsonNode? node, string path) =>
        node as JsonObject ?? throw Invalid(path, "an input object");

    public static string RequiredString(JsonNode? node, string path) =>
        OptionalString(node, path) ?? throw Invalid(path, "a string (it is required)");

    public static string? OptionalString(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw Invalid(path, "a string"),
    };

    public static int? OptionalInt(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        // Values come from parsed variables or from literals in the document, so read the number's text, not its CLR type.
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            var text = v.ToJsonString();
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue)
            {
                return (int)real;
            }
        }

        throw Invalid(path, "an Int");
    }

    public static bool OptionalBool(JsonNode? node, string path, bool defaultValue) => node switch
    {
        null => defaultValue,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw Invalid(path, "a Boolean"),
    };

    public static JsonArray RequiredArray(JsonNode? node, string path) =>
        node as JsonArray ?? throw Invalid(path, "a list (it is required)");

    private static ShopifyGraphQlException Invalid(string path, string expected) =>
        new($"Variable input is invalid: '{path}' must be {expected}.", "INVALID_VARIABLE");
}
