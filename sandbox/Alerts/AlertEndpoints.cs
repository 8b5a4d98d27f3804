using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Alerts;

/// Maps the alert webhooks: POST /alerts (the product's json format) with any JSON body answers 202; POST
/// /alerts/slack answers as a Slack incoming webhook does (200 "ok", or 400 "no_text" without a text); POST
/// /alerts/teams as a Teams Workflows webhook does (202, or 400 without a message of attachments). Each is recorded
/// with its format so tests can assert on what was posted.
internal static class AlertEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/alerts", ReceiveAsync);
        app.MapPost("/alerts/slack", ReceiveSlackAsync);
        app.MapPost("/alerts/teams", ReceiveTeamsAsync);
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, AlertStore store, TimeProvider time)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return JsonResponse.Of(
                new JsonObject { ["error"] = $"Body must be JSON: {body.Error}" }, StatusCodes.Status400BadRequest);
        }

        var alert = store.Add(time.GetUtcNow(), JsonText.Of(body.Node), "json");
        return JsonResponse.Of(new JsonObject { ["id"] = alert.Id, ["status"] = "accepted" }, StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ReceiveSlackAsync(HttpRequest request, AlertStore store, TimeProvider time)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid || body.Node is not JsonObject message)
        {
            return Results.Text("invalid_payload", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        if (message["text"] is not JsonValue text || !text.TryGetValue(out string? value) || string.IsNullOrWhiteSpace(value))
        {
            return Results.Text("no_text", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        store.Add(time.GetUtcNow(), JsonText.Of(message), "slack");
        return Results.Text("ok", "text/plain", statusCode: StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReceiveTeamsAsync(HttpRequest request, AlertStore store, TimeProvider time)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid || body.Node is not JsonObject message || (string?)message["type"] != "message" ||
            message["attachments"] is not JsonArray { Count: > 0 } attachments ||
            attachments.Any(a => (string?)a?["contentType"] != "application/vnd.microsoft.card.adaptive" || (string?)a?["content"]?["type"] != "AdaptiveCard"))
        {
            return JsonResponse.Of(
                new JsonObject { ["error"] = "Expected {\"type\":\"message\",\"attachments\":[{\"contentType\":\"application/vnd.microsoft.card.adaptive\",\"content\":{\"type\":\"AdaptiveCard\",...}}]}." },
                StatusCodes.Status400BadRequest);
        }

        store.Add(time.GetUtcNow(), JsonText.Of(message), "teams");
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }
}
