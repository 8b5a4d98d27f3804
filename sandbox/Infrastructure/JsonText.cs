using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Infrastructure;

/// Serialises JSON the way vendors send it: '+', quotes and non-ASCII stay readable instead of \uXXXX escapes.
internal static class JsonText
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Of(JsonNode? node) => node?.ToJsonString(Options) ?? "null";
}
