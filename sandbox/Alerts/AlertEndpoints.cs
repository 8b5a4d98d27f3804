using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Alerts;

/// Maps the alert webhook: POST /alerts with any JSON body answers 202 and records it.
internal static class AlertEndpoints
{
    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/alerts", ReceiveAsync);

    private static async Task<IResult> ReceiveAsync(HttpRequest request, AlertStore store, TimeProvider time)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return JsonResponse.Of(
                new JsonObject { ["error"] = $"Body must be JSON: {body.Error}" }, StatusCodes.Status400BadRequest);
        }

        var alert = store.Add(time.GetUtcNow(), JsonText.Of(body.Node));
        return JsonResponse.Of(new JsonObject { ["id"] = alert.Id, ["status"] = "accepted" }, StatusCodes.Status202Accepted);
    }
}
