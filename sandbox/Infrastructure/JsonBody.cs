using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Infrastructure;

/// A request body parsed as JSON, or why it could not be parsed.
internal sealed record JsonBody(JsonNode? Node, string? Error)
{
    public bool IsValid => Error is null;

    public static async Task<JsonBody> ReadAsync(HttpRequest request)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return new JsonBody(node, null);
        }
        catch (JsonException ex)
        {
            return new JsonBody(null, ex.Message);
        }
    }
}
