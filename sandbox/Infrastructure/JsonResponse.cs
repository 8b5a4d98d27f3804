using System.Text;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.Infrastructure;

/// Writes vendor-shaped JSON exactly as built (no naming policy), with a chosen status code.
internal static class JsonResponse
{
    public static IResult Of(JsonNode node, int statusCode = StatusCodes.Status200OK) =>
        Text(JsonText.Of(node), statusCode);

    public static IResult Text(string json, int statusCode) =>
        Results.Content(json, "application/json", Encoding.UTF8, statusCode);

    public static Task WriteAsync(HttpContext context, JsonNode node, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonText.Of(node), context.RequestAborted);
    }
}
